using EthicalIct.Api.Cooperation;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace EthicalIct.Api.Audit;

/// <summary>One page of every organisation's events, in global order, for the audit handler. From scratch at position 0.</summary>
public sealed record AuditPage(long Floor, IReadOnlyList<IEvent> Events)
{
    public bool FromScratch => Floor == 0;
}

/// <summary>
/// The Marten subscription that feeds the audit trail and hash chain (docs/adr/0015): every event of every
/// organisation, page by page in global order, handed to <see cref="AuditHandler"/> through Wolverine. A failing page
/// stops the subscription; nothing is skipped.
/// </summary>
public sealed class AuditSubscription : BatchSubscription
{
    public const string Name = "audit-trail";

    /// <summary>The handler's session is not used (it writes through its own transaction); Wolverine still needs a tenant for it.</summary>
    public const string Tenant = "audit-trail";

    public AuditSubscription()
        : base(Name)
    {
        Options.BatchSize = 1000;
    }

    public override Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken) =>
        bus.InvokeForTenantAsync(Tenant, new AuditPage(page.SequenceFloor, page.Events), cancellationToken);
}

/// <summary>
/// Chains a page: under an advisory lock, in one transaction, it takes the events not yet in the chain (by position,
/// so a page delivered twice adds nothing), reads them as stored, computes each event's canonical bytes, event hash
/// and chain hash from the head, and appends them with the next ordinals. From scratch it first empties the trail.
/// </summary>
public static class AuditHandler
{
    /// <remarks>A failed page is reported by the daemon, which pauses the subscription; Wolverine does not log it a second time.</remarks>
    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug, FailureLogLevel = LogLevel.None)]
    public static async Task Handle(AuditPage page, NpgsqlDataSource dataSource, IDocumentStore store, CheckpointSigner signer, AuditSettings settings,
        Partners.FeedSignal signal, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('ethicalict-audit-trail'))", connection, transaction))
        {
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        if (page.FromScratch)
        {
            await using var clear = new NpgsqlCommand(
                $"delete from {schema}.{AuditTable.Name}; delete from {schema}.{AuditTable.FrontierName}; delete from {schema}.{AuditTable.CheckpointName}; " +
                $"delete from {schema}.{AuditTable.SubjectName}", connection, transaction);
            await clear.ExecuteNonQueryAsync(ct);
        }

        var positions = page.Events.Select(e => e.Sequence).ToArray();
        var chained = await AuditTable.ChainedAsync(connection, schema, positions, ct);
        var fresh = positions.Where(p => !chained.Contains(p)).ToArray();
        if (fresh.Length > 0)
        {
            var types = page.Events.ToDictionary(e => e.Sequence, e => e.EventType);
            var (ordinal, _, hash) = await AuditTable.HeadAsync(connection, schema, ct);
            var rows = new List<AuditEntryRow>();
            var subjects = new HashSet<(Guid, Guid)>();
            foreach (var row in await AuditTable.EventsAsync(connection, schema, fresh, ct))
            {
                var canonical = Canonical.Bytes(row.Event);
                hash = Canonical.Chain(hash, canonical);
                rows.Add(AuditRules.Entry(++ordinal, row, types.GetValueOrDefault(row.Event.Position), Canonical.EventHash(canonical), hash));
                foreach (var supplier in AuditRules.Suppliers(row.Event.Data))
                {
                    subjects.Add((supplier, row.Event.StreamId));
                }
            }

            if (rows.Count > 0)
            {
                await AuditTable.InsertAsync(connection, transaction, schema, rows, ct);
                await AuditTable.SaveSubjectsAsync(connection, transaction, schema, subjects, ct);
                await CheckpointAsync(connection, transaction, schema, rows, signer, settings, ct);
            }
        }

        await transaction.CommitAsync(ct);
        signal.Pulse();
    }

    /// <summary>
    /// Appends the page's entries to the Merkle frontier and signs a checkpoint at every boundary the page crosses (and
    /// when the interval has passed); each checkpoint keeps the frontier's peaks and the consistency proof from the one
    /// before it (computed from those peaks and the leaves since, never from the whole log).
    /// </summary>
    private static async Task CheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, List<AuditEntryRow> rows, CheckpointSigner signer,
        AuditSettings settings, CancellationToken ct)
    {
        var frontier = await AuditTable.FrontierAsync(connection, schema, ct);
        var last = (await AuditTable.LatestCheckpointAsync(connection, schema, ct))?.At;
        var previous = await AuditTable.LatestPeaksAsync(connection, transaction, schema, ct);
        var leaves = previous is { } p ? await AuditTable.LeavesBetweenAsync(connection, transaction, schema, p.Size, rows[0].Ordinal, ct) : [];
        var signedAtEnd = false;

        async Task SignAsync(AuditEntryRow row)
        {
            var proof = previous is { } prev ? MerkleTree.ConsistencyProof(prev.Peaks, leaves) : null;
            await AuditTable.SaveCheckpointAsync(connection, transaction, schema, signer.Sign(frontier.Size, row.Position, frontier.Root(), row.ChainHash, row.RecordedAt), ct,
                [.. frontier.Peaks.Select(x => x.Hash)], previous?.Size, proof);
            previous = (frontier.Size, [.. frontier.Peaks]);
            leaves = [];
            last = row.RecordedAt;
        }

        foreach (var row in rows)
        {
            var leaf = MerkleTree.LeafHash(row.EventHash);
            frontier.Append(leaf);
            leaves.Add(leaf);
            if (frontier.Size % settings.CheckpointEvery == 0)
            {
                await SignAsync(row);
                signedAtEnd = row == rows[^1];
            }
        }

        var end = rows[^1];
        if (!signedAtEnd && (last is null || end.RecordedAt - last >= settings.CheckpointInterval))
        {
            await SignAsync(end);
        }

        await AuditTable.SaveFrontierAsync(connection, transaction, schema, frontier, ct);
    }
}

