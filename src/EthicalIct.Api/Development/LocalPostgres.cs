using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EthicalIct.Api.Development;

/// <summary>
/// Starts a PostgreSQL cluster from the machine's own binaries (Debian's <c>postgresql</c> package):
/// <c>initdb</c> and <c>pg_ctl</c>, run as the <c>postgres</c> OS user when the caller is root, listening on
/// 127.0.0.1 only. Used by the service in Development when no connection string is configured (a persistent
/// cluster under <c>.local/postgres</c>, reused on the next start) and by the integration tests (a throwaway
/// cluster per test run). See docs/adr/0004-local-postgresql.md.
/// </summary>
public sealed class LocalPostgres
{
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with `sudo apt-get install -y postgresql` " +
        "(Debian/Ubuntu), set PG_BIN to the folder that holds initdb and pg_ctl, or set ConnectionStrings__Marten to an existing server.";

    private const string ThrowawayPrefix = "ethicalict-pg-";
    private static readonly bool AsRoot = Environment.UserName == "root";

    private readonly string _bin;
    private bool _durable;

    private LocalPostgres(string bin, string directory, int port, bool startedHere)
    {
        _bin = bin;
        Directory = directory;
        Port = port;
        StartedHere = startedHere;
    }

    /// <summary>The folder holding <c>data/</c>, the log and the socket.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>False when an already running cluster was reused.</summary>
    public bool StartedHere { get; }

