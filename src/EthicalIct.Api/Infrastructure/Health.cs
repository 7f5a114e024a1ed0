using System.Collections.Concurrent;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and no async projection is stalled.</summary>
public static class Health
{
    public static IServiceCollection AddEthicalIctHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionHealthCheck>("projections", tags: ["ready"]);
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

internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand("select 1");
            await cmd.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer", e);
        }
    }
}

/// <summary>
/// A shard (async projection or subscription) is stalled when it is behind the high-water mark and has not moved
/// for <c>Health:ProjectionStallSeconds</c> (default 60). The high-water mark itself is stalled likewise when it
/// stays behind the newest event.
/// </summary>
internal sealed class ProjectionHealthCheck(NpgsqlDataSource dataSource, IDocumentStore store, IConfiguration config, TimeProvider clock) : IHealthCheck
{
    private static readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset Since)> LastSeen = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var threshold = TimeSpan.FromSeconds(config.GetValue("Health:ProjectionStallSeconds", 60));
        var now = clock.GetUtcNow();
        try
        {
            await using var exists = dataSource.CreateCommand($"select to_regclass('{schema}.mt_event_progression') is not null and to_regclass('{schema}.mt_events') is not null");
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return HealthCheckResult.Healthy("no events stored yet");
            }

            await using var cmd = dataSource.CreateCommand(
                $"select name, last_seq_id, (select coalesce(max(seq_id), 0) from {schema}.mt_events) from {schema}.mt_event_progression");
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            var shards = new List<(string Name, long Sequence, long Newest)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                shards.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }

            var highWater = shards.FirstOrDefault(s => s.Name == "HighWaterMark");
            var stalled = new List<string>();
            foreach (var (name, sequence, newest) in shards)
            {
                var target = name == "HighWaterMark" ? newest : highWater.Name is null ? newest : highWater.Sequence;
                var seen = LastSeen.AddOrUpdate(name, _ => (sequence, now), (_, old) => old.Sequence == sequence ? old : (sequence, now));
                if (sequence < target && now - seen.Since > threshold)
                {
                    stalled.Add($"{name} at {sequence} of {target} since {seen.Since:O}");
                }
            }

            return stalled.Count == 0
                ? HealthCheckResult.Healthy($"{shards.Count} shard(s) keeping up")
                : HealthCheckResult.Unhealthy("stalled: " + string.Join("; ", stalled));
        }
        catch (NpgsqlException e)
        {
            return HealthCheckResult.Unhealthy("projection progress could not be read", e);
        }
    }
}
