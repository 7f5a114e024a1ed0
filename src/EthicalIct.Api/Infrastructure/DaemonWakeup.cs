using JasperFx.Events.Daemon.HighWater;
using Marten;
using Marten.Events.Daemon.HighWater;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Wakes the async daemon when events are appended, at most once per <see cref="MinimumInterval"/>: each transaction
/// that appends sends <c>NOTIFY ethicalict_events</c> (<see cref="NotifyOnAppend"/>), Marten's
/// <see cref="PostgresqlListenWakeup"/> listens, and <see cref="CoalescingDaemonWakeup"/> lets the high-water agent
/// run again no sooner than the interval after its last run. Idle, a new event is picked up at once; under load
/// the projections work in batches of an interval's events instead of one wake-up per append (Marten's own
/// <c>UseListenNotifyForEventAppends</c> wakes per append and cost a quarter of the command throughput;
/// docs/benchmarks.md, P1 and P2). Polling (<c>FastPollingTime</c>) stays as the safety net.
/// </summary>
public static class DaemonWakeup
{
    public const string Channel = "ethicalict_events";
    /// <summary>The default of <c>Marten:DaemonWakeupInterval</c>.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(50);

    public static StoreOptions WakeDaemonOnAppend(this StoreOptions opts, NpgsqlDataSource dataSource, TimeSpan? minimumInterval = null)
    {
        opts.Listeners.Add(new NotifyOnAppend());
        opts.Projections.Wakeup = new CoalescingDaemonWakeup(
            new PostgresqlListenWakeup(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Channel), minimumInterval ?? MinimumInterval,
            TimeProvider.System);
        return opts;
    }

    /// <summary>Queues the NOTIFY into every unit of work that appends events (it is sent only if the transaction commits).</summary>
    private sealed class NotifyOnAppend : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (session.PendingChanges.Streams().Any(s => s.Events.Count > 0))
            {
                session.QueueSqlCommand($"select pg_notify('{Channel}', '')");
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>An <see cref="IDaemonWakeup"/> that returns no sooner than a minimum interval after its last return.</summary>
public sealed class CoalescingDaemonWakeup(IDaemonWakeup inner, TimeSpan minimumInterval, TimeProvider clock) : IDaemonWakeup
{
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public async Task WaitAsync(TimeSpan timeout, CancellationToken token)
    {
        var since = clock.GetUtcNow() - _last;
        var pause = since < minimumInterval ? minimumInterval - since : TimeSpan.Zero;
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, token).ConfigureAwait(false);
        }

        var remaining = timeout - pause;
        if (remaining > TimeSpan.Zero)
        {
            await inner.WaitAsync(remaining, token).ConfigureAwait(false);
        }

        _last = clock.GetUtcNow();
    }

    public void Dispose() => inner.Dispose();
}
