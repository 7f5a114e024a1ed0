using System.Diagnostics;
using System.Globalization;
using EthicalIct.Api.Development;
using Npgsql;

namespace EthicalIct.Reliability;

/// <summary>The harness's options: full or short runs, which scenarios, and a promise broken on purpose.</summary>
public sealed record Options(bool Full, IReadOnlyList<int> Scenarios, string? Break, string? Output)
{
    /// <summary>Scales a full-run figure down to the short run's.</summary>
    public int Count(int full, int @short) => Full ? full : @short;

    public double Rate(double full, double @short) => Full ? full : @short;
}

/// <summary>The six faults of issue #15, each on its own database, each ending with <see cref="Rig.FinishAsync"/>.</summary>
public static class Scenarios
{
    /// <summary>1. <c>kill -9</c> of the service twice under load; clients retry with the same Idempotency-Key until answered.</summary>
    public static async Task<Result> KillAsync(LocalPostgres pg, Options o)
    {
        var (count, rate) = (o.Count(5000, 600), o.Rate(200, 30));
        var result = new Result("1. service killed twice",
            $"kill -9 of the service twice during {count} commands at {rate}/s: once from outside at 25 % of the load, and once by the service itself " +
            "right after it committed a new assessment, before the answer left (crash-after-commit), soon after it was back");
        await using var rig = await Rig.StartAsync(pg, "s1" + (o.Break is null ? "" : "_broken"), o);
        var driver = rig.Driver();
        await driver.PrepareAsync();
        var load = driver.RunAsync(count, rate);
        await Task.Delay(TimeSpan.FromSeconds(count / rate * 0.25));
        rig.Node.Kill();
        await rig.Node.WaitForRestartsAsync(1, TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var crashing = driver.SendCrashingAsync();
        await rig.Node.WaitForRestartsAsync(2, TimeSpan.FromMinutes(3));
        await load;
        await crashing;
        result.Add("restarts (s from death to /health/live)", string.Join(", ", rig.Node.Restarts.Select(r => r.SecondsToLive.ToString("0.0", CultureInfo.InvariantCulture))));
        await rig.FinishAsync(result, maxResends: 2 * 25);
        return result;
    }

    /// <summary>2. PostgreSQL stopped at once (<c>pg_ctl stop -m immediate</c>) for 10 s under load.</summary>
    public static async Task<Result> DatabaseStopAsync(LocalPostgres pg, Options o)
    {
        var (seconds, rate) = (o.Count(60, 30), o.Rate(200, 50));
        var result = new Result("2. PostgreSQL stopped", $"pg_ctl stop -m immediate for 10 s, {seconds} s of load at {rate}/s");
        await using var rig = await Rig.StartAsync(pg, "s2", o);
        var driver = rig.Driver();
        await driver.PrepareAsync();
        var clock = Stopwatch.StartNew();
        await using var probe = new HealthProbe(rig.Node, clock);
        var (stopped, back) = await FaultUnderLoadAsync(driver, (int)(seconds * rate), rate, clock, TimeSpan.FromSeconds(10), async () =>
        {
            await pg.KillAsync();
            return () => pg.StartAgainAsync();
        });
        var ready = probe.ReadyAfter(back);
        var outage = probe.Samples.Where(s => s.At > stopped + 1 && s.At < back).ToList();
        result.Add("PostgreSQL down (s)", back - stopped);
        result.Add("ready again after PostgreSQL's return (s)", ready is { } r ? r - back : double.NaN);
        result.Add("readiness during the outage", string.Join(", ", outage.Where(s => s.Path == "/health/ready").GroupBy(s => s.Status).Select(g => $"{g.Key}×{g.Count()}")));
        result.Add("503 answers without Retry-After", driver.NoRetryAfter);
        result.Expect(ready is { } t && t - back <= 5, "ready again within 5 s of PostgreSQL's return");
        result.Expect(driver.NoRetryAfter == 0, "every 503 carries Retry-After");
        result.Expect(outage.Where(s => s.Path == "/health/ready").All(s => s.Status == 503), "readiness is 503 while PostgreSQL is down");
        await rig.FinishAsync(result, maxResends: 25);
        return result;
    }

    /// <summary>3. PostgreSQL frozen (SIGSTOP of every server process for 15 s, then SIGCONT) under load.</summary>
    public static async Task<Result> DatabaseFreezeAsync(LocalPostgres pg, Options o)
    {
        var (seconds, rate) = (o.Count(60, 35), o.Rate(100, 50));
        var result = new Result("3. PostgreSQL frozen", $"SIGSTOP of every PostgreSQL process for 15 s, then SIGCONT; {seconds} s of load at {rate}/s");
        await using var rig = await Rig.StartAsync(pg, "s3", o);
        var driver = rig.Driver();
        await driver.PrepareAsync();
        var clock = Stopwatch.StartNew();
        await using var probe = new HealthProbe(rig.Node, clock);
        var pids = new List<int>();
        var (frozen, thawed) = await FaultUnderLoadAsync(driver, (int)(seconds * rate), rate, clock, TimeSpan.FromSeconds(15), async () =>
        {
            pids = await Signal(pg, "STOP");
            return () => Signal(pg, "CONT", pids);
        });
        var during = probe.Samples.Where(s => s.At >= frozen && s.At <= thawed).ToList();
        // The promise is about the freeze (and the first seconds after it); a probe outside it is reported, not judged.
        var slow = probe.Samples.Where(s => s.At >= frozen && s.At <= thawed + 2 && (s.Status == -1 || s.Seconds > 1)).ToList();
        var slowOutside = probe.Samples.Where(s => (s.At < frozen || s.At > thawed + 2) && (s.Status == -1 || s.Seconds > 1)).ToList();
        var ready = probe.ReadyAfter(thawed);
        result.Add("processes frozen", pids.Count);
        result.Add("health probes during the freeze (answers)", string.Join(", ", during.GroupBy(s => $"{s.Path} {s.Status}").Select(g => $"{g.Key}×{g.Count()}")));
        result.Add("health probes slower than 1 s during the freeze", slow.Count);
        result.Add("health probes slower than 1 s outside the freeze (under load, not judged)", slowOutside.Count == 0 ? "0"
            : string.Join(", ", slowOutside.Select(x => $"{x.Path} at {x.At - frozen:+0.0;-0.0} s from the freeze, {(x.Status == -1 ? "no answer" : x.Status.ToString(CultureInfo.InvariantCulture))} after {x.Seconds:0.00} s")));
        result.Add("slowest answer (s): /health/live, /health/ready", string.Join(", ", new[] { "/health/live", "/health/ready" }
            .Select(path => probe.Samples.Where(s => s.Path == path).Select(s => s.Seconds).DefaultIfEmpty().Max().ToString("0.000", CultureInfo.InvariantCulture))));
        result.Add("requests without an answer within 30 s", driver.TimedOut);
        result.Add("ready again after the thaw (s)", ready is { } r ? r - thawed : double.NaN);
        result.Expect(slow.Count == 0, $"health answers within 1 s during the freeze ({slow.Count} did not: " +
            string.Join(", ", slow.Select(x => $"{x.Path} at {x.At - frozen:+0.0;-0.0} s from the freeze, {(x.Status == -1 ? "no answer" : x.Status.ToString(CultureInfo.InvariantCulture))} after {x.Seconds:0.00} s")) + ")");
        result.Expect(driver.TimedOut == 0, $"no request hangs past its timeout ({driver.TimedOut} did)");
        await rig.FinishAsync(result, maxResends: 25);
        return result;
    }

    /// <summary>4. Many commands while some transactions roll back (lost races) and a few stay open for seconds.</summary>
    public static async Task<Result> RollbacksAsync(LocalPostgres pg, Options o)
    {
        var (count, rate) = (o.Count(10_000, 600), o.Rate(200, 50));
        var hold = TimeSpan.FromSeconds(o.Full ? 8 : 4);
        var result = new Result("4. rollbacks and long transactions",
            $"{count} commands at {rate}/s; appends raced in pairs on one version (the loser's transaction rolls back, burning sequence numbers); " +
            $"three transactions hold an event sequence number open for {hold.TotalSeconds:0} s, then roll back");
        await using var rig = await Rig.StartAsync(pg, "s4", o);
        var driver = rig.Driver(raceShare: 0.08);
        await driver.PrepareAsync();
        var load = driver.RunAsync(count, rate);
        var lags = new List<double>();
        var duration = count / rate;
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, (duration * 0.25) - (hold.TotalSeconds / 3))));
            await using var conn = new NpgsqlConnection(rig.ConnectionString);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using (var burn = new NpgsqlCommand($"select nextval('{Checks.Schema}.mt_events_sequence'), txid_current()", conn, tx))
            {
                await burn.ExecuteNonQueryAsync();
            }

            await Task.Delay(hold);
            await tx.RollbackAsync();
            await using var newest = new NpgsqlCommand($"select max(seq_id) from {Checks.Schema}.mt_events", conn);
            var mark = (long)(await newest.ExecuteScalarAsync())!;
            lags.Add(await Checks.CaughtUpAsync(rig.ConnectionString, TimeSpan.FromMinutes(2), mark));
        }

        await load;
        var entries = rig.Ledger.Entries;
        result.Add("rolled back (lost races, 409)", $"{entries.Count(e => e.Final == 409)} of {entries.Count} ({100.0 * entries.Count(e => e.Final == 409) / entries.Count:0.0} %)");
        result.Add("lag after each long transaction ended: every subscription past the newest event (s)", string.Join(", ", lags.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture))));
        await using (var conn = new NpgsqlConnection(rig.ConnectionString))
        {
            await conn.OpenAsync();
            await using var skips = new NpgsqlCommand($"select count(*) from {Checks.Schema}.mt_high_water_skips", conn);
            result.Add("gaps the high-water mark skipped (mt_high_water_skips)", await SafeScalarAsync(skips));
        }

        await rig.FinishAsync(result);
        return result;
    }

    /// <summary>5. A webhook receiver down for minutes; a receiver that answers 410; a dead letter replayed.</summary>
    public static async Task<Result> ReceiverDownAsync(LocalPostgres pg, Options o)
    {
        var down = TimeSpan.FromSeconds(o.Full ? 300 : 20);
        double[] schedule = o.Full ? [1, 2, 4, 8, 15, 30, 60, 60, 60, 60, 60, 60] : [1, 2, 4, 8, 15];
        var rate = o.Rate(20, 10);
        var result = new Result("5. webhook receiver down",
            $"Oslo's receiver refuses connections for {down.TotalSeconds:0} s under {rate} commands/s (retry schedule {string.Join(", ", schedule)} s); " +
            "a second subscription's receiver answers 410; a third's answers 500 to one event until its schedule is spent, then the dead letter is replayed");
        await using var rig = await Rig.StartAsync(pg, "s5", o, retrySeconds: schedule);
        await using var gone = await Receiver.StartAsync();
        gone.Answer = _ => 410;
        var goneId = await rig.SubscribeAsync(Rig.Oslo, gone.Url);
        await using var poisoned = await Receiver.StartAsync();
        long? poison = null;
        var healed = false;
        poisoned.Answer = d =>
        {
            poison ??= d.Position;
            return d.Position == poison && !healed ? 500 : 200;
        };
        var poisonedId = await rig.SubscribeAsync(Rig.Oslo, poisoned.Url);

        var driver = rig.Driver();
        await driver.PrepareAsync();
        var load = driver.RunAsync((int)((down.TotalSeconds + 25) * rate), rate);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await rig.OsloHook.DownAsync();
        await Task.Delay(down);
        await rig.OsloHook.UpAsync();
        var up = Stopwatch.StartNew();
        await load;

        // 410: the subscription is disabled, with the reason.
        var subscriptions = (await rig.GetAsync(Rig.Oslo, "/api/webhooks")).AsArray();
        var goneView = subscriptions.Single(s => s!["subscription"]!["id"]!.GetValue<Guid>() == goneId)!["subscription"]!;
        result.Add("410 receiver: requests / subscription active / reason", $"{gone.Received.Count} / {goneView["active"]} / {goneView["disabledReason"]}");
        result.Expect(gone.Received.Count == 1 && !goneView["active"]!.GetValue<bool>(), "a receiver that answers 410 disables its subscription after one request");

        // 500 until the schedule is spent: a dead letter, visible, then replayed once.
        var deadline = TimeSpan.FromSeconds(schedule.Sum() + 60);
        var dead = await PollAsync(async () => (await rig.GetAsync(Rig.Oslo, $"/api/webhooks/{poisonedId}/dead-letters")).AsArray(), a => a.Count > 0, deadline);
        result.Add("dead letters after the schedule was spent", dead.Count);
        result.Expect(dead.Count == 1 && dead[0]!["position"]!.GetValue<long>() == poison, "the failing event is dead-lettered and visible");
        healed = true;
        await rig.PostAsync(Rig.Oslo, $"/api/webhooks/{poisonedId}/dead-letters/replay", "{}");
        await Rig.WaitAsync(() => poisoned.Accepted.Any(d => d.Position == poison), TimeSpan.FromSeconds(30));
        var replayed = poisoned.Accepted.Count(d => d.Position == poison);
        result.Add("dead letter replayed (deliveries of that event accepted)", replayed);
        result.Expect(replayed == 1, "the replayed dead letter arrives once");

        await rig.FinishAsync(result, beforeStop: () =>
        {
            result.Add("Oslo's receiver: requests refused while down, then accepted after its return (s until complete)", up.Elapsed.TotalSeconds);
            return Task.CompletedTask;
        });
        return result;
    }

    /// <summary>6. The service killed while the subscriptions are working through pages.</summary>
    public static async Task<Result> KillMidPageAsync(LocalPostgres pg, Options o)
    {
        var (count, rate) = (o.Count(3000, 900), o.Rate(200, 60));
        var result = new Result("6. killed mid-page", $"kill -9 three times during {count} commands at {rate}/s, one of them 1 s after a restart while the subscriptions catch up");
        await using var rig = await Rig.StartAsync(pg, "s6", o);
        rig.OsloHook.Answer = _ =>
        {
            Thread.Sleep(5);
            return 200;
        };
        var driver = rig.Driver();
        await driver.PrepareAsync();
        var load = driver.RunAsync(count, rate);
        var duration = count / rate;
        await Task.Delay(TimeSpan.FromSeconds(duration * 0.3));
        var progress = new List<string> { await ShardsAsync(rig.ConnectionString) };
        rig.Node.Kill();
        await rig.Node.WaitForRestartsAsync(1, TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1));
        progress.Add(await ShardsAsync(rig.ConnectionString));
        rig.Node.Kill();
        await rig.Node.WaitForRestartsAsync(2, TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(duration * 0.3));
        progress.Add(await ShardsAsync(rig.ConnectionString));
        rig.Node.Kill();
        await rig.Node.WaitForRestartsAsync(3, TimeSpan.FromMinutes(2));
        await load;
        result.Add("behind the newest event at each kill (shared view / audit / snapshots)", string.Join("; ", progress));
        result.Add("restarts (s from death to /health/live)", string.Join(", ", rig.Node.Restarts.Select(r => r.SecondsToLive.ToString("0.0", CultureInfo.InvariantCulture))));
        await rig.FinishAsync(result, maxResends: 3 * 25);
        return result;
    }

    /// <summary>
    /// Runs <paramref name="count"/> commands at <paramref name="rate"/>; 8 s in, starts <paramref name="fault"/> and
    /// undoes it (the function it answers) <paramref name="length"/> later; answers when the fault began and ended on
    /// <paramref name="clock"/>, once the load is done.
    /// </summary>
    private static async Task<(double From, double To)> FaultUnderLoadAsync(Driver driver, int count, double rate, Stopwatch clock, TimeSpan length,
        Func<Task<Func<Task>>> fault)
    {
        var load = driver.RunAsync(count, rate);
        await Task.Delay(TimeSpan.FromSeconds(8));
        var undo = await fault();
        var from = clock.Elapsed.TotalSeconds;
        await Task.Delay(length);
        await undo();
        var to = clock.Elapsed.TotalSeconds;
        await load;
        return (from, to);
    }

    private static async Task<string> ShardsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"select (select max(seq_id) from {Checks.Schema}.mt_events) - coalesce((select last_seq_id from {Checks.Schema}.mt_event_progression where name = @n), 0) from (values (1)) v", conn);
        var p = cmd.Parameters.Add(new NpgsqlParameter("n", ""));
        var behind = new List<string>();
        foreach (var name in new[] { "shared-view:All", "audit-trail:All", "case-snapshots:All" })
        {
            p.Value = name;
            behind.Add(Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "?");
        }

        return string.Join(" / ", behind);
    }

    private static async Task<object> SafeScalarAsync(NpgsqlCommand cmd)
    {
        try
        {
            return await cmd.ExecuteScalarAsync() ?? 0;
        }
        catch (PostgresException e)
        {
            return e.MessageText;
        }
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> PollAsync(Func<Task<System.Text.Json.Nodes.JsonArray>> read, Func<System.Text.Json.Nodes.JsonArray, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>Sends a signal to the cluster's postmaster and every process under it; returns the processes signalled.</summary>
    private static async Task<List<int>> Signal(LocalPostgres pg, string signal, List<int>? pids = null)
    {
        if (pids is null)
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(pg.Directory, "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            pids = [postmaster, .. Children(postmaster)];
        }

        foreach (var pid in pids)
        {
            using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        return pids;
    }

    private static IEnumerable<int> Children(int parent) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsDigit)).Select(d => int.Parse(d!, CultureInfo.InvariantCulture))
            .Where(pid =>
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == parent;
                }
                catch (IOException)
                {
                    return false;
                }
            }).ToList();
}
