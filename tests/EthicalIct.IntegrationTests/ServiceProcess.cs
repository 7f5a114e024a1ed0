using System.Diagnostics;
using EthicalIct.Api.Development;
using EthicalIct.TestSupport;

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
    private readonly ProcessOutput _output = new();

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
    public IReadOnlyList<string> Output => _output.Lines;

    public static async Task<ServiceProcess> StartAsync(string connectionString, Dictionary<string, string>? settings = null)
    {
        var service = new ServiceProcess(connectionString, ServiceLaunch.FreePort(), settings ?? []);
        await service.StartAgainAsync();
        return service;
    }

    public static string Token(string org, string role = "coordinator") => DevTokens.Create(SigningKey, org, role, lifetime: TimeSpan.FromHours(2));

    /// <summary>Starts the process (again) and waits until <c>/health/live</c> answers.</summary>
    public async Task StartAgainAsync()
    {
        // A process that killed itself (the crash tests) may still hold its port for a moment: the probe must not reach it.
        await KillAsync();
        _process?.Dispose();
        _process = null;
        _process = await ServiceLaunch.StartLiveAsync(Port, _connectionString, SigningKey, demoData: true, _settings, _output);
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
}
