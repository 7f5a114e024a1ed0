using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EthicalIct.Api.Development;
using Npgsql;

namespace EthicalIct.Reliability;

/// <summary>
/// One scenario's world: a database of the harness's cluster, the service on it, the ledger and driver, and the
/// subscribers: Oslo (the writer) follows the live stream and has a webhook; DFØ has a webhook; both read the feed at
/// the end. What each may see comes from the stored events: Oslo its own and the shared registry, DFØ the registry only.
/// </summary>
public sealed class Rig : IAsyncDisposable
{
    public const string Oslo = "958935420";
    public const string Dfo = "986252932";

    private Rig(LocalPostgres pg, string database, Node node, string run)
    {
        Pg = pg;
        Database = database;
        Node = node;
        Run = run;
        Ledger = new Ledger();
    }

    public LocalPostgres Pg { get; }

    public string Database { get; }

    public string ConnectionString => Pg.ConnectionString(Database);

    public Node Node { get; }

    /// <summary>Further nodes on the same database (balanced mode), started before <see cref="Node"/>; the clients talk to <see cref="Node"/>.</summary>
    public List<Node> Peers { get; } = [];

    /// <summary>The settings every node of this rig starts with.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    public string Run { get; }

    public Ledger Ledger { get; }

    public Receiver OsloHook { get; private set; } = null!;

    public Receiver DfoHook { get; private set; } = null!;

    public LiveReader OsloLive { get; private set; } = null!;

    public static async Task<Rig> StartAsync(LocalPostgres pg, string name, Options options, Dictionary<string, string>? settings = null,
        double[]? retrySeconds = null, int peers = 0)
    {
        var database = $"reliability_{name}";
        await RecreateDatabaseAsync(pg, database);

        var all = new Dictionary<string, string>
        {
            ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
            ["Webhooks__Jitter"] = "0",
            ["Webhooks__TimeoutSeconds"] = "5",
            ["Faults__CrashAfterCommit"] = "true",
        };
        foreach (var (s, i) in (retrySeconds ?? [0.5, 1, 2, 4, 8, 15, 30]).Select((s, i) => (s, i)))
        {
            all[$"Webhooks__RetrySeconds__{i}"] = s.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Break == "idempotency")
        {
            all["Faults__DropIdempotencyKey"] = "true";
        }

        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        var started = new List<Node>();
        for (var i = 0; i < peers; i++)
        {
            started.Add(await Node.StartAsync(pg.ConnectionString(database), all, supervised: false));
        }

        var node = await Node.StartAsync(pg.ConnectionString(database), all);
        var rig = new Rig(pg, database, node, name) { Settings = all };
        rig.Peers.AddRange(started);
        node.Died += () => File.WriteAllLines(Path.Combine(Path.GetTempPath(), $"ethicalict-node-{name}.log"), node.Output);
        rig.OsloHook = await Receiver.StartAsync();
        rig.DfoHook = await Receiver.StartAsync();
        await rig.SubscribeAsync(Oslo, rig.OsloHook.Url);
        await rig.SubscribeAsync(Dfo, rig.DfoHook.Url);
        rig.OsloLive = new LiveReader(node, Node.Token(Oslo));
        return rig;
    }

    /// <summary>Drops <paramref name="database"/> if it exists and creates it again, empty or as a copy of <paramref name="template"/>.</summary>
    public static async Task RecreateDatabaseAsync(LocalPostgres pg, string database, string? template = null)
    {
        await using var admin = new NpgsqlConnection(pg.ConnectionString("postgres"));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {database} with (force)", admin);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"create database {database}{(template is null ? "" : $" template {template}")}", admin);
        await create.ExecuteNonQueryAsync();
    }

    public Driver Driver(double raceShare = 0) => new(Node, Ledger, Run) { RaceShare = raceShare };

    /// <summary>A webhook subscription of <paramref name="org"/> from the first event; its id.</summary>
    public async Task<Guid> SubscribeAsync(string org, string url)
    {
        var answer = await PostAsync(org, "/api/webhooks", $$"""{"url":"{{url}}","startAfter":0}""");
        return answer["subscriptionId"]!.GetValue<Guid>();
    }

    public Task<JsonNode> PostAsync(string org, string url, string body) =>
        SendAsync(org, new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    public Task<JsonNode> GetAsync(string org, string url) => SendAsync(org, new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Sends as <paramref name="org"/>'s coordinator; anything but 2xx is the scenario's failure.</summary>
    private async Task<JsonNode> SendAsync(string org, HttpRequestMessage request)
    {
        using (request)
        {
            request.Headers.Authorization = new("Bearer", Node.Token(org));
            using var answer = await Node.Client.SendAsync(request);
            var text = await answer.Content.ReadAsStringAsync();
            if (!answer.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)answer.StatusCode} {text}");
            }

            return JsonNode.Parse(text)!;
        }
    }

