using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EthicalIct.TestSupport;

/// <summary>
/// The service as its own operating-system process (<c>dotnet EthicalIct.Api.dll</c>, Development, on 127.0.0.1), for
/// the integration tests that kill it and for the reliability harness. Shared by both as a linked source file.
/// </summary>
public static class ServiceLaunch
{
    /// <summary>
    /// Starts the service on <paramref name="port"/> on the database <paramref name="connectionString"/>, with a
    /// development signing key, demo data on or off and <paramref name="settings"/> on top, and waits until it is live;
    /// every line it writes goes to <paramref name="output"/>. A process that does not come up is killed.
    /// </summary>
    public static async Task<Process> StartLiveAsync(int port, string connectionString, string signingKey, bool demoData,
        IReadOnlyDictionary<string, string> settings, ProcessOutput output)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["Auth__DevSigningKey"] = signingKey,
            ["Demo__Seed"] = demoData ? "true" : "false",
        };
        foreach (var (k, v) in settings)
        {
            environment[k] = v;
        }

        var process = Start(port, environment, output);
        try
        {
            await WaitUntilLiveAsync(process, port, output);
            return process;
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    private static Process Start(int port, IReadOnlyDictionary<string, string> environment, ProcessOutput output)
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
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => output.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => output.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits up to two minutes until <c>/health/live</c> answers; throws with the lines that say why when the process exits first.</summary>
    private static async Task WaitUntilLiveAsync(Process process, int port, ProcessOutput output)
    {
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                // Waiting for the exit also waits until its output has been read to the end: the lines that say why come last.
                await process.WaitForExitAsync();
                // The lines that say why first (a refusal, a fatal error), then the tail of the output.
                var lines = output.Lines;
                var why = lines.Where(l => l.Contains("refused", StringComparison.OrdinalIgnoreCase) || l.Contains("Unhandled exception", StringComparison.Ordinal)
                    || l.Contains("[FTL]", StringComparison.Ordinal));
                throw new InvalidOperationException($"the service exited with {process.ExitCode}:\n{string.Join("\n", why)}\n...\n{string.Join("\n", lines.TakeLast(40))}");
            }

            try
            {
                using var answer = await probe.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException or IOException)
            {
                // not listening yet (or a connection reset while the listener comes up)
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the service did not start:\n{string.Join("\n", output.Lines.TakeLast(40))}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Every line a process wrote to stdout and stderr (across restarts), safe to read while it writes.</summary>
public sealed class ProcessOutput
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
