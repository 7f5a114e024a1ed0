using System.Diagnostics;
using Alba;
using EthicalIct.Api.Development;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Shouldly;
using Wolverine;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// One throwaway PostgreSQL cluster per test process (or <c>ETHICALICT_TEST_CONNECTION</c>), started from the
/// system's binaries, stopped when the process exits; each fixture gets a database of its own.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<LocalPostgres?>> Cluster = new(StartAsync);

    private static async Task<LocalPostgres?> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("ETHICALICT_TEST_CONNECTION") is { Length: > 0 })
        {
            return null;
        }

        var pg = await LocalPostgres.StartThrowawayAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => pg.StopAndDeleteAsync().GetAwaiter().GetResult();
        return pg;
    }

    public static async Task<string> CreateAsync(string name)
    {
        var pg = await Cluster.Value;
        var database = $"{name}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (pg is null)
        {
            var configured = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ETHICALICT_TEST_CONNECTION"));
            await using var conn = new Npgsql.NpgsqlConnection(configured.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
            configured.Database = database;
            return configured.ConnectionString;
        }

        await pg.CreateDatabaseAsync(database);
        return pg.ConnectionString(database);
    }
}

public class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    /// <summary>Spans recorded by an in-memory exporter for the trace tests.</summary>
    public List<Activity> Spans { get; } = [];

    /// <summary>A <c>traceparent</c> header that puts a request into a trace of its own.</summary>
    public static Dictionary<string, string> TraceParent(ActivityTraceId traceId) =>
        new() { ["traceparent"] = $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01" };

    /// <summary>
    /// The spans of one request's trace, with every span recorded so far. Spans of every host in this process reach
    /// <see cref="Spans"/> (tests run in parallel), hence the trace of its own; a span is recorded when it ends, and the
    /// request's server span ends after the answer is written, so this waits (at most 10 s) until that span is there
    /// and every span's parent in the trace has ended too.
    /// </summary>
    public async Task<(Activity? Http, List<Activity> Trace, List<Activity> All)> TraceAsync(ActivityTraceId traceId)
    {
        List<Activity> all = [];
        List<Activity> trace = [];
        Activity? http = null;
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            lock (Spans)
            {
                all = [.. Spans];
            }

            trace = [.. all.Where(s => s.TraceId == traceId)];
            http = trace.SingleOrDefault(s => s.Source.Name == "Microsoft.AspNetCore");
            var ids = trace.Select(s => s.SpanId).ToHashSet();
            if (http is not null && trace.All(s => s == http || ids.Contains(s.ParentSpanId)))
            {
                break;
            }
        }

        return (http, trace, all);
    }

    public string ConnectionString { get; private set; } = "";

    /// <summary>Every log event the host writes (through Serilog), for the tests that check what is logged at which level.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A small evidence file limit, so the 413 test need not send 25 MB.</summary>
    public const long MaxFileBytes = 64 * 1024;

    private string _signingKey = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync("api");
        Host = await StartHostAsync(ConnectionString, Logs, Spans);
        _signingKey = Host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!;
    }

    /// <summary>
    /// The service in-process (Development) on the given database: solo Wolverine without external transports, or with
    /// <paramref name="cluster"/> balanced with them (a broker configured in <paramref name="settings"/>);
    /// <paramref name="services"/> replaces services (a test's clock).
    /// </summary>
    public static Task<IAlbaHost> StartHostAsync(string connectionString, CapturedLogs logs, List<Activity>? spans = null, IDictionary<string, string>? settings = null,
        bool cluster = false, Action<IServiceCollection>? services = null) =>
        AlbaHost.For<Program>(x =>
        {
            x.UseEnvironment("Development");
            x.UseSetting("ConnectionStrings:Marten", connectionString);
            // A snapshot at every second version, so that every "as of" read in the tests starts from one.
            x.UseSetting("AsOf:SnapshotEvery", "2");
            // Webhook receivers in the tests listen on 127.0.0.1 (allow-listed here only); retries come fast.
            x.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1");
            x.UseSetting("Webhooks:RetrySeconds:0", "0.2");
            x.UseSetting("Webhooks:RetrySeconds:1", "0.2");
            x.UseSetting("Webhooks:RetrySeconds:2", "0.2");
            x.UseSetting("Webhooks:Jitter", "0");
            x.UseSetting("Webhooks:TimeoutSeconds", "1");
            x.UseSetting("Feed:HeartbeatSeconds", "1");
            x.UseSetting("Feed:PollMilliseconds", "200");
            x.UseSetting("Feed:MaxStreamSeconds", "1");
            // Deadlines that are due are sent within half a second.
            x.UseSetting("Deadlines:SweepSeconds", "0.5");
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                x.UseSetting(key, value);
            }

            x.UseSetting("Evidence:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            x.UseSetting("Telemetry:Tracing", spans is null ? "false" : "true");
            if (cluster)
            {
                x.UseSetting("Wolverine:Solo", "false");
            }

            x.ConfigureServices(s =>
            {
                if (!cluster)
                {
                    s.RunWolverineInSoloMode();
                    s.DisableAllExternalWolverineTransports();
                }

                if (spans is not null)
                {
                    s.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new OpenTelemetry.SimpleActivityExportProcessor(new LockedSpanList(spans))));
                }

                s.AddSingleton<Serilog.Core.ILogEventSink>(logs);
                services?.Invoke(s);
            });
        });

    public string Token(string org, string role = "case-officer", TimeSpan? lifetime = null, DateTime? now = null) =>
        DevTokens.Create(_signingKey, org, role, lifetime: lifetime, now: now);

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    private static IQueryable<ScheduledCheck> Waiting<T>(IQuerySession session) =>
        session.Query<ScheduledCheck>().Where(c => c.AnyTenant() && c.SentAt == null && c.MessageType == typeof(T).FullName);

    /// <summary>The deadline checks still waiting whose message is a <typeparamref name="T"/>, with their due times (docs/adr/0023).</summary>
    public async Task<List<(T Message, DateTimeOffset DueAt)>> WaitingChecksAsync<T>()
    {
        await using var session = Store.QuerySession(Api.Partners.ReminderSubscription.Tenant);
        var checks = await Waiting<T>(session).ToListAsync();
        return [.. checks.OrderBy(c => c.DueAt).Select(c => ((T)Deadlines.MessageOf(c), c.DueAt))];
    }

    /// <summary>
    /// Runs every waiting check whose message is a <typeparamref name="T"/> now, in its organisation's name, as if its
    /// time had come (the shared host runs on the real clock; DL1 moves a clock instead), and marks it sent.
    /// </summary>
    public async Task PlayChecksAsync<T>()
    {
        await using var session = Store.LightweightSession(Api.Partners.ReminderSubscription.Tenant);
        var checks = await Waiting<T>(session).ToListAsync();
        using var scope = Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        foreach (var check in checks.OrderBy(c => c.DueAt))
        {
            await bus.InvokeForTenantAsync(check.TenantId!, Deadlines.MessageOf(check));
            check.SentAt = DateTimeOffset.UtcNow;
            session.ForTenant(check.TenantId!).Store(check);
        }

        await session.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
    }
}

