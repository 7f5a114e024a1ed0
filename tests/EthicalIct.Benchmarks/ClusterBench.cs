using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EthicalIct.Api.Development;
using EthicalIct.TestSupport;
using Npgsql;

namespace EthicalIct.Benchmarks;

/// <summary>One failover: which node died, and seconds from the kill until its agents were placed and its projections moved.</summary>
public sealed record Failover(int Round, bool LeaderKilled, int AgentsMoved, double? Reassigned, double? Moving);

/// <summary>The first 30 s of a restarted node under load, and the same load on the warm node, by code generation mode.</summary>
public sealed record ColdStart(string Mode, double StartSeconds, Latency Cold, Latency Warm);

public sealed record ClusterFigures(Throughput OneNode, Throughput TwoNodes, List<Failover> Failovers, List<ColdStart> ColdStarts, double IdleQueriesSolo, double IdleQueriesBalanced,
    string Distribution);

/// <summary>
/// P9: several nodes on one PostgreSQL (issue #16). Throughput of one node against two (each in balanced mode, the
/// load spread over both), failover (kill -9 of a node under load until its projections move again on the other),
/// the queries per second against PostgreSQL of an idle node in each mode (the cost of the failover timing), and the
/// latency of a restarted node's first 30 s with code generated at start and with pre-generated code.
/// </summary>
public sealed class ClusterBench
{
    private const int Streams = 16 * 20;

