using System.Text;
using System.Text.Json.Nodes;
using Alba;
using CloudNative.CloudEvents.SystemTextJson;
using EthicalIct.Api.Development;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md PC10: the service stopped in the middle of webhook deliveries loses nothing: after a restart on the
/// same database every event the subscriber may see reaches it, checked against the stored events, in order per
/// stream. A host and a database of its own, because the test stops the service.
/// </summary>
public sealed class WebhookRestartTests : IAsyncLifetime
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";
    private string _connection = "";
    private IAlbaHost? _host;

    public async Task InitializeAsync()
    {
        _connection = await TestDatabase.CreateAsync("webhookrestart");
        _host = await AppFixture.StartHostAsync(_connection, new CapturedLogs());
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }
    }

    private string Token(string org, string role) => DevTokens.Create(_host!.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, org, role);

    private async Task<JsonNode> PostAsync(string org, string role, string url, string json, int status)
    {
        var result = await _host!.Scenario(s =>
        {
            s.Post.Text(json).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Token(org, role));
            s.StatusCodeShouldBe(status);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!;
    }

    [Fact]
    public async Task PC10_e2e_the_service_stopped_mid_delivery_loses_nothing_and_keeps_the_order_per_stream_after_a_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = _ => TimeSpan.FromMilliseconds(400);
        string[] numbers = ["923456783", "934567897", "911111152", "922222223", "933333337"];
        foreach (var (number, i) in numbers.Select((n, i) => (n, i)))
        {
            var supplier = (await PostAsync(Oslo, "case-officer", "/api/suppliers", Scenarios.RegisterBody($"Supplier {i} AS", number), 201))["id"]!.GetValue<Guid>();
            await PostAsync(Oslo, "case-officer", $"/api/suppliers/{supplier}/sites", Scenarios.SiteBody(1), 201);
            await PostAsync(Oslo, "case-officer", "/api/contracts",
                $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":1000000}""", 201);
        }

        // Subscribed to the whole history: stop the service while its deliveries are under way, then start it again on the same database.
        await PostAsync(Dfo, "coordinator", "/api/webhooks", $$"""{"url":"{{receiver.Url}}","startAfter":0}""", 201);
        await receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= 3, TimeSpan.FromSeconds(30), "the first deliveries");
        await _host!.StopAsync();
        await _host.DisposeAsync();
        var deliveredBefore = receiver.Received.Count;
        _host = await AppFixture.StartHostAsync(_connection, new CapturedLogs());

        // What DFØ may see, from the stored events themselves: its own, and every event of another organisation whose class is not private.
        var visible = await Scenarios.VisibleToAsync(_connection, Dfo);
        visible.Count.ShouldBeGreaterThan(15);
        deliveredBefore.ShouldBeLessThan(visible.Count, "the stop came mid-delivery");
        await receiver.WaitForAsync(r => visible.All(p => r.Any(x => x.AnsweredWith == 200 && x.Headers["webhook-id"] == $"evt_{p}")), TimeSpan.FromSeconds(60),
            "every visible event after the restart");

        // In order per stream: each stream's versions arrive ascending (a resend after the stop repeats, never reorders).
        var firsts = receiver.Accepted.Where(r => r.Headers["webhook-id"].StartsWith("evt_", StringComparison.Ordinal))
            .Select(r => new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(r.Body), null, null))
            .GroupBy(e => e.Id).Select(g => g.First()).ToList();
        foreach (var stream in firsts.GroupBy(e => (string)e["streamid"]!))
        {
            stream.Select(e => Convert.ToInt64(e["streamversion"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBeInOrder(SortDirection.Ascending, stream.Key);
        }

        firsts.Select(e => Convert.ToInt64(e["position"], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(visible, "once each, in the feed's order");
    }
}
