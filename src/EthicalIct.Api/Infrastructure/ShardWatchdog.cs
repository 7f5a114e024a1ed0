using Marten;
using Npgsql;
using Wolverine.Runtime;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Starts again an async projection or subscription shard that stopped moving while behind the high-water mark.
/// Found by the reliability harness (docs/reliability.md, scenario 2): when PostgreSQL went away in the middle of a
/// page, the daemon paused the shards that were writing, and in Wolverine's solo mode nothing started them again; the
/// views stayed frozen for good while commands succeeded. Every <c>Marten:ShardWatchdogSeconds</c> (default
/// 2) the watchdog reads the progress rows; a shard behind the high-water mark that has not moved for
/// <c>Marten:ShardRestartAfterSeconds</c> (default 10) is started again from its stored progress (nothing is skipped:
/// a shard resumes after the last page it committed) by stopping and starting its Wolverine agent on this node. Only the
/// agents this node runs are touched, so in balanced mode another node's shards are left to that node.
/// </summary>
public sealed class ShardWatchdog(IWolverineRuntime runtime, NpgsqlDataSource dataSource, IDocumentStore store, IConfiguration config, TimeProvider clock,
    ILogger<ShardWatchdog> logger) : BackgroundService
{
    private readonly Dictionary<string, (long Sequence, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Marten:ShardWatchdogSeconds", 2.0));
        var after = TimeSpan.FromSeconds(config.GetValue("Marten:ShardRestartAfterSeconds", 10.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stoppingToken);
                await CheckAsync(after, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (ErrorHandling.IsDatabaseUnavailable(e))
            {
                // the database is away; the shards cannot move and are not to blame
                _seen.Clear();
            }
        }
    }

    private async Task CheckAsync(TimeSpan after, CancellationToken ct)
    {
        if (await ProjectionHealthCheck.ReadPositionsAsync(dataSource, store.Options.Events.DatabaseSchemaName, ct) is not { } positions)
        {
            return;
        }

        var highWater = positions.GetValueOrDefault(ProjectionHealthCheck.HighWaterMark);
        var now = clock.GetUtcNow();
        var agents = runtime.Agents.AllRunningAgentUris().Where(u => u.Scheme == "event-subscriptions").ToList();
        foreach (var shard in ((StoreOptions)store.Options).Projections.AllShards().Select(s => s.Name.Identity))
        {
            var sequence = positions.GetValueOrDefault(shard);
            (long Sequence, DateTimeOffset Since) seen = _seen.TryGetValue(shard, out var old) && old.Sequence == sequence ? old : (sequence, now);
            _seen[shard] = seen;
            var suffix = "/" + shard.Replace(':', '/').ToLowerInvariant();
            if (sequence >= highWater || now - seen.Since < after
                || agents.FirstOrDefault(u => u.AbsolutePath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) is not { } agent)
            {
                continue;
            }

            logger.LogWarning("Shard {Shard} has stood at {Sequence} of {HighWater} since {Since:O}; starting its agent {Agent} again from its stored progress",
                shard, sequence, highWater, seen.Since, agent);
            await runtime.Agents.StopLocallyAsync(agent);
            await runtime.Agents.StartLocallyAsync(agent);
            _seen[shard] = (sequence, now);
        }
    }
}