/// <summary>How often the log is checkpointed: every <c>Audit:CheckpointEvery</c> entries (default 1000) and, at the end of a page, when <c>Audit:CheckpointMinutes</c> (default 10) have passed since the last one by the events' time.</summary>
public sealed record AuditSettings(int CheckpointEvery, TimeSpan CheckpointInterval);

/// <summary>What an audit entry says besides the hashes (pure).</summary>
public static class AuditRules
{
    public static AuditEntryRow Entry(long ordinal, AuditTable.Row row, Type? eventType, byte[] eventHash, byte[] chainHash)
    {
        var e = row.Event;
        var access = eventType is null ? AccessClass.Private : Access(eventType);
        var who = string.IsNullOrEmpty(row.Name) ? e.Person : row.Name;
        var summary = $"{(who.Length == 0 ? "unknown" : who)} ({(row.Role.Length == 0 ? "no role" : row.Role)}, {e.Organisation}): {e.Type.Replace('_', ' ')}";
        return new AuditEntryRow(ordinal, e.Position, e.StreamId, e.Version, e.Type, e.Timestamp, e.Organisation, e.Person, row.Name, row.Role,
            access.ToString().ToLowerInvariant(), summary, row.CorrelationId, row.CausationId, eventHash, chainHash);
    }

    /// <summary>
    /// The suppliers an event names (its JSON data): <c>supplierId</c>, <c>supplierIds</c>, <c>ownerSupplierId</c> and <c>links.supplierIds</c>
    /// at the top level. Its stream then concerns each of them (the supplier timeline and bundle).
    /// </summary>
    public static IReadOnlyList<Guid> Suppliers(string data)
    {
        if (!data.Contains("upplierId", StringComparison.Ordinal))
        {
            return [];
        }

        using var json = System.Text.Json.JsonDocument.Parse(data);
        var found = new List<Guid>();
        void Add(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.String && e.TryGetGuid(out var id))
            {
                found.Add(id);
            }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Add(item);
                }
            }
        }

        var root = json.RootElement;
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return [];
        }

        foreach (var name in (string[])["supplierId", "supplierIds", "ownerSupplierId"])
        {
            if (root.TryGetProperty(name, out var value))
            {
                Add(value);
            }
        }

        if (root.TryGetProperty("links", out var links) && links.ValueKind == System.Text.Json.JsonValueKind.Object && links.TryGetProperty("supplierIds", out var linked))
        {
            Add(linked);
        }

        return found;
    }

    private static AccessClass Access(Type eventType)
    {
        try
        {
            return AccessClasses.ClassOf(eventType, null);
        }
        catch (InvalidOperationException)
        {
            return AccessClass.Private;
        }
    }
}
