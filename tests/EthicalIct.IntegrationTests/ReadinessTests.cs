using EthicalIct.Api.Infrastructure;
using Marten;
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

    [Fact]
    public async Task a_shard_behind_the_newest_event_that_does_not_move_makes_readiness_unhealthy()
    {
        await Fixture.RegisterSupplierAsync(Oslo);
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "insert into ethicalict.mt_event_progression (name, last_seq_id) values ('StalledProbe:All', 0)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Health:ProjectionStallSeconds"] = "30" }).Build();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var check = new ProjectionHealthCheck(Host.Services.GetRequiredService<NpgsqlDataSource>(), Fixture.Store, config, clock);

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.ShouldBe(HealthStatus.Healthy, "behind, but only just seen");
        clock.Now += TimeSpan.FromSeconds(31);
        var stalled = await check.CheckHealthAsync(new HealthCheckContext());
        stalled.Status.ShouldBe(HealthStatus.Unhealthy);
        stalled.Description!.ShouldContain("StalledProbe:All");
    }
}
