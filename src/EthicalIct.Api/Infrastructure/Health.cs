using System.Collections.Concurrent;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and no async projection is
/// stalled. Each readiness check waits at most <see cref="CheckTimeout"/>: a database that is frozen rather than down
/// (a paused host, a stuck network) makes the check unhealthy within the second instead of holding the probe open.
/// The checks do not cancel their queries (cancelling a query on a frozen server blocks a timer thread on PostgreSQL's
/// own cancel request, which delayed other probes past a second in the reliability harness); they stop waiting, and a
/// probe that arrives while the previous query still waits joins it (<see cref="HealthFlights"/>) instead of taking
/// another connection.
/// </summary>
public static class Health
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromMilliseconds(300);

    public static IServiceCollection AddEthicalIctHealth(this IServiceCollection services)
    {
        services.AddSingleton<ShardProgressTracker>();
        services.AddSingleton<HealthFlights>();
        services.AddHostedService<ShardWatchdog>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionHealthCheck>("projections", tags: ["ready"])
            .AddCheck<NodeModeGuard>("node-mode", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapEthicalIctHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext ctx, HealthReport report)
    {
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>
/// The readiness checks' own small pool (two connections): under load the service's pool may make a query wait for a
/// connection longer than a check's budget, which says nothing about whether PostgreSQL answers (the reliability
/// harness saw readiness stay 503 for 6 s after an outage while 200 commands/s drained their backlog).
/// </summary>
public sealed record HealthDataSource(NpgsqlDataSource Source);

/// <summary>The readiness queries under way, one per check: a probe joins the query already waiting instead of starting another.</summary>
public sealed class HealthFlights
{
    public Flight Database { get; } = new();

    public Flight Projections { get; } = new();

    public sealed class Flight
    {
        private readonly Lock _gate = new();
        private Task<HealthCheckResult>? _running;

        public Task<HealthCheckResult> Join(Func<Task<HealthCheckResult>> start)
        {
            lock (_gate)
            {
                if (_running is null || _running.IsCompleted)
                {
                    _running = start();
                }

                return _running;
            }
        }
    }
}

internal sealed class DatabaseHealthCheck(HealthDataSource health, HealthFlights flights) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await flights.Database.Join(SelectOneAsync).WaitAsync(Health.CheckTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {Health.CheckTimeout.TotalMilliseconds:0} ms");
        }
    }

    private async Task<HealthCheckResult> SelectOneAsync()
    {
        try
        {
            await using var cmd = health.Source.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync();
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", e);
        }
    }
}

/// <summary>What the readiness check last saw of each shard: its position and since when it has not moved.</summary>
public sealed class ShardProgressTracker
{
    public ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> LastSeen { get; } = new();
}

/// <summary>
/// Readiness of the event pipeline. Only what a reader waits for counts: the high-water mark (stalled when it stays
/// behind the newest stored event) and each registered async projection or subscription shard (stalled when it stays
/// behind the high-water mark), in both cases without moving for <c>Health:ProjectionStallSeconds</c> (default 60).
/// Marten's bookkeeping rows in <c>mt_event_progression</c> (<c>HighWaterStuckGap</c>, <c>HighWaterAllocationFence</c>)
/// are not shards and are ignored: a gap Marten is waiting out or has skipped is not a stalled projection.
/// Marten's own <c>AddMartenAsyncDaemonHealthCheck</c> (Marten.AspNetCore) compares projections with the high-water
/// mark only, so it stays healthy when the high-water mark itself stops; see docs/adr/0011.
/// </summary>
public sealed class ProjectionHealthCheck(HealthDataSource health, IDocumentStore store, IConfiguration config, TimeProvider clock, ShardProgressTracker tracker,
    HealthFlights flights)
    : IHealthCheck
{
    public const string HighWaterMark = "HighWaterMark";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await flights.Projections.Join(() => CheckProgressAsync(CancellationToken.None)).WaitAsync(Health.CheckTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"projection progress could not be read within {Health.CheckTimeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>
    /// Each row of <c>mt_event_progression</c> by name, and the newest stored event under the empty name; null before
    /// the event tables exist. Read by this check and by <see cref="ShardWatchdog"/>.
    /// </summary>
    public static async Task<Dictionary<string, long>?> ReadPositionsAsync(NpgsqlDataSource source, string schema, CancellationToken ct)
    {
        await using var exists = source.CreateCommand($"select to_regclass('{schema}.mt_event_progression') is not null and to_regclass('{schema}.mt_events') is not null");
        if (await exists.ExecuteScalarAsync(ct) is not true)
        {
            return null;
        }

        await using var cmd = source.CreateCommand(
            $"select name, last_seq_id from {schema}.mt_event_progression union all select '', coalesce(max(seq_id), 0) from {schema}.mt_events");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            positions[reader.GetString(0)] = reader.GetInt64(1);
        }

        return positions;
    }

    private async Task<HealthCheckResult> CheckProgressAsync(CancellationToken cancellationToken)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var threshold = TimeSpan.FromSeconds(config.GetValue("Health:ProjectionStallSeconds", 60));
        var now = clock.GetUtcNow();
        var shardNames = ((StoreOptions)store.Options).Projections.AllShards().Select(s => s.Name.Identity).ToHashSet(StringComparer.Ordinal);
        try
        {
            if (await ReadPositionsAsync(health.Source, schema, cancellationToken) is not { } positions)
            {
                return HealthCheckResult.Healthy("no events stored yet");
            }

            var newest = positions[""];
            var highWater = positions.GetValueOrDefault(HighWaterMark);
            var stalled = new List<string>();
            Observe(HighWaterMark, highWater, newest);
            foreach (var shard in shardNames)
            {
                Observe(shard, positions.GetValueOrDefault(shard), highWater);
            }

            return stalled.Count == 0
                ? HealthCheckResult.Healthy($"high-water mark at {highWater} of {newest}; {shardNames.Count} shard(s) keeping up")
                : HealthCheckResult.Unhealthy("stalled: " + string.Join("; ", stalled));

            void Observe(string name, long sequence, long target)
            {
                var seen = tracker.LastSeen.AddOrUpdate(name, _ => (sequence, now), (_, old) => old.Sequence == sequence ? old : (sequence, now));
                if (sequence < target && now - seen.Since > threshold)
                {
                    stalled.Add($"{name} at {sequence} of {target} since {seen.Since:O}");
                }
            }
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy("projection progress could not be read", e);
        }
    }
}
