using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EthicalIct.Api.Assessments;
using EthicalIct.Api.Development;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Roundtables;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;

namespace EthicalIct.Benchmarks;

public sealed record RawNote(string Note);

public sealed partial class Scenarios : IAsyncDisposable
{
    internal const string Oslo = "958935420";
    internal const string SigningKey = "ethicalict-benchmark-signing-key-0000000000000001";
    // Enough assessments that each receives a realistic number of risks (tens, not hundreds) over a full run: the
    // inline snapshot of the write model grows with its risks, and a stream with 300 risks costs four times the
    // upsert of one with 20 (pg_stat_statements, docs/benchmarks.md profile).
    private const int StreamsPerWorker = 200;

    private readonly Settings _settings;
    private readonly Report _report;
    private readonly ServiceProcess _api;
    private readonly ServiceProcess _bare;
    private readonly HttpClient _http;
    private readonly DocumentStore _raw;
    private readonly NpgsqlDataSource _npgsql;
    private readonly string _token;
    private readonly string _coordinatorToken;
    private Guid _supplier;
    private string _cs = "";

    private Scenarios(Settings settings, Report report, ServiceProcess api, ServiceProcess bare, DocumentStore raw, NpgsqlDataSource npgsql)
    {
        _settings = settings;
        _report = report;
        _api = api;
        _bare = bare;
        _raw = raw;
        _npgsql = npgsql;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
        _token = DevTokens.Create(SigningKey, Oslo, "case-officer", lifetime: TimeSpan.FromHours(2));
        _coordinatorToken = DevTokens.Create(SigningKey, Oslo, "coordinator", lifetime: TimeSpan.FromHours(2));
        _http.DefaultRequestHeaders.Authorization = new("Bearer", _token);
    }

