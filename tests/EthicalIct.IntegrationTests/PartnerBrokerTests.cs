using System.Text;
using Alba;
using CloudNative.CloudEvents.SystemTextJson;
using EthicalIct.Api.Partners;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md PC13: with RabbitMQ configured, partner deliveries go through one durable queue that every node
/// consumes, so any node delivers and a node lost in the middle of deliveries loses nothing. A real broker from
/// Debian's rabbitmq-server (started like the test PostgreSQL), two nodes in balanced mode on one database.
/// </summary>
public sealed class PartnerBrokerTests : IAsyncLifetime
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";

    private LocalRabbitMq _broker = null!;
    private string _connection = "";
    private IAlbaHost? _a;
    private IAlbaHost? _b;

    public async Task InitializeAsync()
    {
        _broker = await LocalRabbitMq.StartAsync();
        _connection = await TestDatabase.CreateAsync("broker");
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            if (host is not null)
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }
        }

        await _broker.DisposeAsync();
    }

    private Task<IAlbaHost> StartNodeAsync() => AppFixture.StartHostAsync(_connection, new CapturedLogs(),
        settings: new Dictionary<string, string> { ["ConnectionStrings:RabbitMq"] = _broker.Uri.ToString() }, cluster: true);

    [Fact]
    public async Task PC13_e2e_deliveries_go_through_a_durable_queue_both_nodes_consume_and_a_node_stopped_mid_delivery_loses_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await _a!.PostJsonAsync(Dfo, "coordinator", "/api/webhooks", $$"""{"url":"{{receiver.Url}}","startAfter":0}""", 201);
        string[] first = ["910000004", "910000012", "910000020"];
        foreach (var (number, i) in first.Select((n, i) => (n, i)))
        {
            await _a!.PostJsonAsync(Oslo, "case-officer", "/api/suppliers", Scenarios.RegisterBody($"Broker Supplier {i} AS", number), 201);
        }

        await receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= first.Length, TimeSpan.FromSeconds(60), "the first deliveries");

        // The queue is on the broker, durable, and both nodes consume it.
        var queue = (await _broker.QueuesAsync()).SingleOrDefault(q => q.Name == PartnerBroker.Queue);
        queue.Name.ShouldBe(PartnerBroker.Queue, $"queues on the broker: {string.Join(", ", (await _broker.QueuesAsync()).Select(q => q.Name))}");
        queue.Durable.ShouldBeTrue();
        queue.Consumers.ShouldBe(2);

        // Slow deliveries, more events, and one node stopped while they are under way: the other delivers the rest.
        receiver.Delay = _ => TimeSpan.FromMilliseconds(300);
        string[] more = ["910000039", "910000047", "910000055", "910000063", "910000071", "910000098"];
        foreach (var (number, i) in more.Select((n, i) => (n, i)))
        {
            var supplier = (await _b!.PostJsonAsync(Oslo, "case-officer", "/api/suppliers", Scenarios.RegisterBody($"Broker Supplier {i + 10} AS", number), 201))["id"]!.GetValue<Guid>();
            await _b!.PostJsonAsync(Oslo, "case-officer", $"/api/suppliers/{supplier}/sites", Scenarios.SiteBody(1), 201);
        }

        await receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= first.Length + 2, TimeSpan.FromSeconds(60), "deliveries under way");
        await _a!.StopAsync();
        await _a.DisposeAsync();
        _a = null;

        var visible = await Scenarios.VisibleToAsync(_connection, Dfo);
        visible.Count.ShouldBeGreaterThan(first.Length + more.Length);
        await receiver.WaitForAsync(r => visible.All(p => r.Any(x => x.AnsweredWith == 200 && x.Headers["webhook-id"] == $"evt_{p}")), TimeSpan.FromSeconds(90),
            "every visible event after one node stopped");
        (await _broker.QueuesAsync()).Single(q => q.Name == PartnerBroker.Queue).Consumers.ShouldBe(1);

        // Once each in the feed's order (first deliveries; a resend after the stop repeats, never reorders).
        var firsts = receiver.Accepted.Where(r => r.Headers["webhook-id"].StartsWith("evt_", StringComparison.Ordinal))
            .Select(r => new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(r.Body), null, null))
            .GroupBy(e => e.Id).Select(g => g.First()).ToList();
        firsts.Select(e => Convert.ToInt64(e["position"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(visible, "once each, in the feed's order");
    }
}
