namespace EthicalIct.Api.Partners;

/// <summary>
/// Wakes the live streams and the webhook dispatcher of this process when the audit trail has chained new events (the
/// audit handler pulses it after its commit). Waiters also wake on their own timeout, so events chained by another node
/// arrive too, only later.
/// </summary>
public sealed class FeedSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next pulse or after the timeout, whichever comes first (never throws on timeout).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var next = Volatile.Read(ref _next).Task;
        await Task.WhenAny(next, Task.Delay(timeout, ct));
        ct.ThrowIfCancellationRequested();
    }
}
