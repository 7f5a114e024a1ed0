using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace EthicalIct.Api.Partners;

/// <summary>A subscription's delivery state: where it is in the feed, the attempt at the event it is on, and when to try again.</summary>
public sealed record WebhookProgress(Guid SubscriptionId, string Tenant, bool ObserverOnly, string Url, WebhookFilter Filter, long Position, int Attempts,
    DateTimeOffset? NextAttemptAt, bool Disabled, long CheckpointSize);

/// <summary>One attempt to deliver an event (the delivery log).</summary>
public sealed record WebhookAttempt(long Id, long Position, string WebhookId, int Attempt, int? Status, int LatencyMs, string? Error, DateTimeOffset At);

/// <summary>An event whose deliveries all failed; replayable.</summary>
public sealed record WebhookDeadLetter(long Position, string WebhookId, int Attempts, int? LastStatus, string Reason, DateTimeOffset DeadAt, DateTimeOffset? ReplayedAt,
    int? ReplayStatus);

/// <summary>A change to the webhook tables, made in the command's own transaction (returned by the endpoint like its events).</summary>
public sealed record WebhookStateChange(Action<IDocumentSession> Change) : Wolverine.Marten.IMartenOp
{
    public void Execute(IDocumentSession session) => Change(session);
}

/// <summary>
/// The operational state of webhook delivery (not events: a delivery is not a fact of the record). Secrets are kept
/// here rather than in an event so that a rotated secret can be dropped. All SQL of the webhooks is here.
/// </summary>
public static class WebhookTables
{
    public const string Progress = "webhook_progress";
    public const string Secrets = "webhook_secrets";
    public const string Log = "webhook_log";
    public const string DeadLetters = "webhook_dead_letters";

    private static Weasel.Postgresql.PostgresqlObjectName Name(string schema, string table) => new(schema, table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General);

    public static IEnumerable<Table> Definitions(string schema)
    {
        var progress = new Table(Name(schema, Progress));
        progress.AddColumn("subscription_id", "uuid").AsPrimaryKey();
        progress.AddColumn("tenant_id", "varchar(100)").NotNull();
        progress.AddColumn("observer_only", "boolean").NotNull();
        progress.AddColumn("url", "varchar(2000)").NotNull();
        progress.AddColumn("types", "text[]").NotNull();
        progress.AddColumn("stream_types", "text[]").NotNull();
        progress.AddColumn("supplier_id", "uuid");
        progress.AddColumn("position", "bigint").NotNull();
        progress.AddColumn("attempts", "integer").NotNull();
        progress.AddColumn("next_attempt_at", "timestamptz");
        progress.AddColumn("disabled", "boolean").NotNull();
        progress.AddColumn("checkpoint_size", "bigint").NotNull().DefaultValueByExpression("0");
        yield return progress;

        var secrets = new Table(Name(schema, Secrets));
        secrets.AddColumn("subscription_id", "uuid").AsPrimaryKey();
        secrets.AddColumn("secret_id", "varchar(64)").AsPrimaryKey();
        secrets.AddColumn("secret", "varchar(200)").NotNull();
        secrets.AddColumn("valid_until", "timestamptz");
        yield return secrets;

        var log = new Table(Name(schema, Log));
        log.AddColumn("id", "bigserial").AsPrimaryKey();
        log.AddColumn("subscription_id", "uuid").NotNull().AddIndex();
        log.AddColumn("position", "bigint").NotNull();
        log.AddColumn("webhook_id", "varchar(100)").NotNull();
        log.AddColumn("attempt", "integer").NotNull();
        log.AddColumn("status", "integer");
        log.AddColumn("latency_ms", "integer").NotNull();
        log.AddColumn("error", "varchar(500)");
        log.AddColumn("at", "timestamptz").NotNull();
        yield return log;

        var dead = new Table(Name(schema, DeadLetters));
        dead.AddColumn("subscription_id", "uuid").AsPrimaryKey();
        dead.AddColumn("webhook_id", "varchar(100)").AsPrimaryKey();
        dead.AddColumn("position", "bigint").NotNull();
        dead.AddColumn("attempts", "integer").NotNull();
        dead.AddColumn("last_status", "integer");
        dead.AddColumn("reason", "varchar(500)").NotNull();
        dead.AddColumn("dead_at", "timestamptz").NotNull();
        dead.AddColumn("replayed_at", "timestamptz");
        dead.AddColumn("replay_status", "integer");
        yield return dead;
    }

    private static string S(IDocumentStore store) => store.Options.Events.DatabaseSchemaName;

