using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace EthicalIct.Benchmarks;

/// <summary>Collects the figures of one run and writes docs/benchmarks.md.</summary>
public sealed class Report(bool quick, string command, string root, TimeSpan warmup)
{
    private readonly TimeSpan _warmup = warmup;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private string _postgres = "";
    private string _cpu = "";

    public List<Throughput> Throughputs { get; } = [];

    public List<Latency> Latencies { get; } = [];

    public List<(string Phase, (double Peak, double Steady) Sampled, double Hwm)> Memory { get; } = [];

    public (int Samples, double P50, double P99, Latency Load, int Unseen)? Lag { get; set; }

    public (long Events, double Seconds)? RawRead { get; set; }

    /// <summary>P2 for the shared view: a disclosure's acknowledgement to its copy in the shared view.</summary>
    public (int Samples, double P50, double P99, int Rate, int Unseen)? SharedLag { get; set; }

    /// <summary>P3 for the shared view: the service restarted with its subscription at zero; raw read of the same schema.</summary>
    public (long Stored, long Consumed, double Seconds, long RawEvents, double RawSeconds)? SharedRebuild { get; set; }

    /// <summary>P3 for the audit trail and hash chain: every stored event chained again from zero, in the same restart.</summary>
    public (long Events, double Seconds)? AuditRebuild { get; set; }

    /// <summary>How long the async views took to catch up with the P1 runs before the lag run started.</summary>
    public TimeSpan? CatchUp { get; set; }

    public List<(string Projection, long Events, long Relevant, double Seconds)> Rebuilds { get; } = [];

    /// <summary>P4: the HTTP as-of reads at each point, and the anchors (the late point folded from the first event; its raw events).</summary>
    public (int Events, List<(string Point, long Version, double[] Http)> Points, double[] FullFold, double[] RawEvents)? AsOf { get; set; }

    /// <summary>P6: entries verified and seconds; SHA-256 alone over the same canonical bytes (seconds, bytes); checkpoints checked.</summary>
    public (long Events, double Seconds, double ShaSeconds, long Bytes, int Checkpoints)? Verify { get; set; }

    /// <summary>P5: the load, webhook and SSE lags (ms, sorted), commands acknowledged, stored events, feed pages from the start and near the head (ms, sorted).</summary>
    public (Latency Load, double[] Webhook, double[] Sse, int Acked, long Stored, double[] FeedStart, double[] FeedHead)? Partner { get; set; }

    /// <summary>P5 at scale: events in the audit trail, feed pages from the start and near the head (ms, sorted), seconds to seed and to chain.</summary>
    public (long Stored, double[] FeedStart, double[] FeedHead, double SeedSeconds, double ChainSeconds)? FeedAtScale { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>P9: several nodes on one PostgreSQL.</summary>
    public ClusterFigures? Cluster { get; set; }

    private readonly List<string> _notLanded = [];

    public async Task DescribeMachineAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("show server_version", conn);
        _postgres = (string)(await cmd.ExecuteScalarAsync())!;
        _cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";
    }

    public void NotLanded()
    {


    }

    private static string F(double v, string format = "F0") => double.IsNaN(v) ? "–" : v.ToString(format, Inv);

