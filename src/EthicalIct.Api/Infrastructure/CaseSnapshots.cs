using System.Reflection;
using System.Text;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Npgsql;
using Weasel.Postgresql.Tables;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Marten.Subscriptions;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Marks a case read (a type folded from one stream by its <c>Apply</c> methods) whose "as of" reads start from a
/// snapshot instead of the stream's first event. <paramref name="aggregate"/>: the write model whose streams it folds
/// (the stream type Marten records); <see cref="Shared"/> when the stream belongs to no organisation.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SnapshotsAsOfAttribute(Type aggregate) : Attribute
{
    public Type Aggregate { get; } = aggregate;

    public bool Shared { get; init; }
}

/// <summary>
/// Snapshots for "as of" (docs/adr/0016): every <c>AsOf:SnapshotEvery</c> versions (default 200) of a case stream, the
/// case read folded up to that version is kept in <c>case_snapshots</c> (by organisation, stream, version and the
/// time that version was recorded). A read as of a moment or a version loads the newest snapshot at or before the point
/// and folds only the events after it, so its cost no longer grows with the stream's length. Snapshots are a cache
/// derived from the events alone: written by <see cref="CaseSnapshotHandler"/> fed by a Marten subscription, rebuilt
/// from zero by rewinding it, and never the source of truth (a stream without snapshots folds from its first event).
/// </summary>
public static class CaseSnapshots
{
    public const string TableName = "case_snapshots";

    public static Table Definition(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, TableName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "varchar(100)").AsPrimaryKey();
        table.AddColumn("stream_id", "uuid").AsPrimaryKey();
        table.AddColumn("doc_type", "varchar(200)").AsPrimaryKey();
        table.AddColumn("version", "bigint").AsPrimaryKey();
        table.AddColumn("recorded_at", "timestamptz").NotNull();
        table.AddColumn("data", "jsonb").NotNull();
        return table;
    }

    /// <summary>One kind of snapshot: the read type, its stream type and how to fold it on from a state.</summary>
    public sealed record Kind(Type ReadType, Type Aggregate, bool Shared,
        Func<IQuerySession, Guid, long, object?, long, CancellationToken, Task<object?>> Fold);

    /// <summary>The case reads marked <see cref="SnapshotsAsOfAttribute"/> in this assembly.</summary>
    public static IReadOnlyList<Kind> Kinds { get; } = [.. typeof(CaseSnapshots).Assembly.GetTypes()
        .Select(t => (Type: t, Marker: t.GetCustomAttribute<SnapshotsAsOfAttribute>()))
        .Where(t => t.Marker is not null)
        .Select(t => (Kind)typeof(CaseSnapshots).GetMethod(nameof(KindOf), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t.Type)
            .Invoke(null, [t.Marker!.Aggregate, t.Marker.Shared])!)];

    private static Kind KindOf<T>(Type aggregate, bool shared)
        where T : class =>
        new(typeof(T), aggregate, shared, async (session, id, version, state, fromVersion, ct) =>
            await session.Events.AggregateStreamAsync(id, version, state: (T?)state, fromVersion: fromVersion, token: ct));

    /// <summary>
    /// The case read folded up to a version or a moment (both null: the latest), starting from the newest snapshot at
    /// or before that point in the session's organisation (or the shared one); null when the stream had not begun.
    /// </summary>
    public static async Task<T?> FoldAsync<T>(IQuerySession session, Guid id, long? version, DateTimeOffset? asOf, CancellationToken ct)
        where T : class
    {
        var (from, state) = await LatestAsync(session.Connection!, session.DocumentStore.Options.DatabaseSchemaName, session.TenantId, id, typeof(T), version, asOf,
            session.DocumentStore.Options.Serializer(), ct);
        return await session.Events.AggregateStreamAsync(id, version ?? 0, asOf, (T?)state, from is { } v ? v + 1 : 0, ct);
    }

    private static async Task<(long? Version, object? State)> LatestAsync(NpgsqlConnection connection, string schema, string tenant, Guid id, Type type, long? version,
        DateTimeOffset? asOf, ISerializer serializer, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select version, data::text from {schema}.{TableName} where tenant_id = @tenant and stream_id = @id and doc_type = @type " +
            "and (@v::bigint is null or version <= @v) and (@at::timestamptz is null or recorded_at <= @at) order by version desc limit 1", connection);
        cmd.Parameters.AddWithValue("tenant", tenant);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("type", type.Name);
        cmd.Parameters.Add(new NpgsqlParameter("v", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)version ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("at", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)asOf ?? DBNull.Value });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (null, null);
        }

        var found = reader.GetInt64(0);
        using var json = new MemoryStream(Encoding.UTF8.GetBytes(reader.GetString(1)));
        return (found, serializer.FromJson(type, json));
    }

    /// <summary>Writes the snapshots due in a page: for each event at a multiple of the interval, the case folded on from the snapshot before it.</summary>
    internal static async Task WriteAsync(CaseSnapshotPage page, IDocumentStore store, NpgsqlDataSource dataSource, CaseSnapshotSettings settings, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (page.FromScratch)
        {
            await using var clear = new NpgsqlCommand($"delete from {schema}.{TableName}", connection);
            await clear.ExecuteNonQueryAsync(ct);
        }

        var due = page.Events.Where(e => e.Version % settings.Every == 0).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var streamTypes = new Dictionary<Guid, string>();
        await using (var cmd = new NpgsqlCommand($"select id, coalesce(type, '') from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(@ids)", connection))
        {
            cmd.Parameters.AddWithValue("ids", due.Select(e => e.StreamId).Distinct().ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                streamTypes[reader.GetGuid(0)] = reader.GetString(1);
            }
        }

        var events = (EventGraph)store.Options.Events;
        var serializer = store.Options.Serializer();
        foreach (var stream in due.GroupBy(e => e.StreamId))
        {
            foreach (var kind in Kinds.Where(k => streamTypes.GetValueOrDefault(stream.Key) == events.AggregateAliasFor(k.Aggregate)))
            {
                var tenant = kind.Shared ? JasperFx.StorageConstants.DefaultTenantId : stream.First().TenantId;
                await using var session = store.QuerySession(new Marten.Services.SessionOptions { TenantId = tenant, AllowAnyTenant = true });
                foreach (var e in stream.OrderBy(e => e.Version))
                {
                    var (from, state) = await LatestAsync(connection, schema, tenant, stream.Key, kind.ReadType, e.Version, null, serializer, ct);
                    if (from == e.Version)
                    {
                        continue;
                    }

                    if (await kind.Fold(session, stream.Key, e.Version, state, from is { } v ? v + 1 : 0, ct) is not { } folded)
                    {
                        continue;
                    }

                    await using var insert = new NpgsqlCommand(
                        $"insert into {schema}.{TableName} (tenant_id, stream_id, doc_type, version, recorded_at, data) values (@tenant, @id, @type, @v, @at, @data::jsonb) " +
                        "on conflict do nothing", connection);
                    insert.Parameters.AddWithValue("tenant", tenant);
                    insert.Parameters.AddWithValue("id", stream.Key);
                    insert.Parameters.AddWithValue("type", kind.ReadType.Name);
                    insert.Parameters.AddWithValue("v", e.Version);
                    insert.Parameters.AddWithValue("at", e.Timestamp);
                    insert.Parameters.AddWithValue("data", serializer.ToJson(folded));
                    await insert.ExecuteNonQueryAsync(ct);
                }
            }
        }
    }

    /// <summary>The table, and the subscription that feeds the snapshot handler.</summary>
    public static StoreOptions ConfigureCaseSnapshots(this StoreOptions opts)
    {
        opts.Storage.ExtendedSchemaObjects.Add(Definition(opts.DatabaseSchemaName));
        return opts;
    }

    public static WebApplicationBuilder AddEthicalIctCaseSnapshots(this WebApplicationBuilder builder)
    {
        builder.Services.SubscribeToEvents(new CaseSnapshotSubscription());
        builder.Services.AddSingleton(new CaseSnapshotSettings(Math.Max(2, builder.Configuration.GetValue("AsOf:SnapshotEvery", 200))));
        return builder;
    }
}

