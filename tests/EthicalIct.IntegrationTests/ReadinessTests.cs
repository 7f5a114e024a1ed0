using EthicalIct.Api.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

public class ReadinessTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private ProjectionHealthCheck Check(ManualClock clock) =>
        new(Host.Services.GetRequiredService<HealthDataSource>(), Fixture.Store,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Health:ProjectionStallSeconds"] = "30" }).Build(),
            clock, new ShardProgressTracker(), new HealthFlights());

    private async Task SetProgressAsync(string name, long sequence)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "insert into ethicalict.mt_event_progression (name, last_seq_id) values (@name, @seq) on conflict (name) do update set last_seq_id = @seq", conn);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("seq", sequence);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task a_projection_behind_live_events_that_does_not_move_makes_readiness_unhealthy()
    {
        await Fixture.RegisterSupplierAsync(Oslo);
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await SetProgressAsync("RiskRegisterEntry:All", 0);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var check = Check(clock);

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Healthy, "behind, but only just seen");
        clock.Now += TimeSpan.FromSeconds(31);
        var stalled = await check.CheckHealthAsync(new HealthCheckContext());
        stalled.Status.ShouldBe(HealthStatus.Unhealthy);
        stalled.Description!.ShouldContain("RiskRegisterEntry:All at 0");
    }

    [Fact]
    public async Task martens_bookkeeping_rows_for_gaps_are_not_projections()
    {
        await Fixture.RegisterSupplierAsync(Oslo);
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        await SetProgressAsync("HighWaterStuckGap", 0);
        await SetProgressAsync("HighWaterAllocationFence", 0);
        await SetProgressAsync("SomethingUnregistered:All", 0);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var check = Check(clock);

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Healthy);
        clock.Now += TimeSpan.FromMinutes(10);
        var later = await check.CheckHealthAsync(new HealthCheckContext());
        later.Status.ShouldBe(HealthStatus.Healthy, later.Description);
    }
}
