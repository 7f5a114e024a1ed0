using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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
    private readonly List<string> _output = [];
    private readonly CancellationTokenSource _stop = new();
    private Process? _process;
    private Task? _supervisor;

    private Node(string connectionString, Dictionary<string, string> settings)
    {
        ConnectionString = connectionString;
        _settings = settings;
        Port = FreePort();
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

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

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
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        info.Environment["ConnectionStrings__Marten"] = ConnectionString;
        info.Environment["Auth__DevSigningKey"] = SigningKey;
        info.Environment["Demo__Seed"] = "false";
        foreach (var (k, v) in _settings)
        {
            info.Environment[k] = v;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {process.ExitCode}:\n{string.Join("\n", Output.TakeLast(40))}");
            }

            try
            {
                using var answer = await probe.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the service did not start:\n{string.Join("\n", Output.TakeLast(40))}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