/// <summary>How often a case stream is snapshotted: every <c>AsOf:SnapshotEvery</c> versions (default 200, at least 2).</summary>
public sealed record CaseSnapshotSettings(int Every);

/// <summary>One page of every organisation's events for the snapshot handler. From scratch at position 0.</summary>
public sealed record CaseSnapshotPage(long Floor, IReadOnlyList<IEvent> Events)
{
    public bool FromScratch => Floor == 0;
}

/// <summary>The Marten subscription that feeds <see cref="CaseSnapshotHandler"/>: every event, page by page in global order; a failing page stops it.</summary>
public sealed class CaseSnapshotSubscription : BatchSubscription
{
    public const string Name = "case-snapshots";

    /// <summary>The handler writes through its own connection; Wolverine still needs a tenant for its session.</summary>
    public const string Tenant = "case-snapshots";

    public CaseSnapshotSubscription()
        : base(Name)
    {
        Options.BatchSize = 1000;
    }

    public override Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken) =>
        bus.InvokeForTenantAsync(Tenant, new CaseSnapshotPage(page.SequenceFloor, page.Events), cancellationToken);
}

/// <summary>Writes the snapshots a page makes due (idempotent: a snapshot once written is kept; from scratch the table is emptied first).</summary>
public static class CaseSnapshotHandler
{
    /// <remarks>A failed page is reported by the daemon, which pauses the subscription; Wolverine does not log it a second time.</remarks>
    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug, FailureLogLevel = LogLevel.None)]
    public static Task Handle(CaseSnapshotPage page, IDocumentStore store, NpgsqlDataSource dataSource, CaseSnapshotSettings settings, CancellationToken ct) =>
        CaseSnapshots.WriteAsync(page, store, dataSource, settings, ct);
}