    /// <summary>Queues the subscription's delivery state and first secret in the subscribing command's transaction.</summary>
    public static void Create(IDocumentSession session, WebhookSubscribed e, string secret)
    {
        var schema = S(session.DocumentStore);
        session.QueueSqlCommand(
            $"insert into {schema}.{Progress} (subscription_id, tenant_id, observer_only, url, types, stream_types, supplier_id, position, attempts, next_attempt_at, disabled, " +
            $"checkpoint_size) values (?, ?, ?, ?, ?, ?, ?, ?, 0, null, false, coalesce((select max(tree_size) from {schema}.audit_checkpoint where position <= ?), 0))",
            e.SubscriptionId, session.TenantId, e.ObserverOnly, e.Url, e.Filter.Types.ToArray(), e.Filter.StreamTypes.ToArray(), (object?)e.Filter.SupplierId ?? DBNull.Value,
            e.StartAfter, e.StartAfter);
        session.QueueSqlCommand($"insert into {schema}.{Secrets} (subscription_id, secret_id, secret, valid_until) values (?, ?, ?, null)", e.SubscriptionId, e.SecretId, secret);
    }

    /// <summary>Queues a rotation: the new secret, and the previous one valid until the overlap ends (older ones dropped).</summary>
    public static void Rotate(IDocumentSession session, WebhookSecretRotated e, string previousSecretId, string secret)
    {
        var schema = S(session.DocumentStore);
        session.QueueSqlCommand($"delete from {schema}.{Secrets} where subscription_id = ? and secret_id <> ?", e.SubscriptionId, previousSecretId);
        session.QueueSqlCommand($"update {schema}.{Secrets} set valid_until = ? where subscription_id = ? and secret_id = ?", e.PreviousValidUntil, e.SubscriptionId, previousSecretId);
        session.QueueSqlCommand($"insert into {schema}.{Secrets} (subscription_id, secret_id, secret, valid_until) values (?, ?, ?, null)", e.SubscriptionId, e.SecretId, secret);
    }

    /// <summary>Queues the disabled flag in the command's transaction (enable resumes at once).</summary>
    public static void SetDisabled(IDocumentSession session, Guid subscriptionId, bool disabled) =>
        session.QueueSqlCommand($"update {S(session.DocumentStore)}.{Progress} set disabled = ?, attempts = 0, next_attempt_at = null where subscription_id = ?",
            disabled, subscriptionId);

    public static async Task<WebhookProgress?> ProgressAsync(NpgsqlConnection connection, string schema, Guid id, CancellationToken ct) =>
        (await ProgressAsync(connection, schema, [id], ct)).GetValueOrDefault(id);