    private string DataDirectory => Path.Combine(Directory, "data");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = "postgres",
            MaxPoolSize = 40,
        }.ConnectionString;

    /// <summary>
    /// Starts (or reuses) the persistent development cluster in <paramref name="directory"/> and makes sure
    /// <paramref name="database"/> exists.
    /// </summary>
    public static async Task<LocalPostgres> StartPersistentAsync(string directory, string database, CancellationToken ct = default)
    {
        var bin = FindBinaries();
        directory = await UsableDirectoryAsync(directory, ct);
        System.IO.Directory.CreateDirectory(directory);
        if (AsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], directory, ct);
        }

        var portFile = Path.Combine(directory, "port");
        var storedPort = File.Exists(portFile) ? int.Parse(File.ReadAllText(portFile).Trim(), CultureInfo.InvariantCulture) : 0;
        var probe = new LocalPostgres(bin, directory, storedPort, startedHere: false);

        if (!File.Exists(Path.Combine(probe.DataDirectory, "PG_VERSION")))
        {
            await probe.InitDbAsync(ct);
        }
        else if (storedPort != 0 && await probe.IsRunningAsync(ct))
        {
            await probe.EnsureDatabaseAsync(database, ct);
            return probe;
        }

        var port = storedPort != 0 && IsPortFree(storedPort) ? storedPort : FreePort();
        await File.WriteAllTextAsync(portFile, port.ToString(CultureInfo.InvariantCulture), ct);
        var pg = new LocalPostgres(bin, directory, port, startedHere: true);
        await pg.StartServerAsync(durable: true, ct);
        await pg.EnsureDatabaseAsync(database, ct);
        return pg;
    }

    /// <summary>
    /// Starts a throwaway cluster in a new temporary folder (fsync off), after stopping clusters left behind by
    /// test processes that no longer exist. <see cref="StopAndDeleteAsync"/> removes it.
    /// </summary>
    /// <param name="durable">
    /// Commit durably (fsync, synchronous commit) as a production server does: the reliability harness needs it, since
    /// an immediate stop may otherwise lose commits that were already acknowledged. Off for the tests (faster).
    /// </param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<LocalPostgres> StartThrowawayAsync(bool durable = false, CancellationToken ct = default)
    {
        var bin = FindBinaries();
        await ReapOrphansAsync(bin, ct);
        var directory = System.IO.Directory.CreateTempSubdirectory(ThrowawayPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
        if (AsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], directory, ct);
        }

        var pg = new LocalPostgres(bin, directory, FreePort(), startedHere: true) { _durable = durable };
        await pg.InitDbAsync(ct);
        await pg.StartServerAsync(durable, ct);
        return pg;
    }

    public async Task CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct = default) =>
        await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], ct);

    /// <summary>Starts a throwaway cluster again after <see cref="StopAsync"/> or <see cref="KillAsync"/> (the fault tests).</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => StartServerAsync(_durable, ct);

    /// <summary>Stops the cluster at once, dropping every connection, as an outage would.</summary>
    public async Task KillAsync(CancellationToken ct = default) =>
        await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], ct);

    public async Task StopAndDeleteAsync()
    {
        await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", conn);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private Task InitDbAsync(CancellationToken ct) =>
        RunPgAsync("initdb",
        [
            "-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions",
        ], ct);

    private async Task StartServerAsync(bool durable, CancellationToken ct)
    {
        var options = $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={Directory} -c max_connections=200";
        if (!durable)
        {
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        await RunPgAsync("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Directory, "pg.log"), "-w", "-t", "60", "-o", options, "start"], ct);
    }

    private async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        var (code, _) = await TryRunPgAsync("pg_ctl", ["-D", DataDirectory, "status"], ct);
        if (code != 0)
        {
            return false;
        }

        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
            await conn.OpenAsync(ct);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) =>
        RunToolAsync(_bin, tool, args, Directory, ct);

    private Task<(int Code, string Output)> TryRunPgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) =>
        TryRunAsync(AsRoot ? "runuser" : Path.Combine(_bin, tool),
            AsRoot ? ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args] : args, Directory, ct);

    private static async Task RunToolAsync(string bin, string tool, IReadOnlyList<string> args, string cwd, CancellationToken ct)
    {
        var exe = Path.Combine(bin, tool);
        if (AsRoot)
        {
            // postgres refuses to run as root; the Debian package creates the 'postgres' OS user.
            await RunAsync("runuser", ["-u", "postgres", "--", exe, .. args], cwd, ct);
        }
        else
        {
            await RunAsync(exe, args, cwd, ct);
        }
    }

    private static async Task RunAsync(string exe, IReadOnlyList<string> args, string cwd, CancellationToken ct)
    {
        var (code, output) = await TryRunAsync(exe, args, cwd, ct);
        if (code != 0)
        {
            throw new InvalidOperationException($"'{exe} {string.Join(' ', args)}' exited with {code}: {output}");
        }
    }

    private static async Task<(int Code, string Output)> TryRunAsync(string exe, IReadOnlyList<string> args, string cwd, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(exe)
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {exe}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>PG_BIN, else the newest /usr/lib/postgresql/N/bin, else initdb on the PATH.</summary>
    public static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
               ?? throw new InvalidOperationException(InstallHint);
    }

    /// <summary>
    /// As root the cluster runs as 'postgres', which must be able to reach the folder. A checkout under /root is
    /// not reachable, so the cluster then lives under /var/tmp instead (logged by the caller).
    /// </summary>
    private static async Task<string> UsableDirectoryAsync(string directory, CancellationToken ct)
    {
        if (!AsRoot)
        {
            return directory;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        System.IO.Directory.CreateDirectory(parent);
        var (code, _) = await TryRunAsync("runuser", ["-u", "postgres", "--", "test", "-x", parent], "/", ct);
        if (code == 0)
        {
            return directory;
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directory)))[..12];
        return Path.Combine("/var/tmp", $"ethicalict-postgres-{hash}");
    }

    private static async Task ReapOrphansAsync(string bin, CancellationToken ct)
    {
        foreach (var dir in System.IO.Directory.GetDirectories(Path.GetTempPath(), ThrowawayPrefix + "*"))
        {
            var ownerFile = Path.Combine(dir, "owner.pid");
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile).Trim(), out var owner) || IsAlive(owner))
            {
                continue;
            }

            try
            {
                if (File.Exists(Path.Combine(dir, "data", "postmaster.pid")))
                {
                    await RunToolAsync(bin, "pg_ctl", ["-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "stop"], dir, ct);
                }
            }
            catch (InvalidOperationException)
            {
                // already stopped
            }

            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
