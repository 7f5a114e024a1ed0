using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Solo mode only where one node is certain (docs/adr/0022). Every node holds a PostgreSQL advisory lock on a
/// connection of its own for as long as it runs: a node in solo mode (<c>Wolverine:Solo=true</c>) the exclusive lock, a
/// node in balanced mode the shared one. So any number of balanced nodes run together, but a solo node beside any live
/// node (or a balanced node beside a live solo node) cannot take its lock: it refuses to start, with a message that
/// names the setting. PostgreSQL releases the lock when the holder's connection ends, so a dead node never blocks the
/// next one. If the connection is lost later (PostgreSQL restarted), the guard takes the lock again; while it cannot,
/// readiness is unhealthy with the same message.
/// </summary>
public sealed class NodeModeGuard : IHostedService, IHealthCheck, IAsyncDisposable
{
    /// <summary>The advisory lock key: "EthicIct" as a 64-bit number.</summary>
    public const long LockKey = 0x4574686963496374;

    private readonly string _connectionString;
    private readonly bool _solo;
    private readonly ILogger<NodeModeGuard> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private ITimer? _timer;
    private string? _refused;
    private int _keeping;
    private volatile bool _stopped;

    public NodeModeGuard(string connectionString, bool solo, ILogger<NodeModeGuard> logger)
    {
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "ethicalict-node-mode" }.ConnectionString;
        _solo = solo;
        _logger = logger;
    }

    public static string Refusal(bool solo) => solo
        ? "Another node of the service is running on this database, so this node cannot run in solo mode (Wolverine:Solo=true): two solo nodes both start every projection and race. Set Wolverine:Solo=false on every node to run them together in balanced mode, or stop the other node."
        : "A node in solo mode (Wolverine:Solo=true) is running on this database, so this node cannot join it in balanced mode. Set Wolverine:Solo=false on that node too, or stop it.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryHoldAsync(cancellationToken))
        {
            _logger.LogCritical("Start refused: {Refusal}", Refusal(_solo));
            throw new InvalidOperationException(Refusal(_solo));
        }

        // Connection upkeep is machine timing, not the service's (injected) clock: a test that moves that clock moves no lock.
        _timer = TimeProvider.System.CreateTimer(_ => _ = KeepAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        await ReleaseAsync();
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_refused is null
            ? HealthCheckResult.Healthy(_solo ? "solo mode: the only node on this database" : "balanced mode")
            : HealthCheckResult.Unhealthy(_refused));

    /// <summary>Stopping and disposing may both come (a host stopped and then disposed): each only closes the connection.</summary>
    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task KeepAsync()
    {
        // One check at a time: on a frozen database a ping waits until PostgreSQL answers again (the lock is still held then).
        if (_stopped || Interlocked.Exchange(ref _keeping, 1) == 1)
        {
            return;
        }

        try
        {
            await KeepCoreAsync();
        }
        finally
        {
            Volatile.Write(ref _keeping, 0);
        }
    }

    private async Task KeepCoreAsync()
    {
        try
        {
            if (_connection is { State: System.Data.ConnectionState.Open } open)
            {
                await using var ping = new NpgsqlCommand("select 1", open);
                await ping.ExecuteScalarAsync();
                return;
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // the connection (and with it the lock) is gone: take it again below
        }

        try
        {
            if (!await TryHoldAsync(CancellationToken.None))
            {
                _logger.LogError("{Refusal}", Refusal(_solo));
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            _logger.LogWarning("The node-mode lock could not be taken again yet: {Reason}", e.Message);
        }
    }

    private async Task<bool> TryHoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await ReleaseCoreAsync();
            if (_stopped)
            {
                return true;
            }

            var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand(_solo ? "select pg_try_advisory_lock(@key)" : "select pg_try_advisory_lock_shared(@key)", connection);
            take.Parameters.AddWithValue("key", LockKey);
            if ((bool)(await take.ExecuteScalarAsync(ct))!)
            {
                _connection = connection;
                _refused = null;
                return true;
            }

            await connection.DisposeAsync();
            _refused = Refusal(_solo);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReleaseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await ReleaseCoreAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReleaseCoreAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