    private readonly string _cs;
    private readonly string _apiDir;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(30) };
    private (Guid Id, long Version)[] _streams = [];
    private int _next;

    private ClusterBench(string cs, string apiDir)
    {
        _cs = cs;
        _apiDir = apiDir;
        _http.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Create(Scenarios.SigningKey, Scenarios.Oslo, "case-officer", lifetime: TimeSpan.FromHours(2)));
    }

    public static async Task RunAsync(string adminCs, string root, Settings settings, bool quick, Report report)
    {
        var cs = await FreshDatabaseAsync(adminCs, "ethicalict_bench_cluster");
        var bench = new ClusterBench(cs, Scenarios.ApiDirectory(root));
        var idleSolo = await bench.IdleQueriesAsync(await FreshDatabaseAsync(adminCs, "ethicalict_bench_idle_solo"), balanced: false);
        var idleBalanced = await bench.IdleQueriesAsync(await FreshDatabaseAsync(adminCs, "ethicalict_bench_idle_balanced"), balanced: true);

        // The first node started leads; the second joins.
        var b = await bench.StartNodeAsync(bench._apiDir, balanced: true);
        var a = await bench.StartNodeAsync(bench._apiDir, balanced: true);
        await bench.PrepareAsync(a);
        var spread = await ClusterProbe.WaitForAsync(cs, x => x.Even(2), TimeSpan.FromSeconds(60));
        Console.WriteLine($"P9 agents: {spread.Describe()}");

        await Load.ClosedLoopAsync("warm-up", 16, settings.Warmup / 2, w => bench.IdentifyRiskAsync(w % 2 == 0 ? a : b));
        var two = await Load.ClosedLoopAsync("two nodes (workers alternate)", 16, settings.RunDuration, w => bench.IdentifyRiskAsync(w % 2 == 0 ? a : b));

        var failovers = new List<Failover>();
        var rounds = quick ? 1 : 3;
        for (var round = 1; round <= rounds; round++)
        {
            if (round > 1)
            {
                b = await bench.StartNodeAsync(bench._apiDir, balanced: true);
                await ClusterProbe.WaitForAsync(cs, x => x.Even(2), TimeSpan.FromSeconds(60));
            }

            failovers.Add(await bench.FailoverAsync(a, b, round));
        }

        await Load.ClosedLoopAsync("warm-up", 16, settings.Warmup / 8, _ => bench.IdentifyRiskAsync(a));
        var one = await Load.ClosedLoopAsync("one node", 16, settings.RunDuration, _ => bench.IdentifyRiskAsync(a));
        await a.DisposeAsync();

        var colds = new List<ColdStart> { await bench.ColdStartAsync("code generated at start (Dynamic)", bench._apiDir, []) };
        if (!quick)
        {
            var staticDir = await PregeneratedBuildAsync(root);
            colds.Add(await bench.ColdStartAsync("pre-generated code (Static, as deploy/Dockerfile builds it)", staticDir,
                new Dictionary<string, string> { ["Wolverine__CodeGeneration"] = "Static" }));
        }

        report.Cluster = new ClusterFigures(one, two, failovers, colds, idleSolo, idleBalanced, spread.Describe());
    }

    private Task<ServiceProcess> StartNodeAsync(string dir, bool balanced, IDictionary<string, string>? extra = null) => StartNodeAsync(_cs, dir, balanced, extra);

    private static async Task<ServiceProcess> StartNodeAsync(string cs, string dir, bool balanced, IDictionary<string, string>? extra = null)
    {
        var environment = Scenarios.ServiceEnvironment(cs);
        environment["Wolverine__Solo"] = balanced ? "false" : "true";
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }

        return await ServiceProcess.StartAsync(Path.Combine(dir, "EthicalIct.Api.dll"), dir, environment, "/health/live");
    }

    private async Task PrepareAsync(ServiceProcess node)
    {
        var supplier = await PostAsync(node, "/api/suppliers", """{"legalName":"Cluster Benchmark AS","orgNumber":"923456783","roles":["reseller"]}""");
        _streams = new (Guid, long)[Streams];
        await Parallel.ForAsync(0, Streams, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var opened = await PostAsync(node, "/api/assessments",
                $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"bench","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"bench"}""");
            _streams[i] = (opened, 1);
        });
    }

    private async Task<Guid> PostAsync(ServiceProcess node, string path, string body)
    {
        using var response = await _http.PostAsync(new Uri(node.BaseAddress, path), new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>IdentifyRisk on the next stream (each stream used by one request at a time is not guaranteed; a lost race is an error, not a retry).</summary>
    private async Task<bool> IdentifyRiskAsync(ServiceProcess node)
    {
        var i = Interlocked.Increment(ref _next) % _streams.Length;
        var (id, version) = _streams[i];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseAddress, $"/api/assessments/{id}/risks"))
        {
            Content = new StringContent($$"""{"code":"FL","tier":"T2","country":"CN","description":"cluster benchmark","source":"benchmark","expectedVersion":{{version}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        _streams[i] = (id, body["version"]!.GetValue<long>());
        return true;
    }

    /// <summary>Kills <paramref name="victim"/> under a constant 50 commands/s on <paramref name="survivor"/> and times the failover.</summary>
    private async Task<Failover> FailoverAsync(ServiceProcess survivor, ServiceProcess victim, int round)
    {
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = IdentifyRiskAsync(survivor);
                await Task.Delay(20);
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await ClusterProbe.AssignmentsAsync(_cs);
        var victimNode = LatestOrFirst(before, round);
        var orphaned = before.Agents.Where(x => x.Node == victimNode).Select(x => x.Shard).ToList();
        var (reassigned, moving, _) = await ClusterProbe.FailoverAsync(_cs, victimNode, before.Agents.Count, orphaned, async () => await victim.DisposeAsync(),
            TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await load;
        Console.WriteLine($"P9 failover round {round}: {orphaned.Count} agents, reassigned {reassigned:F1} s, moving {moving:F1} s");
        return new Failover(round, round == 1, orphaned.Count, reassigned, moving);
    }

    /// <summary>The victim's Wolverine node: in round 1 the first registered (it was started first and leads), later the newest.</summary>
    private static Guid LatestOrFirst(ClusterProbe.Assignments a, int round) =>
        round == 1 ? a.First : a.Nodes.OrderByDescending(n => n.Value).First().Key;

    /// <summary>Queries per second an idle node sends PostgreSQL (pg_stat_database's transactions), over 20 s after a 10 s settle.</summary>
    private async Task<double> IdleQueriesAsync(string cs, bool balanced)
    {
        var node = await StartNodeAsync(cs, _apiDir, balanced);
        await using (node)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            var database = new NpgsqlConnectionStringBuilder(cs).Database!;
            var first = await TransactionsAsync(cs, database);
            var watch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(20));
            var second = await TransactionsAsync(cs, database);
            return (second - first) / watch.Elapsed.TotalSeconds;
        }
    }

    private static async Task<long> TransactionsAsync(string cs, string database)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        // The statistics are flushed by each backend at the end of a transaction (and at most every second): force a fresh read.
        await using (var clear = new NpgsqlCommand("select pg_stat_clear_snapshot()", conn))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var cmd = new NpgsqlCommand("select xact_commit + xact_rollback from pg_stat_database where datname = @d", conn);
        cmd.Parameters.AddWithValue("d", database);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A single node started on the store so far (solo), loaded at 50 commands/s from its first /health/live for 30 s, then for 30 s more warm.</summary>
    private async Task<ColdStart> ColdStartAsync(string mode, string dir, Dictionary<string, string> extra)
    {
        var watch = Stopwatch.StartNew();
        await using var node = await StartNodeAsync(dir, balanced: false, extra);
        var start = watch.Elapsed.TotalSeconds;
        var window = TimeSpan.FromSeconds(30);
        var (cold, _) = await Load.OpenLoopAsync("first 30 s", 50, window, async () => await IdentifyRiskAsync(node) ? "ok" : null);
        var (warm, _) = await Load.OpenLoopAsync("next 30 s", 50, window, async () => await IdentifyRiskAsync(node) ? "ok" : null);
        Console.WriteLine($"P9 cold start {mode}: live after {start:F1} s; first 30 s p99 {cold.P99:F0} ms, then p99 {warm.P99:F0} ms");
        return new ColdStart(mode, start, cold, warm);
    }

    /// <summary>
    /// The service built as deploy/Dockerfile builds it, in a copy of the sources: <c>codegen write</c> (Wolverine's
    /// handler and endpoint code into the project), then a Release build with that code compiled in.
    /// </summary>
    private static async Task<string> PregeneratedBuildAsync(string root)
    {
        var copy = Path.Combine(Path.GetTempPath(), "ethicalict-pregenerated");
        if (Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }

        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            Directory.CreateDirectory(copy);
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        var source = Path.Combine(root, "src", "EthicalIct.Api");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith(Path.Combine("Internal", "Generated"), StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(copy, "src", "EthicalIct.Api", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var project = Path.Combine(copy, "src", "EthicalIct.Api");
        await RunAsync(project, new Dictionary<string, string> { ["Wolverine__CodeGeneration"] = "Dynamic" }, "run", "-c", "Release", "--", "codegen", "write");
        var generated = Directory.Exists(Path.Combine(project, "Internal", "Generated")) ? Directory.EnumerateFiles(Path.Combine(project, "Internal", "Generated"), "*.cs", SearchOption.AllDirectories).Count() : 0;
        if (generated == 0)
        {
            throw new InvalidOperationException("codegen write produced no code");
        }

        await RunAsync(project, [], "build", "-c", "Release");
        Console.WriteLine($"P9 pre-generated build: {generated} generated files in {project}");
        return Path.Combine(project, "bin", "Release", "net10.0");
    }

    private static async Task RunAsync(string directory, Dictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({process.ExitCode}): {(await output)[^Math.Min((await output).Length, 3000)..]}{await errors}");
        }
    }

    private static async Task<string> FreshDatabaseAsync(string adminCs, string database)
    {
        await using var admin = new NpgsqlConnection(adminCs);
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminCs) { Database = database, MaxPoolSize = 60 }.ConnectionString;
    }
}
