using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Npgsql;
using Wolverine;
using Wolverine.Marten;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// A check that falls due at a moment of the service's clock (an overdue check, a proposal's expiry, a "due soon"
/// reminder): stored in the transaction of the command or page that set the deadline, in its organisation's tenant,
/// and sent once, in that organisation's name, by
/// <see cref="DeadlineClock"/> when the injected <see cref="TimeProvider"/> reaches <see cref="DueAt"/> (docs/adr/0023).
/// </summary>
public sealed class ScheduledCheck : Marten.Metadata.ITenanted
{
    public Guid Id { get; set; }

    /// <summary>The organisation whose command set the deadline (the check runs in its name, as the command did).</summary>
    public string? TenantId { get; set; }

    /// <summary>The message's type (full name, in this assembly).</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The message as JSON.</summary>
    public string Message { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the clock sent it; null while it waits.</summary>
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>Scheduling a check: the document to store beside the events that set the deadline.</summary>
public static class Deadlines
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The check <paramref name="message"/> due at <paramref name="dueAt"/>. Its id comes from the message and the
    /// moment, so the same deadline set twice (a retried command, a page folded again) is one check.
    /// </summary>
    public static ScheduledCheck Check(object message, DateTimeOffset dueAt)
    {
        var type = message.GetType().FullName!;
        var json = JsonSerializer.Serialize(message, message.GetType(), Json);
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{json}\n{dueAt.UtcTicks}")).AsSpan(0, 16));
        return new ScheduledCheck { Id = id, MessageType = type, Message = json, DueAt = dueAt };
    }

    /// <summary>The checks as one Marten side effect of an endpoint (stored in the command's transaction).</summary>
    public static IMartenOp Schedule(params ScheduledCheck[] checks) => MartenOps.StoreMany(checks);

    /// <summary>The message of a stored check.</summary>
    public static object MessageOf(ScheduledCheck check) =>
        JsonSerializer.Deserialize(check.Message, typeof(Deadlines).Assembly.GetType(check.MessageType, throwOnError: true)!, Json)!;

    public static StoreOptions ConfigureDeadlines(this StoreOptions opts)
    {
        // Stored in the tenant of the session that set the deadline; the sweeper reads across tenants.
        opts.Schema.For<ScheduledCheck>().Index(c => c.DueAt);
        return opts;
    }

    /// <summary>The sweeper, on every node.</summary>
    public static WebApplicationBuilder AddEthicalIctDeadlines(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<DeadlineClock>();
        return builder;
    }
}

/// <summary>
/// Sends the checks that have fallen due by the injected clock: every <c>Deadlines:SweepSeconds</c> (default 30) of
/// that clock, on every node, but one node at a time (a PostgreSQL advisory lock held for the sweep), each check in
/// the transaction that marks it sent (<see cref="SendDueChecksHandler"/>, Wolverine's outbox), so a check is sent exactly
/// once across nodes and never lost: a node that dies mid-sweep rolls back and the next sweep sends the check.
/// </summary>
public sealed class DeadlineClock(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock, IConfiguration config,
    ILogger<DeadlineClock> logger) : BackgroundService
{
    /// <summary>The advisory lock of a sweep: "Deadline" as a 64-bit number.</summary>
    private const long LockKey = 0x446561646c696e65;

    private const int Page = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Deadlines:SweepSeconds", 30.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (ErrorHandling.IsExpected(e))
            {
                logger.LogWarning("Deadline sweep paused: {Reason}", e.Message);
            }
            catch (Exception e)
            {
                // Never the host's end: the checks wait in the table, and the next sweep tries again.
                logger.LogError(e, "Deadline sweep failed; the next sweep tries again");
            }
        }
    }

    /// <summary>One sweep: sends every check due by now, a page at a time; answers how many it sent.</summary>
    private async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var guard = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", guard))
        {
            take.Parameters.AddWithValue("key", LockKey);
            if (!(bool)(await take.ExecuteScalarAsync(ct))!)
            {
                return 0; // another node is sweeping
            }
        }

        var sent = 0;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            while (true)
            {
                var page = await bus.InvokeForTenantAsync<int>(Partners.ReminderSubscription.Tenant, new SendDueChecks(clock.GetUtcNow(), Page), ct);
                sent += page;
                if (page < Page)
                {
                    return sent;
                }
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", guard);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }
}

/// <summary>Send up to <paramref name="Limit"/> checks due by <paramref name="Now"/> (the sweeper's page; run inline, one transaction).</summary>
public sealed record SendDueChecks(DateTimeOffset Now, int Limit);

/// <summary>
/// A page of due checks: each published in its organisation's name and marked sent in the same transaction (the
/// handler's Marten session is enrolled in Wolverine's outbox), so a check is sent once or, after a rollback, not yet.
/// </summary>
public static class SendDueChecksHandler
{
    public static async Task<int> Handle(SendDueChecks command, IDocumentSession session, IMessageContext bus, CancellationToken ct)
    {
        var due = await session.Query<ScheduledCheck>().Where(c => c.AnyTenant() && c.SentAt == null && c.DueAt <= command.Now).OrderBy(c => c.DueAt)
            .Take(command.Limit).ToListAsync(ct);
        foreach (var check in due)
        {
            await bus.PublishAsync(Deadlines.MessageOf(check), new DeliveryOptions { TenantId = check.TenantId });
            check.SentAt = command.Now;
            session.ForTenant(check.TenantId!).Store(check);
        }

        return due.Count;
    }
}