    private static string Git(string root, string args)
    {
        try
        {
            var psi = new ProcessStartInfo("git", args) { WorkingDirectory = root, RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var o = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return o;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }

    private Throughput Ours(int concurrency) =>
        Throughputs.First(x => x.Concurrency == concurrency && x.Name.StartsWith("EthicalIct", StringComparison.Ordinal));

    private static string Verdict(bool met) => met ? "met" : "**not met**";

    /// <summary>The targets of issue #9 against this run's figures.</summary>
    private void Targets(StringBuilder sb)
    {
        sb.AppendLine("## Targets").AppendLine();
        sb.AppendLine("| target | measured in this run | |").AppendLine("|---|---|---|");
        foreach (var bare in Throughputs.Where(t => t.Name.StartsWith("bare", StringComparison.Ordinal)))
        {
            var ratio = Ours(bare.Concurrency).PerSecond / bare.PerSecond;
            var raw = Throughputs.First(t => t.Concurrency == bare.Concurrency && t.Name.StartsWith("raw Marten", StringComparison.Ordinal));
            sb.AppendLine(Inv, $"| P1 `IdentifyRisk` ≥ 1.0× bare Wolverine endpoint, c={bare.Concurrency} | {F(ratio, "F2")}× bare ({F(Ours(bare.Concurrency).PerSecond / raw.PerSecond, "F2")}× raw Marten) | {Verdict(ratio >= 1.0)} |");
        }

        if (Lag is { } lag)
        {
            sb.AppendLine(Inv, $"| P2 projection lag p99 ≤ 250 ms at 200 commands/s | p99 {F(lag.P99)} ms at {F(lag.Load.AchievedRate)}/s | {Verdict(lag.P99 <= 250)} |");
        }

        if (SharedLag is { } sharedLag)
        {
            sb.AppendLine(Inv, $"| P2 shared overview: disclosure visible to the other parties, p99 ≤ 250 ms at 200 commands/s | p99 {F(sharedLag.P99)} ms ({sharedLag.Samples} disclosures at {sharedLag.Rate}/s on top of the load) | {Verdict(sharedLag.P99 <= 250)} |");
        }

        if (SharedRebuild is { } sr)
        {
            var ratio = sr.Consumed / sr.Seconds / (sr.RawEvents / sr.RawSeconds);
            sb.AppendLine(Inv, $"| P3 shared overview rebuilds from zero ≥ 0.5× raw read | {F(ratio, "F2")}× ({F(sr.Consumed / sr.Seconds)} consumed events/s) | {Verdict(ratio >= 0.5)} |");
        }

        if (AuditRebuild is { } ar && SharedRebuild is { } sr2)
        {
            var ratio = ar.Events / ar.Seconds / (sr2.RawEvents / sr2.RawSeconds);
            sb.AppendLine(Inv, $"| P3 audit trail and hash chain rebuild from zero ≥ 0.5× raw read | {F(ratio, "F2")}× ({F(ar.Events / ar.Seconds)} events/s) | {Verdict(ratio >= 0.5)} |");
        }

        if (RawRead is { } raw2 && Rebuilds.Count > 0)
        {
            var rawRate = raw2.Events / raw2.Seconds;
            var worst = Rebuilds.MinBy(r => r.Relevant / r.Seconds)!;
            var ratio = worst.Relevant / worst.Seconds / rawRate;
            sb.AppendLine(Inv, $"| P3 every async projection rebuilds ≥ 0.5× raw read | slowest: {worst.Projection} {F(ratio, "F2")}× (range {F(Rebuilds.Min(r => r.Relevant / r.Seconds / rawRate), "F2")}–{F(Rebuilds.Max(r => r.Relevant / r.Seconds / rawRate), "F2")}×) | {Verdict(Rebuilds.All(r => r.Relevant / r.Seconds / rawRate >= 0.5))} |");
        }

        if (AsOf is { } asOf)
        {
            var p50s = asOf.Points.Select(p => (p.Point, P50: Load.Percentile(p.Http, 0.5))).ToList();
            sb.AppendLine(Inv, $"| P4 HTTP `asOf` read of a {asOf.Events:N0}-event case, p50 ≤ 20 ms at an early, a middle and a late point | {string.Join(", ", p50s.Select(p => $"{p.Point} {F(p.P50, "F1")} ms"))} | {Verdict(p50s.All(p => p.P50 <= 20))} |");
        }

        if (Verify is { } verify)
        {
            var ratio = verify.ShaSeconds / verify.Seconds;
            sb.AppendLine(Inv, $"| P6 `verify` ≥ 0.5× SHA-256 alone over the same bytes | {F(ratio, "F3")}× ({F(verify.Events / verify.Seconds)} vs {F(verify.Events / verify.ShaSeconds)} events/s) | {Verdict(ratio >= 0.5)} |");
        }

        if (Partner is { } pd)
        {
            sb.AppendLine(Inv, $"| P5 webhook delivery p99 ≤ 1 s from commit to the receiver's 2xx, at 100 events/s | p99 {F(Load.Percentile(pd.Webhook, 0.99))} ms ({pd.Webhook.Length} of {pd.Acked}) | {Verdict(pd.Webhook.Length == pd.Acked && Load.Percentile(pd.Webhook, 0.99) <= 1000)} |");
            sb.AppendLine(Inv, $"| P5 SSE delivery p99 ≤ 500 ms | p99 {F(Load.Percentile(pd.Sse, 0.99))} ms ({pd.Sse.Length} of {pd.Acked}) | {Verdict(pd.Sse.Length == pd.Acked && Load.Percentile(pd.Sse, 0.99) <= 500)} |");
        }

        if (Partner is { } small && FeedAtScale is { } large)
        {
            var ratio = Load.Percentile(large.FeedStart, 0.5) / Load.Percentile(small.FeedStart, 0.5);
            var headRatio = Load.Percentile(large.FeedHead, 0.5) / Load.Percentile(small.FeedHead, 0.5);
            sb.AppendLine(Inv, $"| P5 feed page of 500, p50 at {small.Stored:N0} and at {large.Stored:N0} stored events (cost flat as the store grows) | from the start {F(Load.Percentile(small.FeedStart, 0.5), "F1")} → {F(Load.Percentile(large.FeedStart, 0.5), "F1")} ms ({F(ratio, "F2")}×); near the head {F(Load.Percentile(small.FeedHead, 0.5), "F1")} → {F(Load.Percentile(large.FeedHead, 0.5), "F1")} ms ({F(headRatio, "F2")}×) | {Verdict(ratio <= 2 && headRatio <= 2)} |");
        }

        if (Memory.Count > 0)
        {
            var steady = Memory.Max(m => m.Sampled.Steady);
            sb.AppendLine(Inv, $"| P7 steady RSS ≤ 400 MiB under the P1 and P2 runs | {F(steady)} MiB (highest steady median; peak {F(Memory.Max(m => m.Sampled.Peak))} MiB) | {Verdict(steady <= 400)} |");
        }

        sb.AppendLine();
    }

    /// <summary>The P9 section (also spliced alone into an existing report by <c>--only p9</c>).</summary>
    public string ClusterMarkdown()
    {
        var c = Cluster!;
        var sb = new StringBuilder();
        sb.AppendLine("## P9 Several nodes").AppendLine();
        sb.AppendLine(Inv, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC at {Git(root, "rev-parse --short HEAD")}{(Git(root, "status --porcelain").Length > 0 ? " (with uncommitted changes)" : "")} by `{command}`{(quick ? " (quick: smoke sizes)" : "")}.").AppendLine();
        sb.AppendLine("Nodes of the service in Wolverine's balanced mode on one PostgreSQL (docs/adr/0022), each its own process on this 2-core machine,");
        sb.AppendLine("so two nodes share the same two cores with PostgreSQL and the load generator: the second node buys availability here, not speed.");
        var failover = EthicalIct.Api.Infrastructure.Cluster.Failover.From(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        sb.AppendLine(Inv, $"Failover timing as configured by default: heartbeat every {F(failover.HealthCheck.TotalSeconds)} s, a node stale after {F(failover.StaleNode.TotalSeconds)} s, assignments checked every {F(failover.CheckAssignment.TotalSeconds)} s. Agents when both ran: {c.Distribution}.");
        sb.AppendLine("Throughput: each phase after its own warm-up (two nodes: 60 s spread over both; one node: after the failover rounds and 15 s more).").AppendLine();
        sb.AppendLine("| throughput (`IdentifyRisk`, closed loop) | concurrency | ops/s | errors | two ÷ one |").AppendLine("|---|---:|---:|---:|---:|");
        sb.AppendLine(Inv, $"| one node | {c.OneNode.Concurrency} | {F(c.OneNode.PerSecond)} | {c.OneNode.Errors} | |");
        sb.AppendLine(Inv, $"| two nodes (workers alternate between them) | {c.TwoNodes.Concurrency} | {F(c.TwoNodes.PerSecond)} | {c.TwoNodes.Errors} | {F(c.TwoNodes.PerSecond / c.OneNode.PerSecond, "F2")} |");
        sb.AppendLine();
        sb.AppendLine("Failover: `kill -9` of one node while the other takes 50 commands/s; from the kill until every agent is placed on the survivor, and");
        sb.AppendLine("until every projection and subscription the dead node ran has moved past where it stood at the kill (target: 10 s).").AppendLine();
        sb.AppendLine("| round | node killed | its agents | all agents on the survivor (s) | its projections moving again (s) | ≤ 10 s |").AppendLine("|---:|---|---:|---:|---:|---|");
        foreach (var f in c.Failovers)
        {
            sb.AppendLine(Inv, $"| {f.Round} | {(f.LeaderKilled ? "the leader" : "not the leader")} | {f.AgentsMoved} | {F(f.Reassigned ?? double.NaN, "F1")} | {F(f.Moving ?? double.NaN, "F1")} | {Verdict(f.Moving is { } m && m <= 10)} |");
        }

        sb.AppendLine();
        sb.AppendLine(Inv, $"Cost of the failover timing: an idle node sends PostgreSQL **{F(c.IdleQueriesBalanced, "F1")} transactions/s** in balanced mode against {F(c.IdleQueriesSolo, "F1")}/s in solo mode");
        sb.AppendLine("(`pg_stat_database`, 20 s after a 10 s settle, no load): heartbeats, the leader's assignment check and the shard and scheduled-message polling.").AppendLine();
        sb.AppendLine("Cold start: a node started on the store so far and given 50 commands/s from the moment `/health/live` answers; latency of the first 30 s");
        sb.AppendLine("against the next 30 s.").AppendLine();
        sb.AppendLine("| code | live after (s) | first 30 s p50 / p99 ms | next 30 s p50 / p99 ms | errors |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var cold in c.ColdStarts)
        {
            sb.AppendLine(Inv, $"| {cold.Mode} | {F(cold.StartSeconds, "F1")} | {F(cold.Cold.P50, "F1")} / {F(cold.Cold.P99, "F0")} | {F(cold.Warm.P50, "F1")} / {F(cold.Warm.P99, "F0")} | {cold.Cold.Errors + cold.Warm.Errors} |");
        }

        if (c.ColdStarts.Count == 1)
        {
            sb.AppendLine().AppendLine("(The pre-generated build is measured in the full run only: it compiles a copy of the service.)");
        }

        return sb.ToString();
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks").AppendLine();
        sb.AppendLine("Written by the benchmark project (`tests/EthicalIct.Benchmarks`); do not edit by hand. Every figure is measured together with its");
        sb.AppendLine("anchor in the same run on the same machine and PostgreSQL, and reported as a ratio, because absolute numbers on a shared 2-core");
        sb.AppendLine("machine move by ±30 % between runs. The service and the bare endpoint run as separate processes; the load generator runs beside them.").AppendLine();
        sb.AppendLine("| | |").AppendLine("|---|---|");
        sb.AppendLine(Inv, $"| mode | {(quick ? "**quick** (smoke sizes: figures are not meaningful)" : "full")} |");
        sb.AppendLine(Inv, $"| command | `{command}` |");
        sb.AppendLine(Inv, $"| date | {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC |");
        sb.AppendLine(Inv, $"| commit | {Git(root, "rev-parse --short HEAD")}{(Git(root, "status --porcelain").Length > 0 ? " (with uncommitted changes)" : "")} |");
        sb.AppendLine(Inv, $"| machine | {Environment.ProcessorCount} cores, {_cpu}, {F(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, "F0")} GiB |");
        sb.AppendLine(Inv, $"| PostgreSQL | {_postgres}, local cluster from the system's binaries (fsync on), 127.0.0.1 |");
        sb.AppendLine(Inv, $"| .NET | {Environment.Version}, Release |");
        sb.AppendLine(Inv, $"| run time | {F(Elapsed.TotalSeconds)} s |").AppendLine();

        Targets(sb);

        sb.AppendLine("## P1 Command path").AppendLine();
        sb.AppendLine("Closed loop: N workers send as fast as they are answered. The EthicalIct command is `IdentifyRisk` on an existing assessment");
        sb.AppendLine("with nothing switched off: bearer token, a fresh `Idempotency-Key` (its record written in the command's transaction), JSON rules,");
        sb.AppendLine("tenant session, aggregate load, expected-version check, validation, decision, append, inline snapshot, commit, stored answer.");
        sb.AppendLine("The service runs as it is configured by default (tracing and metrics are collected only when an OTLP endpoint is set or");
        sb.AppendLine("`Telemetry:Tracing`/`Telemetry:Metrics` is on). (The hash chain has not landed.) Anchors: a bare Wolverine.HTTP endpoint");
        sb.AppendLine("appending one event with defaults and nothing else; raw Marten `Events.Append` + `SaveChangesAsync`; a raw Npgsql single-row");
        sb.AppendLine(Inv, $"insert (the commit-rate limit). All four are warmed up first ({F(_warmup.TotalSeconds)} s of load on the service; the JIT keeps recompiling");
        sb.AppendLine("hot methods for about 90 s, see the profile below).").AppendLine();
        sb.AppendLine(Inv, $"Each row sums {(Throughputs.Count > 0 ? Throughputs[0].Rounds : 0)} interleaved rounds; the spread is the slowest and the fastest round.").AppendLine();
        sb.AppendLine("| what | concurrency | ops/s | rounds (min–max ops/s) | errors | EthicalIct ÷ this |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var t in Throughputs)
        {
            var ours = Ours(t.Concurrency);
            sb.AppendLine(Inv, $"| {t.Name} | {t.Concurrency} | {F(t.PerSecond)} | {F(t.Spread.Min)}–{F(t.Spread.Max)} | {t.Errors} | {F(ours.PerSecond / t.PerSecond, "F2")} |");
        }

        sb.AppendLine();
        foreach (var l in Latencies)
        {
            sb.AppendLine(Inv, $"Latency at a fixed arrival rate of {F(l.AchievedRate)} commands/s (open loop, {l.Count} commands, {l.Errors} errors): ");
            sb.AppendLine(Inv, $"**p50 {F(l.P50, "F1")} ms, p95 {F(l.P95, "F1")} ms, p99 {F(l.P99, "F1")} ms**.").AppendLine();
        }

        sb.AppendLine("## P2 Projection lag").AppendLine();
        if (Lag is { } lag)
        {
            sb.AppendLine("From a command's acknowledgement to its risk appearing in the **risk register** (async projection, Wolverine-managed daemon).");
            sb.AppendLine("Every commit that appends events sends a PostgreSQL `NOTIFY`; the daemon listens (Marten's `PostgresqlListenWakeup` behind");
            sb.AppendLine("a coalescing wrapper that wakes it at most every 50 ms, `Marten:DaemonWakeupInterval`) instead of waiting for its 250 ms / 1 s poll. The other async");
            sb.AppendLine("views (assessment list, supplier outcome, follow-up board) are woken by the same signal.");
            sb.AppendLine("The P1 runs outpace the async views (they append faster than the daemon folds); the lag run starts once every view has");
            sb.AppendLine(Inv, $"caught up, which took {F(CatchUp?.TotalSeconds ?? double.NaN, "F1")} s after the P1 runs.");
            sb.AppendLine(Inv, $"Measured at {F(lag.Load.AchievedRate)} commands/s sustained for the run ({lag.Samples} samples, polled every 20 ms; {lag.Unseen} not seen before the end):");
            sb.AppendLine(Inv, $"**p50 {F(lag.P50)} ms, p99 {F(lag.P99)} ms**. Command latency in the same run: p50 {F(lag.Load.P50, "F1")} ms, p99 {F(lag.Load.P99, "F1")} ms.").AppendLine();
        }

        if (SharedLag is { } sl)
        {
            sb.AppendLine(Inv, $"**Shared overview.** During the same run a coordinator discloses {sl.Rate} risk summaries per second (of risks the load has just");
            sb.AppendLine("identified); from each disclosure's acknowledgement to its copy being readable by the other parties (the `shared-view`");
            sb.AppendLine("subscription hands the page to the Wolverine handler, which stores the copy and the overview):");
            sb.AppendLine(Inv, $"**p50 {F(sl.P50)} ms, p99 {F(sl.P99)} ms** ({sl.Samples} samples; {sl.Unseen} not seen before the end).").AppendLine();
        }

        sb.AppendLine("## P3 Rebuild").AppendLine();
        if (SharedRebuild is { } rb)
        {
            var rawRate = rb.RawEvents / rb.RawSeconds;
            sb.AppendLine(Inv, $"**Shared overview** (subscription + Wolverine handler, docs/adr/0014). {rb.Stored:N0} events in the service's store, of which");
            sb.AppendLine(Inv, $"{rb.Consumed:N0} are of the types the shared view reads (registry, contracts, dialogues, questionnaires, disclosures, follow-up items,");
            sb.AppendLine("generated across the three organisations). The service is restarted with the subscription's progress at zero; the first");
            sb.AppendLine("page clears the view. Timed from the first progress recorded to the last event (the start of the process is not counted).");
            sb.AppendLine(Inv, $"Anchor: reading every event of that store through Marten (`QueryAllRawEvents`, pages of 10,000): {F(rawRate)} events/s.").AppendLine();
            sb.AppendLine("| view | events consumed | seconds | consumed events/s | consumed ÷ raw read |").AppendLine("|---|---:|---:|---:|---:|");
            sb.AppendLine(Inv, $"| shared overview, common suppliers, disclosures, registry activity | {rb.Consumed:N0} | {F(rb.Seconds, "F1")} | {F(rb.Consumed / rb.Seconds)} | {F(rb.Consumed / rb.Seconds / rawRate, "F2")} |");
            if (AuditRebuild is { } ab)
            {
                sb.AppendLine(Inv, $"| audit trail, hash chain, Merkle frontier and signed checkpoints (every event; in the same restart, concurrently) | {ab.Events:N0} | {F(ab.Seconds, "F1")} | {F(ab.Events / ab.Seconds)} | {F(ab.Events / ab.Seconds / rawRate, "F2")} |");
            }

            sb.AppendLine();
        }

        if (RawRead is { } raw)
        {
            var rawRate = raw.Events / raw.Seconds;
            sb.AppendLine(Inv, $"{raw.Events:N0} events generated across the three organisations (assessments with scored risks, follow-up items).");
            sb.AppendLine(Inv, $"Anchor: reading all of them through Marten (`QueryAllRawEvents`, pages of 10,000): **{F(rawRate)} events/s**.").AppendLine();
            sb.AppendLine("The daemon reads only the event types a projection handles, so both rates are given: all stored events over the rebuild");
            sb.AppendLine("time, and the events the projection actually consumed. The ratio compares the consumed rate with the raw read.").AppendLine();
            sb.AppendLine("| projection | events consumed | seconds | stored events/s | consumed events/s | consumed ÷ raw read |").AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var r in Rebuilds)
            {
                sb.AppendLine(Inv, $"| {r.Projection} | {r.Relevant:N0} | {F(r.Seconds, "F1")} | {F(r.Events / r.Seconds)} | {F(r.Relevant / r.Seconds)} | {F(r.Relevant / r.Seconds / rawRate, "F2")} |");
            }

            sb.AppendLine();
        }

        sb.AppendLine("## P4 Time travel").AppendLine();
        if (AsOf is { } tt)
        {
            sb.AppendLine(Inv, $"One assessment of {tt.Events:N0} events built through the service's commands (100 risks identified, then scored again and again,");
            sb.AppendLine("every score kept in its history), read over HTTP (`GET /api/assessments/{id}?asOf=`) as of the moments three of its versions were");
            sb.AppendLine("recorded; the service keeps a snapshot every 200 versions (ADR 0016), so a read loads one snapshot and folds at most 199 events.");
            sb.AppendLine("20 timed reads after 5 warm-ups each, one at a time. Anchors: the late point folded from the first event through Marten");
            sb.AppendLine("(time travel without snapshots, no HTTP) and the raw events up to it.").AppendLine();
            sb.AppendLine("| read | version shown | p50 ms | p95 ms |").AppendLine("|---|---:|---:|---:|");
            foreach (var (point, version, http) in tt.Points)
            {
                sb.AppendLine(Inv, $"| HTTP as of the {point} point | {version:N0} | {F(Load.Percentile(http, 0.5), "F2")} | {F(Load.Percentile(http, 0.95), "F2")} |");
            }

            sb.AppendLine(Inv, $"| anchor: the late point folded from the first event (`AggregateStreamAsync`, no snapshot) | {tt.Points[^1].Version:N0} | {F(Load.Percentile(tt.FullFold, 0.5), "F2")} | {F(Load.Percentile(tt.FullFold, 0.95), "F2")} |");
            sb.AppendLine(Inv, $"| anchor: the raw events up to the late point (`FetchStreamAsync`) | {tt.Points[^1].Version:N0} | {F(Load.Percentile(tt.RawEvents, 0.5), "F2")} | {F(Load.Percentile(tt.RawEvents, 0.95), "F2")} |");
            sb.AppendLine();
        }

        sb.AppendLine("## P5 Partner channels").AppendLine();
        if (Partner is { } pc)
        {
            sb.AppendLine(Inv, $"`IdentifyRisk` at a fixed 100 commands/s ({F(pc.Load.AchievedRate)}/s achieved, {pc.Load.Errors} errors) while a webhook subscription (a receiver in the benchmark");
            sb.AppendLine("process on 127.0.0.1, answering 200 at once) and a live SSE client follow `risk_identified`. Lag: from the command's acknowledgement");
            sb.AppendLine("to the receiver getting the request, and to the SSE client reading the message (the path: commit → audit trail page → signal →");
            sb.AppendLine("dispatcher → a page of due events, sent one at a time in order and recorded together; the SSE stream reads the same page).").AppendLine();
            sb.AppendLine("| channel | delivered | p50 ms | p95 ms | p99 ms |").AppendLine("|---|---:|---:|---:|---:|");
            sb.AppendLine(Inv, $"| webhook | {pc.Webhook.Length} of {pc.Acked} | {F(Load.Percentile(pc.Webhook, 0.5))} | {F(Load.Percentile(pc.Webhook, 0.95))} | {F(Load.Percentile(pc.Webhook, 0.99))} |");
            sb.AppendLine(Inv, $"| SSE | {pc.Sse.Length} of {pc.Acked} | {F(Load.Percentile(pc.Sse, 0.5))} | {F(Load.Percentile(pc.Sse, 0.95))} | {F(Load.Percentile(pc.Sse, 0.99))} |");
            sb.AppendLine();
            sb.AppendLine(Inv, $"A feed page of 500 (`GET /api/feed?limit=500`, as Oslo's case officer) with {pc.Stored:N0} events in the store, 20 timed reads after 5 warm-ups:").AppendLine();
            sb.AppendLine("| cursor | p50 ms | p95 ms |").AppendLine("|---|---:|---:|");
            sb.AppendLine(Inv, $"| from the start (`after=0`) | {F(Load.Percentile(pc.FeedStart, 0.5), "F1")} | {F(Load.Percentile(pc.FeedStart, 0.95), "F1")} |");
            sb.AppendLine(Inv, $"| near the head (2,000 positions before it) | {F(Load.Percentile(pc.FeedHead, 0.5), "F1")} | {F(Load.Percentile(pc.FeedHead, 0.95), "F1")} |");
            sb.AppendLine();
        }

        if (FeedAtScale is { } fs)
        {
            sb.AppendLine(Inv, $"The same page at scale: the service's store filled with the shared-view seed (contracts, dialogues, disclosures, follow-up items of the");
            sb.AppendLine(Inv, $"three; {F(fs.SeedSeconds)} s) and the service started again to chain it ({F(fs.ChainSeconds)} s), {fs.Stored:N0} events in the audit trail:").AppendLine();
            sb.AppendLine("| cursor | p50 ms | p95 ms |").AppendLine("|---|---:|---:|");
            sb.AppendLine(Inv, $"| from the start (`after=0`) | {F(Load.Percentile(fs.FeedStart, 0.5), "F1")} | {F(Load.Percentile(fs.FeedStart, 0.95), "F1")} |");
            sb.AppendLine(Inv, $"| near the head (2,000 positions before it) | {F(Load.Percentile(fs.FeedHead, 0.5), "F1")} | {F(Load.Percentile(fs.FeedHead, 0.95), "F1")} |");
            sb.AppendLine();
        }

        sb.AppendLine("## P6 Verify").AppendLine();
        if (Verify is { } v)
        {
            sb.AppendLine(Inv, $"`ChainVerifier.VerifyAsync` (what `verify` runs) over this run's whole log: {v.Events:N0} entries and {v.Checkpoints} checkpoints —");
            sb.AppendLine("events read from the store in pages, canonical bytes, event and chain hashes, the Merkle tree, every checkpoint's root and");
            sb.AppendLine("signature. Anchor: SHA-256 alone over the same canonical bytes on one core (read into memory first; best of three passes).").AppendLine();
            sb.AppendLine("| what | events/s | MB/s | ÷ SHA-256 alone |").AppendLine("|---|---:|---:|---:|");
            sb.AppendLine(Inv, $"| verify | {F(v.Events / v.Seconds)} | {F(v.Bytes / v.Seconds / 1e6, "F1")} | {F(v.ShaSeconds / v.Seconds, "F3")} |");
            sb.AppendLine(Inv, $"| SHA-256 alone | {F(v.Events / v.ShaSeconds)} | {F(v.Bytes / v.ShaSeconds / 1e6, "F1")} | 1.000 |");
            sb.AppendLine();
        }

        sb.AppendLine("## P7 Memory of the service").AppendLine();
        sb.AppendLine("| phase | peak RSS MiB (sampled) | steady RSS MiB (median, second half) | VmHWM MiB |").AppendLine("|---|---:|---:|---:|");
        foreach (var m in Memory)
        {
            sb.AppendLine(Inv, $"| {m.Phase} | {F(m.Sampled.Peak)} | {F(m.Sampled.Steady)} | {F(m.Hwm)} |");
        }

        if (Cluster is not null)
        {
            sb.AppendLine().Append(ClusterMarkdown());
        }

        var profile = Path.Combine(root, "tests", "EthicalIct.Benchmarks", "profile.md");
        if (File.Exists(profile))
        {
            sb.AppendLine().AppendLine(File.ReadAllText(profile).TrimEnd());
        }

        sb.AppendLine().AppendLine("## Not measured yet").AppendLine();
        foreach (var n in _notLanded)
        {
            sb.AppendLine("- " + n);
        }

        return sb.ToString();
    }
}
