using System.Diagnostics;
using EthicalIct.TestSupport;

namespace EthicalIct.Reliability;

/// <summary>
/// The service as its own process (<c>dotnet EthicalIct.Api.dll</c>, Development for its signing key and fault
/// switches, no demo data) on a database of the harness's cluster. A supervisor starts it again when it dies, as an
/// orchestrator would, and records how long each return took.
/// </summary>
public sealed class Node : IAsyncDisposable
{
    public const string SigningKey = "ethicalict-reliability-signing-key-000000000000000000";

    private readonly Dictionary<string, string> _settings;
    private readonly ProcessOutput _output = new();
    private readonly CancellationTokenSource _stop = new();
    private Process? _process;
    private Task? _supervisor;

    private Node(string connectionString, Dictionary<string, string> settings)
    {
        ConnectionString = connectionString;
        _settings = settings;
        Port = ServiceLaunch.FreePort();
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string ConnectionString { get; }

    /// <summary>Raised when the process died without being told to (before the supervisor starts it again).</summary>
    public event Action? Died;

    public int Port { get; }

    /// <summary>The clients' connection: 30 s per request (a request that takes longer "hangs").</summary>
    public HttpClient Client { get; }

    /// <summary>Each unplanned death and the seconds until <c>/health/live</c> answered again.</summary>
    public List<(DateTimeOffset DiedAt, double SecondsToLive)> Restarts { get; } = [];

    public IReadOnlyList<string> Output => _output.Lines;

    public static string Token(string org, string role = "coordinator") =>
        Api.Development.DevTokens.Create(SigningKey, org, role, lifetime: TimeSpan.FromHours(4));

    /// <param name="connectionString">The node's database.</param>
    /// <param name="settings">Environment variables of the process.</param>
    /// <param name="supervised">False for a node that stays dead when it dies (a lost machine rather than a restarted process).</param>
    public static async Task<Node> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, bool supervised = true)
    {
        var node = new Node(connectionString, new Dictionary<string, string>(settings));
        await node.StartProcessAsync();
        if (supervised)
        {
            node._supervisor = Task.Run(node.SuperviseAsync);
        }

        return node;
    }

    /// <summary><c>kill -9</c>: the supervisor notices and starts the service again.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Waits until the supervisor has brought the service back after <paramref name="deaths"/> deaths in all.</summary>
    public async Task WaitForRestartsAsync(int deaths, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Restarts.Count < deaths)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"the service was not back after {deaths} deaths (restarts seen: {Restarts.Count})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops supervising and kills the process (the harness reads the database afterwards).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_supervisor is not null)
        {
            await _supervisor;
        }

        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        _stop.Dispose();
    }

    private async Task SuperviseAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _process!.WaitForExitAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var died = DateTimeOffset.UtcNow;
            Died?.Invoke();
            var watch = Stopwatch.StartNew();
            await StartProcessAsync();
            Restarts.Add((died, watch.Elapsed.TotalSeconds));
        }
    }

    private async Task StartProcessAsync()
    {
        _process = await ServiceLaunch.StartLiveAsync(Port, ConnectionString, SigningKey, demoData: false, _settings, _output);
    }
}