    /// <summary>The delivery state of these subscriptions, by id.</summary>
    public static async Task<Dictionary<Guid, WebhookProgress>> ProgressAsync(NpgsqlConnection connection, string schema, Guid[] ids, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select subscription_id, tenant_id, observer_only, url, types, stream_types, supplier_id, position, attempts, next_attempt_at, disabled, checkpoint_size from {schema}.{Progress} " +
            "where subscription_id = any(@ids)", connection);
        cmd.Parameters.AddWithValue("ids", ids);
        var found = new Dictionary<Guid, WebhookProgress>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            found[r.GetGuid(0)] = new WebhookProgress(r.GetGuid(0), r.GetString(1), r.GetBoolean(2), r.GetString(3),
                new WebhookFilter((string[])r[4], (string[])r[5], r.IsDBNull(6) ? null : r.GetGuid(6)), r.GetInt64(7), r.GetInt32(8),
                r.IsDBNull(9) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(9), DateTimeKind.Utc)), r.GetBoolean(10), r.GetInt64(11));
        }

        return found;
    }

    /// <summary>The subscriptions with something to deliver now: active, not waiting for a retry, behind the chain's head.</summary>
    public static async Task<List<Guid>> DueAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select subscription_id from {schema}.{Progress} where not disabled and (next_attempt_at is null or next_attempt_at <= now()) " +
            $"and position < (select coalesce(max(position), 0) from {schema}.audit_trail)", connection);
        var due = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            due.Add(r.GetGuid(0));
        }

        return due;
    }

    public static async Task<List<string>> SigningSecretsAsync(NpgsqlConnection connection, string schema, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select secret from {schema}.{Secrets} where subscription_id = @id and (valid_until is null or valid_until > @now) order by valid_until nulls last", connection);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", now);
        var secrets = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            secrets.Add(r.GetString(0));
        }

        return secrets;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.Add(value is null ? new NpgsqlParameter(name, DBNull.Value) : new NpgsqlParameter(name, value));
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records an attempt in the delivery log and, in the same round trip, the state change it leads to
    /// (<paramref name="then"/>: SQL over the parameters <c>@id</c>, <c>@p</c>, <c>@w</c>, <c>@a</c>, <c>@s</c>, <c>@e</c>, <c>@at</c>).
    /// </summary>
    public static async Task RecordAsync(NpgsqlConnection connection, string schema, Guid id, long position, string webhookId, int attempt, int? status, int latencyMs,
        string? error, DateTimeOffset at, CancellationToken ct, params string[] then)
    {
        await using var batch = new NpgsqlBatch(connection);
        foreach (var sql in then.Prepend($"insert into {schema}.{Log} (subscription_id, position, webhook_id, attempt, status, latency_ms, error, at) values (@id, @p, @w, @a, @s, @l, @e, @at)"))
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in new (string, object?)[]
                     {
                         ("id", id), ("p", position), ("w", webhookId), ("a", attempt), ("s", status), ("l", latencyMs), ("e", error is null ? null : error[..Math.Min(error.Length, 500)]),
                         ("at", at),
                     })
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(sql, $@"@{name}\b"))
                {
                    command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
                }
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records delivered attempts (2xx) in the delivery log and the position and checkpoint they reached, in one round trip:
    /// deliveries are recorded a page at a time, so a stop between a 2xx and its record sends that event again (at least once).
    /// </summary>
    public static async Task RecordDeliveredAsync(NpgsqlConnection connection, string schema, Guid id,
        IReadOnlyList<(long Position, string WebhookId, int Attempt, int Status, int LatencyMs, DateTimeOffset At)> delivered, long position, long checkpointSize, CancellationToken ct)
    {
        if (delivered.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand($"insert into {schema}.{Log} (subscription_id, position, webhook_id, attempt, status, latency_ms, error, at) " +
            "select @id, p, w, a, s, l, null, t from unnest(@p, @w, @a, @s, @l, @t) with ordinality as x(p, w, a, s, l, t, n) order by n");
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("p", delivered.Select(d => d.Position).ToArray());
        insert.Parameters.AddWithValue("w", delivered.Select(d => d.WebhookId).ToArray());
        insert.Parameters.AddWithValue("a", delivered.Select(d => d.Attempt).ToArray());
        insert.Parameters.AddWithValue("s", delivered.Select(d => d.Status).ToArray());
        insert.Parameters.AddWithValue("l", delivered.Select(d => d.LatencyMs).ToArray());
        insert.Parameters.AddWithValue("t", delivered.Select(d => d.At).ToArray());
        batch.BatchCommands.Add(insert);
        var advance = new NpgsqlBatchCommand(
            $"update {schema}.{Progress} set position = greatest(position, @position), checkpoint_size = greatest(checkpoint_size, @size), attempts = 0, next_attempt_at = null " +
            "where subscription_id = @id");
        advance.Parameters.AddWithValue("position", position);
        advance.Parameters.AddWithValue("size", checkpointSize);
        advance.Parameters.AddWithValue("id", id);
        batch.BatchCommands.Add(advance);
        await batch.ExecuteNonQueryAsync(ct);
    }

    public static async Task<List<WebhookAttempt>> AttemptsAsync(NpgsqlConnection connection, string schema, Guid id, long after, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select id, position, webhook_id, attempt, status, latency_ms, error, at from {schema}.{Log} where subscription_id = @id and id > @after order by id limit @limit",
            connection);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("limit", limit);
        var list = new List<WebhookAttempt>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new WebhookAttempt(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetInt32(4), r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetString(6), new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(7), DateTimeKind.Utc))));
        }

        return list;
    }

    public static async Task<List<WebhookDeadLetter>> DeadLettersAsync(NpgsqlConnection connection, string schema, Guid id, long[]? positions, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select position, webhook_id, attempts, last_status, reason, dead_at, replayed_at, replay_status from {schema}.{DeadLetters} " +
            "where subscription_id = @id and (@positions::bigint[] is null or position = any(@positions)) order by position, webhook_id limit 10000", connection);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = (object?)positions ?? DBNull.Value });
        var list = new List<WebhookDeadLetter>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new WebhookDeadLetter(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4),
                new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc)),
                r.IsDBNull(6) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(6), DateTimeKind.Utc)), r.IsDBNull(7) ? null : r.GetInt32(7)));
        }

        return list;
    }
}
