using Alba;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md DL1: deadlines fall due by the service's injected clock, not the wall clock, so a test moves time
/// to make them due; two nodes in balanced mode share the clock, and every overdue check is handled exactly once
/// across them (counted from Wolverine's inbox of handled messages, not only from the events).
/// </summary>
public sealed class DeadlineClockTests : IAsyncLifetime
{
    private const string Oslo = "958935420";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private string _connection = "";
    private IAlbaHost _a = null!;
    private IAlbaHost _b = null!;

    public async Task InitializeAsync()
    {
        _connection = await TestDatabase.CreateAsync("deadlines");
        _a = await StartNodeAsync();
        _b = await StartNodeAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    private Task<IAlbaHost> StartNodeAsync() => AppFixture.StartHostAsync(_connection, new CapturedLogs(),
        settings: new Dictionary<string, string> { ["Deadlines:SweepSeconds"] = "60" }, cluster: true, services: s => s.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task DL1_e2e_moving_the_clock_makes_deadlines_fall_due_and_each_overdue_check_runs_once_across_two_nodes()
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var requests = new List<Guid>();
        foreach (var (host, i) in new[] { _a, _b, _a, _b, _a, _b }.Select((h, i) => (h, i)))
        {
            requests.Add((await host.PostJsonAsync(Oslo, "case-officer", "/api/information-requests",
                $$"""{"direction":"incoming","channel":"email","question":"Question {{i}}: which factories?","receivedOn":"{{today:yyyy-MM-dd}}"}""", 201))["requestId"]!.GetValue<Guid>());
        }

        // Each request's check is stored with its deadline (21 days: due at the start of day 22), waiting.
        await using (var session = _a.Services.GetRequiredService<IDocumentStore>().QuerySession(Api.Partners.ReminderSubscription.Tenant))
        {
            var checks = await session.Query<ScheduledCheck>().Where(c => c.AnyTenant() && c.MessageType.EndsWith("CheckInformationRequestOverdue")).ToListAsync();
            checks.Count.ShouldBe(6);
            checks.ShouldAllBe(c => c.SentAt == null && c.DueAt == new DateTimeOffset(today.AddDays(22).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        }

        // Ten days on: nothing is due, nothing happens.
        await AdvanceAsync(TimeSpan.FromDays(10));
        (await OverdueEventsAsync()).ShouldBe(0);

        // Past the deadline: each request goes overdue once, whichever node swept.
        await AdvanceAsync(TimeSpan.FromDays(13));
        var until = DateTime.UtcNow.AddSeconds(60);
        while (await OverdueEventsAsync() < requests.Count && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        (await OverdueEventsAsync()).ShouldBe(requests.Count);
        (await HandledChecksAsync()).ShouldBe(requests.Count, "each check handled once across both nodes");

        // Later sweeps on both nodes send nothing again.
        await AdvanceAsync(TimeSpan.FromDays(1));
        await AdvanceAsync(TimeSpan.FromDays(1));
        (await HandledChecksAsync()).ShouldBe(requests.Count);
        (await OverdueEventsAsync()).ShouldBe(requests.Count);
        var overdue = (await _b.GetJsonAsync(Oslo, $"/api/information-requests/{requests[0]}", "case-officer"))["overdue"]!.GetValue<bool>();
        overdue.ShouldBeTrue();
    }

    /// <summary>Moves the shared clock in minute steps (each a sweep on each node), then lets the sweeps finish.</summary>
    private async Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        await Task.Delay(1500);
    }

    private async Task<long> OverdueEventsAsync()
    {
        await using var conn = new NpgsqlConnection(_connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from ethicalict.mt_events where type = 'information_request_became_overdue'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Handler executions of the overdue check on any node: Wolverine's durable inbox keeps each handled message (5 minutes by default).</summary>
    private async Task<long> HandledChecksAsync()
    {
        await using var conn = new NpgsqlConnection(_connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*) from ethicalict.wolverine_incoming_envelopes where message_type ilike '%CheckInformationRequestOverdue%' and status = 'Handled'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