    public static async Task<Scenarios> StartAsync(string cs, string root, Settings settings, Report report)
    {
        var apiDir = ApiDirectory(root);
        if (!File.Exists(Path.Combine(apiDir, "EthicalIct.Api.dll")))
        {
            throw new InvalidOperationException($"Build the service in Release first (no {apiDir}/EthicalIct.Api.dll); the benchmark command does that.");
        }

        var api = await StartServiceAsync(cs, apiDir);
        var bare = await ServiceProcess.StartAsync(typeof(BenchMain).Assembly.Location, AppContext.BaseDirectory,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, "/bare/health", "serve-bare", cs);

        var raw = DocumentStore.For(o =>
        {
            o.Connection(cs);
            o.DatabaseSchemaName = "bench_raw";
            o.AutoCreateSchemaObjects = AutoCreate.All;
        });
        var npgsql = NpgsqlDataSource.Create(cs);
        await using (var cmd = npgsql.CreateCommand("create schema if not exists bench_npgsql; create table if not exists bench_npgsql.rows (id bigserial primary key, data jsonb not null)"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var s = new Scenarios(settings, report, api, bare, raw, npgsql) { _cs = cs };
        s._supplier = await s.RegisterSupplierAsync();
        return s;
    }

    private async Task<Guid> RegisterSupplierAsync()
    {
        var response = await _http.PostAsync(new Uri(_api.BaseAddress, "/api/suppliers"),
            new StringContent("""{"legalName":"Benchmark Supplier AS","orgNumber":"923456783","roles":["reseller"]}""", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
    }

    private async Task<(Guid Id, long Version)[]> OpenAssessmentsAsync(int count)
    {
        var streams = new (Guid Id, long Version)[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) => streams[i] = (await OpenAssessmentAsync(), 1));
        return streams;
    }

    private async Task<Guid> OpenAssessmentAsync()
    {
        var response = await _http.PostAsync(new Uri(_api.BaseAddress, "/api/assessments"), new StringContent(
            $$"""{"supplierId":"{{_supplier}}","frameworkAgreement":"bench","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"bench"}""",
            Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>
    /// IdentifyRisk through the whole HTTP path, with a fresh Idempotency-Key (so the key's claim and stored answer are
    /// part of the measured work); answers the new version and the risk id, or null on failure.
    /// </summary>
    private async Task<(long Version, Guid Risk)?> IdentifyRiskAsync(Guid assessment, long expectedVersion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_api.BaseAddress, $"/api/assessments/{assessment}/risks"))
        {
            Content = new StringContent(
                $$"""{"code":"FL","tier":"T2","country":"CN","description":"benchmark risk","source":"benchmark","expectedVersion":{{expectedVersion}}}""",
                Encoding.UTF8, "application/json"),
        };
        if (Environment.GetEnvironmentVariable("BENCH_NO_KEY") != "1")
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        }
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        return (body["version"]!.GetValue<long>(), body["itemId"]!.GetValue<Guid>());
    }

    /// <summary>
    /// <c>--profile [seconds] [concurrency]</c>: the P1 command load only, on the service alone, with its process id
    /// printed first, so <c>dotnet-trace collect -p</c> or <c>dotnet-counters monitor -p</c> can attach.
    /// </summary>
    public async Task ProfileAsync(TimeSpan duration, int concurrency)
    {
        var streams = await OpenAssessmentsAsync(concurrency * StreamsPerWorker);

        var counters = new int[concurrency];
        var warmup = int.TryParse(Environment.GetEnvironmentVariable("BENCH_WARMUP"), out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(3);
        await Load.ClosedLoopAsync("warm-up", concurrency, warmup, Run);
        Console.WriteLine($"PROFILE service pid {_api.Pid}: {concurrency} workers for {duration.TotalSeconds:F0} s");
        var result = await Load.ClosedLoopAsync("EthicalIct HTTP command (IdentifyRisk)", concurrency, duration, Run);
        Console.WriteLine($"PROFILE {result.Operations} ok, {result.Errors} errors in {result.Seconds:F1} s: {result.PerSecond:F0} ops/s");
        return;

        async Task<bool> Run(int w)
        {
            var i = (w * StreamsPerWorker) + (counters[w]++ % StreamsPerWorker);
            var answer = await IdentifyRiskAsync(streams[i].Id, streams[i].Version);
            if (answer is null)
            {
                return false;
            }

            streams[i].Version = answer.Value.Version;
            return true;
        }
    }

    /// <summary>P1 and P7 (during the command runs).</summary>
    public async Task CommandPathAsync()
    {
        var maxWorkers = _settings.Concurrency.Max();
        var streams = await OpenAssessmentsAsync(maxWorkers * StreamsPerWorker);

        var rawStreams = Enumerable.Range(0, streams.Length).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var seed = _raw.LightweightSession())
        {
            foreach (var id in rawStreams)
            {
                seed.Events.StartStream(id, new RawNote("start"));
            }

            await seed.SaveChangesAsync();
        }

        var bareStreams = Enumerable.Range(0, streams.Length).Select(_ => Guid.CreateVersion7()).ToArray();
        var counters = new int[maxWorkers];
        int Next(int worker) => (worker * StreamsPerWorker) + (counters[worker]++ % StreamsPerWorker);

        // Warm-up until the JIT has settled: under load the runtime keeps recompiling hot methods (tiered
        // compilation with dynamic PGO) for about 90 s in the service (thousands of methods across ASP.NET Core,
        // Wolverine, Marten and Npgsql) and for much less in the bare endpoint. Measured with dotnet-counters
        // (dotnet.jit.compilation.time); both are measured warm, as they run in production.
        await Load.ClosedLoopAsync("warm-up", maxWorkers, _settings.Warmup, async w => await HttpAsync(w));
        await Load.ClosedLoopAsync("warm-up", maxWorkers, _settings.Warmup / 2, async w => await BareAsync(w));
        await Load.ClosedLoopAsync("warm-up", maxWorkers, _settings.Warmup / 4, RawAsync);

        var memory = new MemorySampler(_api);
        // The four are interleaved in rounds and summed, so that a slow minute of the shared machine touches all of them
        // rather than one; the spread of the rounds is reported beside the sum.
        foreach (var concurrency in _settings.Concurrency)
        {
            var rounds = new List<Throughput>();
            for (var round = 0; round < _settings.Rounds; round++)
            {
                rounds.Add(await Load.ClosedLoopAsync("EthicalIct HTTP command (IdentifyRisk)", concurrency, _settings.RunDuration, HttpAsync));
                rounds.Add(await Load.ClosedLoopAsync("bare Wolverine.HTTP append", concurrency, _settings.RunDuration, BareAsync));
                rounds.Add(await Load.ClosedLoopAsync("raw Marten append + SaveChanges", concurrency, _settings.RunDuration, RawAsync));
                rounds.Add(await Load.ClosedLoopAsync("raw Npgsql single-row insert", concurrency, _settings.RunDuration, async _ =>
                {
                    await using var cmd = _npgsql.CreateCommand("insert into bench_npgsql.rows (data) values ('{\"note\":\"x\"}'::jsonb)");
                    return await cmd.ExecuteNonQueryAsync() == 1;
                }));
            }

            _report.Throughputs.AddRange(rounds.GroupBy(r => r.Name).Select(Throughput.Combine));
        }

        var pool = new ConcurrentQueue<(Guid, long)>(await OpenAssessmentsAsync(1000));

        var (latency, _) = await Load.OpenLoopAsync("EthicalIct HTTP command (IdentifyRisk)", _settings.ArrivalRate, _settings.LatencyDuration, () => PooledAsync(pool));
        _report.Latencies.Add(latency);
        await memory.DisposeAsync();
        _report.Memory.Add(("P1 command runs", memory.Result(), _api.Memory().Peak));
        return;

        async Task<bool> RawAsync(int w)
        {
            await using var session = _raw.LightweightSession();
            session.Events.Append(rawStreams[Next(w)], new RawNote("x"));
            await session.SaveChangesAsync();
            return true;
        }

        async Task<bool> HttpAsync(int w)
        {
            var i = Next(w);
            var result = await IdentifyRiskAsync(streams[i].Id, streams[i].Version);
            if (result is null)
            {
                return false;
            }

            streams[i].Version = result.Value.Version;
            return true;
        }

        async Task<bool> BareAsync(int w)
        {
            using var response = await _http.PostAsync(new Uri(_bare.BaseAddress, $"/bare/{bareStreams[Next(w)]}"),
                new StringContent("""{"note":"x"}""", Encoding.UTF8, "application/json"));
            return response.IsSuccessStatusCode;
        }
    }

    private async Task<Guid?> PooledAsync(ConcurrentQueue<(Guid Id, long Version)> pool, ConcurrentQueue<(Guid Assessment, Guid Risk)>? identified = null)
    {
        if (!pool.TryDequeue(out var stream))
        {
            return null;
        }

        var result = await IdentifyRiskAsync(stream.Id, stream.Version);
        pool.Enqueue(result is null ? stream : (stream.Id, result.Value.Version));
        if (result is { } r)
        {
            identified?.Enqueue((stream.Id, r.Risk));
        }

        return result?.Risk;
    }

    /// <summary>P2: acknowledgement to visibility in the async risk register, at a fixed arrival rate.</summary>
    public async Task ProjectionLagAsync(TimeSpan? duration = null)
    {
        // The P1 runs outpace the async views; P2 is the lag at a sustained rate, not the time to digest that backlog.
        _report.CatchUp = await WaitForProjectionsAsync(TimeSpan.FromMinutes(5));
        var pool = new ConcurrentQueue<(Guid, long)>(await OpenAssessmentsAsync(1000));

        var acked = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var lags = new ConcurrentBag<double>();
        var identified = new ConcurrentQueue<(Guid Assessment, Guid Risk)>();
        var disclosed = new ConcurrentDictionary<Guid, DateTimeOffset>();
        var sharedLags = new ConcurrentBag<double>();
        using var stop = new CancellationTokenSource();
        var sharedPoller = Task.Run(() => PollUntilSeenAsync("select id from ethicalict.mt_doc_shareddisclosure where id = any($1)", disclosed, sharedLags, stop.Token));
        var discloser = Task.Run(async () =>
        {
            // Disclosures at SharedDisclosureRate per second among the risks the load identifies: each is acknowledged, then
            // polled for in the shared view (what another party reads).
            var interval = TimeSpan.FromSeconds(1.0 / SharedDisclosureRate);
            var next = Stopwatch.StartNew();
            var sent = 0;
            while (!stop.IsCancellationRequested)
            {
                var wait = interval * sent - next.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                sent++;
                if (identified.TryDequeue(out var risk) && await DiscloseAsync(risk.Assessment, risk.Risk) is { } id)
                {
                    disclosed[id] = DateTimeOffset.UtcNow;
                }
            }
        });
        var poller = Task.Run(async () =>
        {
            // runs until the load has stopped and every acknowledged risk has been seen (bounded below)
            while (!stop.IsCancellationRequested || !acked.IsEmpty)
            {
                var pending = acked.Keys.ToArray();
                if (pending.Length > 0)
                {
                    await using var cmd = _npgsql.CreateCommand("select id from ethicalict.mt_doc_riskregisterentry where id = any($1)");
                    cmd.Parameters.AddWithValue(pending);
                    await using var reader = await cmd.ExecuteReaderAsync();
                    var now = DateTimeOffset.UtcNow;
                    while (await reader.ReadAsync())
                    {
                        if (acked.TryRemove(reader.GetGuid(0), out var at))
                        {
                            lags.Add((now - at).TotalMilliseconds);
                        }
                    }
                }

                await Task.Delay(20);
            }
        });

        var memory = new MemorySampler(_api);
        var (latency, _) = await Load.OpenLoopAsync("IdentifyRisk at fixed rate (lag run)", _settings.ArrivalRate, duration ?? _settings.LagDuration, async () =>
        {
            var risk = await PooledAsync(pool, identified);
            if (risk is { } r)
            {
                acked[r] = DateTimeOffset.UtcNow;
            }

            return risk;
        });
        await stop.CancelAsync();
        await discloser;
        await Task.WhenAny(Task.WhenAll(poller, sharedPoller), Task.Delay(TimeSpan.FromSeconds(60)));
        await memory.DisposeAsync();
        _report.Memory.Add(("P2 lag run", memory.Result(), _api.Memory().Peak));
        var sorted = lags.OrderBy(x => x).ToArray();
        _report.Lag = (sorted.Length, Load.Percentile(sorted, 0.5), Load.Percentile(sorted, 0.99), latency, acked.Count);
        var shared = sharedLags.OrderBy(x => x).ToArray();
        _report.SharedLag = (shared.Length, Load.Percentile(shared, 0.5), Load.Percentile(shared, 0.99), SharedDisclosureRate, disclosed.Count);
    }

    /// <summary>Disclosures per second during the lag run (on top of the IdentifyRisk load).</summary>
    private const int SharedDisclosureRate = 10;

    /// <summary>A coordinator discloses a risk summary; answers the disclosure id, or null on failure.</summary>
    private async Task<Guid?> DiscloseAsync(Guid assessment, Guid risk)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_api.BaseAddress, $"/api/assessments/{assessment}/risks/{risk}/disclosures"))
        {
            Content = new StringContent("""{"showDescription":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", _coordinatorToken);
        using var response = await _http.SendAsync(request);
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonNode>())!["disclosureId"]!.GetValue<Guid>() : null;
    }

    /// <summary>Polls every 20 ms for the acknowledged ids until the load has stopped and all were seen; records each lag.</summary>
    private async Task PollUntilSeenAsync(string sql, ConcurrentDictionary<Guid, DateTimeOffset> acked, ConcurrentBag<double> lags, CancellationToken stopped)
    {
        var deadline = Stopwatch.StartNew();
        while (!stopped.IsCancellationRequested || (!acked.IsEmpty && deadline.Elapsed < TimeSpan.FromMinutes(10)))
        {
            var pending = acked.Keys.ToArray();
            if (pending.Length > 0)
            {
                await using var cmd = _npgsql.CreateCommand(sql);
                cmd.Parameters.AddWithValue(pending);
                await using var reader = await cmd.ExecuteReaderAsync();
                var now = DateTimeOffset.UtcNow;
                while (await reader.ReadAsync())
                {
                    if (acked.TryRemove(reader.GetGuid(0), out var at))
                    {
                        lags.Add((now - at).TotalMilliseconds);
                    }
                }
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The service in Release as its own process on the benchmark database (demo seed off, logging at Warning).</summary>
    private static Task<ServiceProcess> StartServiceAsync(string cs, string apiDir)
    {
        var environment = ServiceEnvironment(cs);
        // P5's webhook receiver listens on 127.0.0.1 in the benchmark process.
        environment["Webhooks__AllowedHosts__0"] = "127.0.0.1";

        // For profiling experiments (--profile): BENCH_API_ENV="K=V|K=V" adds settings to the service's environment.
        foreach (var pair in (Environment.GetEnvironmentVariable("BENCH_API_ENV") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        }

        return ServiceProcess.StartAsync(Path.Combine(apiDir, "EthicalIct.Api.dll"), apiDir, environment, "/health/ready");
    }

    /// <summary>What every service process of the benchmark runs with: Development (the benchmark's token key), its database, no demo data, logging at Warning.</summary>
    internal static Dictionary<string, string> ServiceEnvironment(string cs) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Marten"] = cs,
        ["Auth__DevSigningKey"] = SigningKey,
        ["Demo__Seed"] = "false",
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    internal static string ApiDirectory(string root) => Path.Combine(root, "src", "EthicalIct.Api", "bin", "Release", "net10.0");

    /// <summary>
    /// P3 for the shared view: shared-view events generated into the service's store, then the service restarted with the
    /// subscription's progress at zero; timed from its first recorded progress to the last event. Anchor: a raw read of
    /// every event in that store.
    /// </summary>
    public static async Task SharedViewRebuildAsync(string cs, string root, Settings settings, Report report)
    {
        var types = EthicalIct.Api.SharedView.SharedViewRules.EventTypes.Select(t => SnakeCase().Replace(t.Name, "$1_$2").ToLowerInvariant()).ToArray();
        using var store = ServiceStore(cs);
        await SeedSharedAsync(store, Math.Max(2_000, settings.RebuildEvents / 5));

        var (rawCount, rawSeconds) = await RawReadAsync(store);
        await using var npgsql = NpgsqlDataSource.Create(cs);
        long consumed, target;
        await using (var cmd = npgsql.CreateCommand("select count(*), coalesce(max(seq_id), 0) from ethicalict.mt_events where type = any($1)"))
        {
            cmd.Parameters.AddWithValue(types);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            (consumed, target) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        long allEvents, allTarget;
        await using (var cmd = npgsql.CreateCommand("select count(*) filter (where type <> 'tombstone'), coalesce(max(seq_id), 0) from ethicalict.mt_events"))
        {
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            (allEvents, allTarget) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        // Both subscriptions start from zero when the service starts again: the shared view and the audit trail with its chain.
        await using (var cmd = npgsql.CreateCommand("delete from ethicalict.mt_event_progression where name like 'shared-view%' or name like 'audit-trail%'"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var shared = Task.Run(() => TimeCatchUpAsync(npgsql, "shared-view%", target, clock, stop.Token));
        var audit = Task.Run(() => TimeCatchUpAsync(npgsql, "audit-trail%", allTarget, clock, stop.Token));
        await using (var api = await StartServiceAsync(cs, ApiDirectory(root)))
        {
            await Task.WhenAny(Task.WhenAll(shared, audit), Task.Delay(TimeSpan.FromMinutes(10)));
        }

        await stop.CancelAsync();
        var (sharedSeconds, auditSeconds) = (await shared, await audit);
        report.SharedRebuild = (rawCount, consumed, sharedSeconds, rawCount, rawSeconds);
        report.AuditRebuild = (allEvents, auditSeconds);
    }

    /// <summary>A store on the service's own schema, as the service configures its events, for seeding.</summary>
    private static DocumentStore ServiceStore(string cs) => DocumentStore.For(o => EventsAsTheServiceStores(o, cs, "ethicalict", AutoCreate.None));

    /// <summary>The service's event settings (guid streams, conjoined tenancy, camelCase enums as strings), quick append for seeding.</summary>
    private static void EventsAsTheServiceStores(StoreOptions o, string cs, string schema, AutoCreate autoCreate)
    {
        o.Connection(cs);
        o.DatabaseSchemaName = schema;
        o.AutoCreateSchemaObjects = autoCreate;
        o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        o.Events.StreamIdentity = StreamIdentity.AsGuid;
        o.Events.TenancyStyle = TenancyStyle.Conjoined;
        o.Events.AppendMode = EventAppendMode.Quick;
    }

    /// <summary>Seconds from a subscription's first recorded progress to its reaching the target position (polled every 20 ms).</summary>
    private static async Task<double> TimeCatchUpAsync(NpgsqlDataSource npgsql, string name, long target, Stopwatch clock, CancellationToken stop)
    {
        TimeSpan? first = null;
        while (!stop.IsCancellationRequested)
        {
            await using var cmd = npgsql.CreateCommand("select coalesce(max(last_seq_id), 0) from ethicalict.mt_event_progression where name like $1");
            cmd.Parameters.AddWithValue(name);
            var progress = (long)(await cmd.ExecuteScalarAsync())!;
            first ??= progress > 0 ? clock.Elapsed : null;
            if (progress >= target && first is { } started)
            {
                return Math.Max(0.001, (clock.Elapsed - started).TotalSeconds);
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException($"{name} did not catch up within the limit.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial System.Text.RegularExpressions.Regex SnakeCase();

    /// <summary>Shared-view events across the three organisations: registry, contracts, dialogues with questionnaires, disclosures, follow-up items.</summary>
    private static async Task SeedSharedAsync(DocumentStore store, int events)
    {
        string[] orgs = ["958935420", "986252932", "916879067"];
        var now = DateTimeOffset.UtcNow;
        var system = new Actor(orgs[0], "bench", "bench", "coordinator");
        var units = Math.Max(1, events / 14);
        // About four units of follow-up per supplier: overviews of the size a supplier's overview has in practice.
        var suppliers = Enumerable.Range(0, Math.Max(50, units / 4)).Select(_ => Guid.CreateVersion7()).ToArray();
        await using (var registry = store.LightweightSession())
        {
            for (var i = 0; i < suppliers.Length; i++)
            {
                registry.Events.StartStream(suppliers[i],
                    new EthicalIct.Api.Suppliers.SupplierRegistered(suppliers[i], $"Bench supplier {i}", null, $"B{i}", "CN", [SupplierRole.Manufacturer], $"CN:B{i}", system, now),
                    new EthicalIct.Api.Suppliers.ProductionSiteRecorded(suppliers[i], Guid.CreateVersion7(), "plant", i % 2 == 0 ? "CN" : "MY", Tier.T1, [ProductCategory.Laptop],
                        "supplier", new DateOnly(2026, 5, 1), system, now));
            }

            await registry.SaveChangesAsync();
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, (units + 99) / 100), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, ct) =>
        {
            var org = orgs[batch % 3];
            var by = new Actor(org, "bench", "bench", "coordinator");
            await using var tenanted = store.LightweightSession(org);
            await using var global = store.LightweightSession();
            for (var u = batch * 100; u < Math.Min(units, (batch + 1) * 100); u++)
            {
                var supplier = suppliers[u % suppliers.Length];
                var contract = Guid.CreateVersion7();
                tenanted.Events.StartStream(contract,
                    new EthicalIct.Api.Contracts.ContractRecorded(contract, supplier, "bench", ProductCategory.Laptop, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), 1_000_000m, by, now),
                    new EthicalIct.Api.Contracts.ContractValueRevised(contract, 1_000_000m, 900_000m, "bench", by, now));
                var dialogue = Guid.CreateVersion7();
                var questionnaire = Guid.CreateVersion7();
                global.Events.StartStream(dialogue,
                    new EthicalIct.Api.SupplierDialogues.SupplierDialogueOpened(dialogue, supplier, "bench", by, now),
                    new EthicalIct.Api.SupplierDialogues.OrganisationJoinedDialogue(dialogue, orgs[(batch + 1) % 3], by with { Org = orgs[(batch + 1) % 3] }, now),
                    new EthicalIct.Api.SupplierDialogues.QuestionnaireSent(dialogue, questionnaire, Guid.CreateVersion7(), 1, [], new DateOnly(2027, 1, 1), by, now),
                    new EthicalIct.Api.SupplierDialogues.QuestionnaireResponseReceived(dialogue, questionnaire, new DateOnly(2026, 12, 1), [], [], [], by, now),
                    new EthicalIct.Api.SupplierDialogues.QuestionnaireReviewed(dialogue, questionnaire, "fine", by, now));
                var disclosure = Guid.CreateVersion7();
                tenanted.Events.StartStream(disclosure,
                    new EthicalIct.Api.Disclosures.RiskSummaryDisclosed(disclosure, Guid.CreateVersion7(), Guid.CreateVersion7(), supplier, (RiskCode)(u % 15), Tier.T2, "CN",
                        (Priority)(u % 4), 5, RiskStatus.Open, now, null, null, by, now),
                    new EthicalIct.Api.Disclosures.DisclosureWithdrawn(disclosure, "bench", by, now));
                var finding = Guid.CreateVersion7();
                tenanted.Events.StartStream(finding,
                    new EthicalIct.Api.Disclosures.FindingDisclosed(finding, dialogue, Guid.CreateVersion7(), supplier, RiskCode.FL, EthicalIct.Api.SupplierDialogues.FindingGrade.Minor,
                        EthicalIct.Api.SupplierDialogues.FindingStatus.Open, null, [], now, null, by, now));
                var item = Guid.CreateVersion7();
                global.Events.StartStream(item,
                    new FollowUpAgreed(item, Guid.CreateVersion7(), new DateOnly(2026, 1, 1), [org], "bench", null, supplier, "supplier", new DateOnly(2026, 6, 1),
                        new FollowUpLinks([supplier], [], []), by, now),
                    new FollowUpProgressNoted(item, "a", by, now),
                    new FollowUpDelivered(item, "done", [], "bench", by, now));
            }

            await tenanted.SaveChangesAsync(ct);
            await global.SaveChangesAsync(ct);
        });
    }

    /// <summary>Waits until every async projection has reached the newest event; answers how long that took.</summary>
    private async Task<TimeSpan> WaitForProjectionsAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            await using var cmd = _npgsql.CreateCommand(
                "select (select coalesce(max(seq_id), 0) from ethicalict.mt_events) - coalesce((select min(last_seq_id) from ethicalict.mt_event_progression where name not like 'HighWater%'), 0)");
            if ((long)(await cmd.ExecuteScalarAsync())! <= 0)
            {
                return watch.Elapsed;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The async projections did not catch up within {limit}.");
    }

    /// <summary>The store the service would use for assessments and the follow-up board, on a schema of its own.</summary>
    private static DocumentStore BenchStore(string cs) => DocumentStore.For(o =>
    {
        EventsAsTheServiceStores(o, cs, "bench_rebuild", AutoCreate.All);
        o.Policies.AllDocumentsAreMultiTenanted();
        o.Projections.Add(new Marten.Events.Aggregation.SingleStreamProjection<AssessmentSummary, Guid>(), ProjectionLifecycle.Async);
        o.Projections.Add<RiskRegisterProjection>(ProjectionLifecycle.Async);
        o.Projections.Add<SupplierAssessmentOutcomeProjection>(ProjectionLifecycle.Async);
        o.Projections.AddGlobalProjection(new FollowUpBoardProjection(), ProjectionLifecycle.Async);
        EthicalIct.Api.Infrastructure.ProjectionTuning.TuneAsyncProjections(o);
    });

    /// <summary>The anchor of P3: every stored event read through Marten in pages of 10,000 (all tenants); answers the count and the seconds.</summary>
    private static async Task<(long Events, double Seconds)> RawReadAsync(DocumentStore store)
    {
        var read = Stopwatch.StartNew();
        long count = 0, last = 0;
        await using var session = store.QuerySession(new Marten.Services.SessionOptions { TenantId = Oslo, AllowAnyTenant = true });
        while (true)
        {
            var floor = last;
            var page = await session.Events.QueryAllRawEvents().Where(e => e.AnyTenant() && e.Sequence > floor).OrderBy(e => e.Sequence).Take(10_000).ToListAsync();
            if (page.Count == 0)
            {
                return (count, read.Elapsed.TotalSeconds);
            }

            count += page.Count;
            last = page[^1].Sequence;
        }
    }

    /// <summary>P3: rebuild every async projection from N stored events, against a raw read of the same events through Marten.</summary>
    public static async Task RebuildAsync(string cs, Settings settings, Report report)
    {
        using var store = BenchStore(cs);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var seeded = await SeedAsync(store, settings.RebuildEvents);

        report.RawRead = await RawReadAsync(store);
        using var daemon = await store.BuildProjectionDaemonAsync();
        var relevantTypes = new Dictionary<Type, string>
        {
            [typeof(Marten.Events.Aggregation.SingleStreamProjection<AssessmentSummary, Guid>)] =
                "type in ('assessment_opened','risk_identified','risk_assessed','mitigation_decided','risk_closed','evidence_registered','decision_recorded','assessment_concluded','assessment_reopened')",
            [typeof(RiskRegisterProjection)] = "type in ('risk_identified','risk_assessed','mitigation_decided','risk_closed')",
            [typeof(SupplierAssessmentOutcomeProjection)] = "type in ('assessment_opened','assessment_concluded','assessment_reopened')",
            [typeof(FollowUpBoardProjection)] = "type like 'follow_up_%'",
        };
        foreach (var (type, filter) in relevantTypes)
        {
            long relevant;
            await using (var conn = new NpgsqlConnection(cs))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"select count(*) from bench_rebuild.mt_events where {filter}", conn);
                relevant = (long)(await cmd.ExecuteScalarAsync())!;
            }

            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(type, TimeSpan.FromMinutes(10), CancellationToken.None);
            report.Rebuilds.Add((type.IsGenericType ? $"{type.GetGenericArguments()[0].Name} (single-stream)" : type.Name, seeded, relevant, watch.Elapsed.TotalSeconds));
        }
    }

    private static async Task<long> SeedAsync(DocumentStore store, int events)
    {
        string[] orgs = ["958935420", "986252932", "916879067"];
        var suppliers = Enumerable.Range(0, 50).Select(_ => Guid.CreateVersion7()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var batches = Math.Max(1, events / 1000);
        long written = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (b, ct) =>
        {
            var org = orgs[b % 3];
            var by = new Actor(org, "bench", "bench", "case-officer");
            await using var session = store.LightweightSession(org);
            var n = 0;
            for (var unit = 0; unit < 10; unit++)
            {
                for (var a = 0; a < 4; a++)
                {
                    var id = Guid.CreateVersion7();
                    var supplier = suppliers[(b + a + unit) % suppliers.Length];
                    var stream = new List<object> { new AssessmentOpened(id, supplier, "bench", [ProductCategory.Laptop], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "bench", by, now) };
                    for (var r = 0; r < 10; r++)
                    {
                        var risk = Guid.CreateVersion7();
                        var (s1, s2, s3, l) = (1 + ((b + r) % 5), 1 + (r % 5), 1 + ((a + r) % 5), 1 + ((b + a) % 5));
                        var p = PriorityRule.Derive(s1, s2, s3, l);
                        stream.Add(new RiskIdentified(id, risk, supplier, (RiskCode)(r % 15), (Tier)(r % 6), "CN", null, "risk", "bench", by, now));
                        stream.Add(new RiskAssessed(id, risk, s1, s2, s3, l, Connection.DirectlyLinked, Leverage.Medium, p.Severity, p.Priority, p.Rank, PriorityRule.RuleId, null, by, now));
                    }

                    stream.Add(new AssessmentConcluded(id, supplier, AssessmentOutcome.RisksMitigated, "bench", Guid.CreateVersion7(), EthicalIct.Api.ReferenceData.VerificationRule.RuleId, by, now));
                    session.Events.StartStream<Assessment>(id, stream);
                    n += stream.Count;
                }

                for (var f = 0; f < 2; f++)
                {
                    var item = Guid.CreateVersion7();
                    session.Events.StartStream<FollowUpItem>(item,
                        new FollowUpAgreed(item, Guid.Empty, new DateOnly(2026, 1, 1), [org], "bench", org, null, "owner", new DateOnly(2026, 6, 1), new FollowUpLinks([], [], []), by, now),
                        new FollowUpProgressNoted(item, "a", by, now),
                        new FollowUpProgressNoted(item, "b", by, now),
                        new FollowUpDelivered(item, "done", [], "bench", by, now),
                        new FollowUpDeliveryAccepted(item, "ok", by, now),
                        new FollowUpClosed(item, "done", by, now));
                    n += 6;
                }
            }

            await session.SaveChangesAsync(ct);
            Interlocked.Add(ref written, n);
        });
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
        await _bare.DisposeAsync();
        _raw.Dispose();
        await _npgsql.DisposeAsync();
    }
}
