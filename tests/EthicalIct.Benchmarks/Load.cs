using System.Collections.Concurrent;
using System.Diagnostics;

namespace EthicalIct.Benchmarks;

public sealed record Throughput(string Name, int Concurrency, long Operations, long Errors, double Seconds)
{
    public double PerSecond => Operations / Seconds;

    /// <summary>Slowest and fastest round when several rounds were summed.</summary>
    public (double Min, double Max) Spread { get; init; } = (double.NaN, double.NaN);

    public int Rounds { get; init; } = 1;

    public static Throughput Combine(IEnumerable<Throughput> rounds)
    {
        var all = rounds.ToList();
        return new Throughput(all[0].Name, all[0].Concurrency, all.Sum(r => r.Operations), all.Sum(r => r.Errors), all.Sum(r => r.Seconds))
        {
            Spread = (all.Min(r => r.PerSecond), all.Max(r => r.PerSecond)),
            Rounds = all.Count,
        };
    }
}

public sealed record Latency(string Name, int Count, long Errors, double P50, double P95, double P99, double AchievedRate);

/// <summary>Closed-loop (N workers as fast as they go) and open-loop (fixed arrival rate) load, bounded in time.</summary>
public static class Load
{
    public static async Task<Throughput> ClosedLoopAsync(string name, int concurrency, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        long ok = 0, errors = 0;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async w =>
        {
            while (stop.Elapsed < duration)
            {
                try
                {
                    if (await operation(w))
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return new Throughput(name, concurrency, ok, errors, stop.Elapsed.TotalSeconds);
    }

    /// <summary>Starts one operation every 1/rate seconds whatever the previous ones do; latency in milliseconds.</summary>
    public static async Task<(Latency Latency, List<(DateTimeOffset Ack, T Value)> Results)> OpenLoopAsync<T>(string name, int ratePerSecond, TimeSpan duration,
        Func<Task<T?>> operation)
    {
        var latencies = new ConcurrentBag<double>();
        var results = new ConcurrentBag<(DateTimeOffset, T)>();
        long errors = 0;
        var interval = TimeSpan.FromSeconds(1.0 / ratePerSecond);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = interval * sent;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            sent++;
            inFlight.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var value = await operation();
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (value is null)
                    {
                        Interlocked.Increment(ref errors);
                        return;
                    }

                    latencies.Add(ms);
                    results.Add((DateTimeOffset.UtcNow, value));
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref errors);
                }
            }));
        }

        await Task.WhenAll(inFlight);
        var sorted = latencies.OrderBy(x => x).ToArray();
        return (new Latency(name, sorted.Length, errors, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sent / duration.TotalSeconds),
            [.. results]);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