/// <summary>A Serilog sink keeping every event in memory.</summary>
public sealed class CapturedLogs : Serilog.Core.ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Serilog.Events.LogEvent> _events = new();

    public void Emit(Serilog.Events.LogEvent logEvent) => _events.Enqueue(logEvent);

    public void Clear() => _events.Clear();

    public IReadOnlyList<Serilog.Events.LogEvent> AtOrAbove(Serilog.Events.LogEventLevel level) => [.. _events.Where(e => e.Level >= level)];
}

[CollectionDefinition(Name)]
public class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}

[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    public const string Oslo = "958935420";
    public const string Dfo = "986252932";
    public const string Sykehusinnkjop = "916879067";

    protected AppFixture Fixture { get; } = fixture;

    protected IAlbaHost Host => Fixture.Host;

    /// <summary>Every test starts on an empty store, with the founding parties admitted again.</summary>
    public async Task InitializeAsync()
    {
        await Host.ResetAllMartenDataAsync();
        // Wolverine's solo loop starts every agent that is not running every few seconds. If that tick falls between
        // the reset's pause and its resume, an agent starts on the old progress before the tables are cleared and then
        // waits for a position the emptied store will not reach for a long time. Restarting once more, after the
        // reset, makes every agent read the empty progress.
        // An agent so started may also have applied a page of the old store and recorded its progress after the tables
        // were cleared; the sequence restarts at 1, so that progress would be ahead of every new event, the catch-up
        // waits would pass at once and the agent would apply nothing of this test. Such progress is deleted while the
        // agents are paused, until none is ahead of the store.
        var coordinator = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        for (var attempt = 1; ; attempt++)
        {
            await coordinator.PauseAsync();
            var ahead = await DeleteProgressAheadOfTheStoreAsync();
            await coordinator.ResumeAsync();
            if (ahead == 0 || attempt == 5)
            {
                break;
            }
        }

        await Host.Services.GetRequiredService<EthicalIct.Api.Cooperation.Parties>().ReloadAsync(Fixture.Store, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The supplier's overview, waiting (up to 30 s) for the supplier to reach the shared view: it is built by a
    /// subscription, which a full run under load has been seen to reach a moment after the projections' catch-up.
    /// </summary>
    protected async Task<System.Text.Json.Nodes.JsonNode> OverviewAsync(Guid supplier, string org, string role = "case-officer")
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); ; await Task.Delay(200))
        {
            var (status, body, _) = await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/overview", Fixture.Token(org, role));
            if (status != 404 || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                status.ShouldBe(200, body?.ToJsonString());
                return body!;
            }
        }
    }

    private async Task<int> DeleteProgressAheadOfTheStoreAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "delete from ethicalict.mt_event_progression where last_seq_id > (select coalesce(max(seq_id), 0) from ethicalict.mt_events)", conn);
        return await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Counts every stored event, in every tenant; not Marten's tombstones (rows it writes after a failed save to
    /// fill the sequence numbers that save had reserved; they belong to no stream).
    /// </summary>
    protected async Task<long> EventCountAsync()
    {
        await using var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from ethicalict.mt_events where type <> 'tombstone'", conn);
        try
        {
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}

/// <summary>
/// Collects finished spans into a list under the list's lock, so a test can copy it (under the same lock) while
/// background work (the daemon, the parties' reload) still ends spans on other threads.
/// </summary>
public sealed class LockedSpanList(List<Activity> spans) : OpenTelemetry.BaseExporter<Activity>
{
    public override OpenTelemetry.ExportResult Export(in OpenTelemetry.Batch<Activity> batch)
    {
        lock (spans)
        {
            foreach (var activity in batch)
            {
                spans.Add(activity);
            }
        }

        return OpenTelemetry.ExportResult.Success;
    }
}