    /// <summary>
    /// The checks every scenario ends with: the store against the ledger, the channels, the audit trail and chain, and
    /// the views against a rebuild. <paramref name="maxResends"/>: webhook events a crash may send again (at most a page per kill).
    /// </summary>
    public async Task FinishAsync(Result result, int maxResends = 0, Func<Task>? beforeStop = null)
    {
        var caughtUp = await Checks.CaughtUpAsync(ConnectionString, TimeSpan.FromMinutes(5));
        result.Add("projections and subscriptions caught up after the load (s)", caughtUp);
        var stored = await Checks.StoreAsync(ConnectionString, Ledger, Run, result);
        var registry = stored.Where(e => e.Type == "supplier_registered").ToList();
        var privateToOslo = stored.Where(e => e.Type != "supplier_registered").ToList();

        var watch = Stopwatch.StartNew();
        await WaitAsync(() => Covers(OsloHook.Accepted, stored) && Covers(DfoHook.Accepted, registry) && Covers(OsloLive.Received, stored), TimeSpan.FromMinutes(3));
        result.Add("channels complete after the views (s)", watch.Elapsed.TotalSeconds);
        Checks.Channel("Oslo webhook", OsloHook.Accepted, stored, [], result, resendsAllowed: maxResends > 0, maxResends);
        Checks.Channel("DFØ webhook", DfoHook.Accepted, registry, privateToOslo, result, resendsAllowed: maxResends > 0, maxResends);
        Checks.Channel("Oslo live stream (SSE)", OsloLive.Received, stored, [], result, resendsAllowed: false);
        Checks.Channel("Oslo feed", await FeedReader.ReadAllAsync(Node, Node.Token(Oslo)), stored, [], result, resendsAllowed: false);
        Checks.Channel("DFØ feed", await FeedReader.ReadAllAsync(Node, Node.Token(Dfo)), registry, privateToOslo, result, resendsAllowed: false);
        await Checks.AuditAsync(ConnectionString, result);
        if (beforeStop is not null)
        {
            await beforeStop();
        }

        await OsloLive.DisposeAsync();
        await OsloHook.DownAsync();
        await DfoHook.DownAsync();
        await Node.StopAsync();
        foreach (var peer in Peers)
        {
            await peer.StopAsync();
        }

        await Checks.VerifyChainAsync(ConnectionString, result);
        await Checks.RebuildAsync(Pg, Database, result);
        await Ledger.WriteAsync(Path.Combine(Path.GetTempPath(), $"ethicalict-ledger-{Run}.jsonl"));
        result.Add("ledger", Path.Combine(Path.GetTempPath(), $"ethicalict-ledger-{Run}.jsonl"));
    }

    private static bool Covers(IReadOnlyList<Delivered> received, IReadOnlyList<StoredEvent> events)
    {
        var seen = received.Select(r => r.Position).ToHashSet();
        return events.All(e => seen.Contains(e.Sequence));
    }

    public static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done() && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), $"ethicalict-node-{Run}.log"), Node.Output);
        await OsloLive.DisposeAsync();
        await OsloHook.DisposeAsync();
        await DfoHook.DisposeAsync();
        await Node.DisposeAsync();
        foreach (var peer in Peers)
        {
            await peer.DisposeAsync();
        }
    }
}

/// <summary>Polls <c>/health/live</c> and <c>/health/ready</c> with a 1 s budget and keeps every answer.</summary>
public sealed class HealthProbe : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<(double At, string Path, int Status, double Seconds)> _samples = [];
    private readonly Stopwatch _clock;

    public HealthProbe(Node node, Stopwatch clock)
    {
        _clock = clock;
        _loop = Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = node.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(1) };
            while (!_stop.IsCancellationRequested)
            {
                foreach (var path in new[] { "/health/live", "/health/ready" })
                {
                    var watch = Stopwatch.StartNew();
                    int status;
                    try
                    {
                        using var answer = await client.GetAsync(new Uri(path, UriKind.Relative));
                        status = (int)answer.StatusCode;
                    }
                    catch (TaskCanceledException)
                    {
                        status = -1;
                    }
                    catch (HttpRequestException)
                    {
                        status = 0;
                    }

                    lock (_samples)
                    {
                        _samples.Add((_clock.Elapsed.TotalSeconds, path, status, watch.Elapsed.TotalSeconds));
                    }
                }

                try
                {
                    await Task.Delay(200, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public IReadOnlyList<(double At, string Path, int Status, double Seconds)> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The first moment at or after <paramref name="from"/> at which <c>/health/ready</c> answered 200.</summary>
    public double? ReadyAfter(double from) =>
        Samples.Where(s => s.Path == "/health/ready" && s.Status == 200 && s.At >= from).Select(s => (double?)s.At).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
