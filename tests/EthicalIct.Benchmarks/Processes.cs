using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EthicalIct.Benchmarks;

/// <summary>A service under test, run as its own process so that its memory can be measured.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public static async Task<ServiceProcess> StartAsync(string dll, string workingDirectory, IDictionary<string, string> environment, string readyPath, params string[] args)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (k, v) in environment)
        {
            psi.Environment[k] = v;
        }

        var process = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}{readyPath}"))).IsSuccessStatusCode)
                {
                    return new ServiceProcess(process, port);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        string log;
        lock (output)
        {
            log = output.ToString();
        }

        throw new InvalidOperationException($"{dll} did not become ready: {log[^Math.Min(log.Length, 3000)..]}");
    }

    /// <summary>Resident set size in MiB (VmRSS) and its peak (VmHWM), from /proc.</summary>
    public (double Rss, double Peak) Memory()
    {
        double Read(string key)
        {
            var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }

        return (Read("VmRSS:"), Read("VmHWM:"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Samples a process's RSS every 250 ms while a phase runs.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<double> _samples = [];

    public MemorySampler(ServiceProcess service)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var (rss, _) = service.Memory();
                lock (_samples)
                {
                    _samples.Add(rss);
                }

                try
                {
                    await Task.Delay(250, _stop.Token);
                }
                catch (TaskCanceledException)
                {
                    break;
                }
            }
        });
    }

    public (double Peak, double Steady) Result()
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return (double.NaN, double.NaN);
            }

            var late = _samples.Skip(_samples.Count / 2).OrderBy(x => x).ToArray();
            return (_samples.Max(), late[late.Length / 2]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
