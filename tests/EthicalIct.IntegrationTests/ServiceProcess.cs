using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EthicalIct.Api.Development;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// The service as its own operating-system process (<c>dotnet EthicalIct.Api.dll</c>, Development, demo seed on), on
/// a database of the test cluster: for the tests that kill it or poll it for minutes.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string SigningKey = "ethicalict-process-test-signing-key-0000000000000000";

    private readonly string _connectionString;
    private readonly Dictionary<string, string> _settings;
    private Process? _process;
    private readonly List<string> _output = [];

    private ServiceProcess(string connectionString, int port, Dictionary<string, string> settings)
    {
        _connectionString = connectionString;
        Port = port;
        _settings = settings;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Every line the process wrote to stdout and stderr, across restarts.</summary>
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

    public static async Task<ServiceProcess> StartAsync(string connectionString, Dictionary<string, string>? settings = null)
    {
        var service = new ServiceProcess(connectionString, FreePort(), settings ?? []);
        await service.StartAgainAsync();
        return service;
    }

    public static string Token(string org, string role = "coordinator") => DevTokens.Create(SigningKey, org, role, lifetime: TimeSpan.FromHours(2));

    /// <summary>Starts the process (again) and waits until <c>/health/live</c> answers.</summary>
    public async Task StartAgainAsync()
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
        info.Environment["ConnectionStrings__Marten"] = _connectionString;
        info.Environment["Auth__DevSigningKey"] = SigningKey;
        info.Environment["Demo__Seed"] = "true";
        foreach (var (k, v) in _settings)
        {
            info.Environment[k] = v;
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // The lines that say why first (a refusal, a fatal error), then the tail of the output.
                var output = Output;
                var why = output.Where(l => l.Contains("refused", StringComparison.OrdinalIgnoreCase) || l.Contains("Unhandled exception", StringComparison.Ordinal)
                    || l.Contains("[FTL]", StringComparison.Ordinal));
                throw new InvalidOperationException($"the service exited with {_process.ExitCode}:\n{string.Join("\n", why)}\n...\n{string.Join("\n", output.TakeLast(40))}");
            }

            try
            {
                if ((await Client.GetAsync("/health/live")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the service did not start:\n{string.Join("\n", Output.TakeLast(40))}");
    }

    /// <summary>Kills the process without warning, as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
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
