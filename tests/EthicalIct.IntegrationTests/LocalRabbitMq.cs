using System.Diagnostics;
using EthicalIct.TestSupport;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// A throwaway RabbitMQ broker from the machine's own binaries (Debian's <c>rabbitmq-server</c> package, installed by
/// <c>.ci/run</c>), as the tests start PostgreSQL: its own node name, ports, Erlang cookie, data and log folders under
/// the temporary folder, stopped and deleted with <see cref="DisposeAsync"/>. No broker binaries is a failure, not a skip.
/// </summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    public const string InstallHint = "RabbitMQ server binaries were not found (/usr/lib/rabbitmq/bin/rabbitmq-server). Install them with `apt-get install -y rabbitmq-server`.";

    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string Control = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    private readonly Process _process;
    private readonly Dictionary<string, string> _environment;
    private readonly ProcessOutput _output = new();

    private LocalRabbitMq(Process process, Dictionary<string, string> environment, string directory, int port)
    {
        _process = process;
        _environment = environment;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The AMQP address for <c>ConnectionStrings:RabbitMq</c> (the default guest user, allowed from localhost).</summary>
    public Uri Uri => new($"amqp://guest:guest@127.0.0.1:{Port}");

    public static async Task<LocalRabbitMq> StartAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException(InstallHint);
        }

        var directory = Path.Combine(Path.GetTempPath(), $"ethicalict-rabbitmq-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].");
        var port = ServiceLaunch.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = $"ethicalict{port}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = ServiceLaunch.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = ServiceLaunch.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "none"),
        };

        var info = new ProcessStartInfo(Server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in environment)
        {
            info.Environment[k] = v;
        }

        var broker = new LocalRabbitMq(Process.Start(info)!, environment, directory, port);
        broker._process.OutputDataReceived += (_, e) => broker._output.Keep(e.Data);
        broker._process.ErrorDataReceived += (_, e) => broker._output.Keep(e.Data);
        broker._process.BeginOutputReadLine();
        broker._process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (broker._process.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server exited with {broker._process.ExitCode}:\n{string.Join("\n", broker.Output.TakeLast(40))}");
            }

            if (broker.Output.Any(l => l.Contains("Starting broker... completed", StringComparison.Ordinal)))
            {
                return broker;
            }

            await Task.Delay(250);
        }

        await broker.DisposeAsync();
        throw new TimeoutException($"rabbitmq-server did not start within 90 s:\n{string.Join("\n", broker.Output.TakeLast(40))}");
    }

    public IReadOnlyList<string> Output => _output.Lines;

    /// <summary><c>rabbitmqctl list_queues name durable messages consumers</c>: each queue with whether it is durable, its messages and consumers.</summary>
    public async Task<IReadOnlyList<(string Name, bool Durable, int Messages, int Consumers)>> QueuesAsync()
    {
        var info = new ProcessStartInfo(Control) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-q", "list_queues", "--no-table-headers", "name", "durable", "messages", "consumers" })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in _environment)
        {
            info.Environment[k] = v;
        }

        using var ctl = Process.Start(info)!;
        var text = await ctl.StandardOutput.ReadToEndAsync();
        await ctl.WaitForExitAsync();
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('\t', ' ').Where(p => p.Length > 0).ToArray())
            .Where(p => p.Length == 4)
            .Select(p => (p[0], p[1] == "true", int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        // The broker's own epmd (on its own port) outlives it: stop it too.
        foreach (var pid in System.IO.Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(d => d!.All(char.IsDigit)))
        {
            try
            {
                var environ = await File.ReadAllTextAsync($"/proc/{pid}/environ");
                var cmdline = await File.ReadAllTextAsync($"/proc/{pid}/cmdline");
                if (cmdline.Contains("epmd", StringComparison.Ordinal) && environ.Contains($"ERL_EPMD_PORT={_environment["ERL_EPMD_PORT"]}\0", StringComparison.Ordinal))
                {
                    Process.GetProcessById(int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture)).Kill();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // gone, or not ours
            }
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: left in the temporary folder
        }
    }
}
