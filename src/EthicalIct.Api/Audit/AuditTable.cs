using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace EthicalIct.Api.Audit;

/// <summary>One line of the audit trail: who did what, when, in which stream, with the event's hash and the chain's.</summary>
public sealed record AuditEntry(long Ordinal, long Position, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt, string Organisation, string Person,
    string Name, string Role, string AccessClass, string Summary, string? CorrelationId, string? CausationId, string EventHash, string ChainHash);

/// <summary>
/// The audit trail and hash chain: one table (<c>audit_trail</c>), one row per event in the order the chain took it
/// (<c>ordinal</c> 1, 2, 3 … without gaps), written only by <see cref="AuditHandler"/>, read by the trail query and
/// the verifier. The SQL lives here and nowhere else.
/// </summary>
public static class AuditTable
{
    public const string Name = "audit_trail";

    public const string FrontierName = "audit_frontier";

    public const string CheckpointName = "audit_checkpoint";

    public const string SubjectName = "audit_subject";

    /// <summary>
    /// Which streams concern which supplier (one row per pair), learnt from the events as they are chained: an event
    /// that names a supplier (<c>supplierId</c>, <c>supplierIds</c>, <c>links.supplierIds</c>) ties its stream to it.
    /// The supplier timeline and the supplier bundle read it; like the trail, it is rebuilt from the events.
    /// </summary>
    public static Table Subjects(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, SubjectName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("supplier_id", "uuid").AsPrimaryKey();
        table.AddColumn("stream_id", "uuid").AsPrimaryKey();
        return table;
    }

    public static async Task SaveSubjectsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, IReadOnlyCollection<(Guid Supplier, Guid Stream)> pairs,
        CancellationToken ct)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        await using var cmd = new NpgsqlCommand(
            $"insert into {schema}.{SubjectName} (supplier_id, stream_id) select * from unnest(@s, @t) on conflict do nothing", connection, transaction);
        cmd.Parameters.Add(Param(pairs.Select(p => p.Supplier).ToArray(), NpgsqlDbType.Uuid)).ParameterName = "s";
        cmd.Parameters.Add(Param(pairs.Select(p => p.Stream).ToArray(), NpgsqlDbType.Uuid)).ParameterName = "t";
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The streams by id with the organisation that owns each (the shared tenant for shared records) and their type; unknown ids left out.</summary>
    public static async Task<List<(Guid Stream, string Tenant, string Type)>> StreamsAsync(NpgsqlConnection connection, string schema, Guid[] ids, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select id, tenant_id, coalesce(type, '') from {schema}.mt_streams where id = any(@ids)", connection);
        cmd.Parameters.AddWithValue("ids", ids);
        return await ReadStreamsAsync(cmd, ct);
    }

    private static async Task<List<(Guid Stream, string Tenant, string Type)>> ReadStreamsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<(Guid, string, string)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return list;
    }

    /// <summary>The streams that concern a supplier, with the organisation that owns each (the shared tenant for shared records) and its type.</summary>
    public static async Task<List<(Guid Stream, string Tenant, string Type)>> SubjectStreamsAsync(NpgsqlConnection connection, string schema, Guid supplier, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select s.stream_id, st.tenant_id, coalesce(st.type, '') from {schema}.{SubjectName} s join {schema}.mt_streams st on st.id = s.stream_id " +
            "where s.supplier_id = @s", connection);
        cmd.Parameters.AddWithValue("s", supplier);
        return await ReadStreamsAsync(cmd, ct);
    }

    /// <summary>The Merkle frontier after the last chained entry (one row).</summary>
    public static Table Frontier(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, FrontierName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "integer").AsPrimaryKey();
        table.AddColumn("tree_size", "bigint").NotNull();
        table.AddColumn("peaks", "bytea[]").NotNull();
        return table;
    }

    /// <summary>The signed checkpoints.</summary>
    public static Table Checkpoints(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, CheckpointName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tree_size", "bigint").AsPrimaryKey();
        table.AddColumn("position", "bigint").NotNull();
        table.AddColumn("merkle_root", "char(64)").NotNull();
        table.AddColumn("chain_head", "char(64)").NotNull();
        table.AddColumn("at", "timestamptz").NotNull();
        table.AddColumn("key_id", "varchar(64)").NotNull();
        table.AddColumn("signature", "varchar(200)").NotNull();
        // The frontier's peaks at this size and the consistency proof from the previous checkpoint (delivered to subscribers).
        table.AddColumn("peaks", "bytea[]");
        table.AddColumn("previous_size", "bigint");
        table.AddColumn("consistency_proof", "bytea[]");
        return table;
    }

    public static async Task<MerkleFrontier> FrontierAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select tree_size, peaks from {schema}.{FrontierName} where id = 1", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? MerkleFrontier.From(reader.GetInt64(0), (byte[][])reader[1]) : new MerkleFrontier();
    }

    public static async Task SaveFrontierAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, MerkleFrontier frontier, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"insert into {schema}.{FrontierName} (id, tree_size, peaks) values (1, @size, @peaks) on conflict (id) do update set tree_size = excluded.tree_size, peaks = excluded.peaks",
            connection, transaction);
        cmd.Parameters.AddWithValue("size", frontier.Size);
        cmd.Parameters.Add(new NpgsqlParameter("peaks", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = frontier.Peaks.Select(p => p.Hash).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Checkpoint c, CancellationToken ct,
        IReadOnlyList<byte[]>? peaks = null, long? previousSize = null, IReadOnlyList<byte[]>? proof = null)
    {
        await using var cmd = new NpgsqlCommand(
            $"insert into {schema}.{CheckpointName} (tree_size, position, merkle_root, chain_head, at, key_id, signature, peaks, previous_size, consistency_proof) " +
            "values (@s, @p, @r, @h, @at, @k, @sig, @peaks, @prev, @proof)",
            connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter("peaks", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = (object?)peaks?.ToArray() ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("prev", NpgsqlDbType.Bigint) { Value = (object?)previousSize ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("proof", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = (object?)proof?.ToArray() ?? DBNull.Value });
        cmd.Parameters.AddWithValue("s", c.TreeSize);
        cmd.Parameters.AddWithValue("p", c.Position);
        cmd.Parameters.AddWithValue("r", c.MerkleRoot);
        cmd.Parameters.AddWithValue("h", c.ChainHead);
        cmd.Parameters.AddWithValue("at", c.At);
        cmd.Parameters.AddWithValue("k", c.KeyId);
        cmd.Parameters.AddWithValue("sig", c.Signature);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<Checkpoint?> LatestCheckpointAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select {CheckpointColumns} from {schema}.{CheckpointName} order by tree_size desc limit 1", connection);
        return (await ReadCheckpointsAsync(cmd, ct)).SingleOrDefault();
    }

    private const string CheckpointColumns = "tree_size, position, merkle_root, chain_head, at, key_id, signature";

    /// <summary>Checkpoints in tree-size order, after a size.</summary>
    public static async Task<List<Checkpoint>> CheckpointsAsync(NpgsqlConnection connection, string schema, long afterSize, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select {CheckpointColumns} from {schema}.{CheckpointName} where tree_size > @after order by tree_size limit @limit", connection);
        cmd.Parameters.AddWithValue("after", afterSize);
        cmd.Parameters.AddWithValue("limit", limit);
        return await ReadCheckpointsAsync(cmd, ct);
    }

    private static async Task<List<Checkpoint>> ReadCheckpointsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<Checkpoint>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new Checkpoint(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc)), reader.GetString(5), reader.GetString(6)));
        }

        return list;
    }

    /// <summary>The latest checkpoint's size and the frontier's peaks at it (null before the first, or for one signed before peaks were kept).</summary>
    public static async Task<(long Size, List<(long Size, byte[] Hash)> Peaks)?> LatestPeaksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select tree_size, peaks from {schema}.{CheckpointName} order by tree_size desc limit 1", connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(1))
        {
            return null;
        }

        var frontier = MerkleFrontier.From(reader.GetInt64(0), (byte[][])reader[1]);
        return (frontier.Size, frontier.Peaks);
    }

    /// <summary>The leaf hashes of the entries after an ordinal and before another (exclusive), in order.</summary>
    public static async Task<List<byte[]>> LeavesBetweenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, long after, long before, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select event_hash from {schema}.{Name} where ordinal > @a and ordinal < @b order by ordinal", connection, transaction);
        cmd.Parameters.AddWithValue("a", after);
        cmd.Parameters.AddWithValue("b", before);
        var leaves = new List<byte[]>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            leaves.Add(MerkleTree.LeafHash((byte[])reader[0]));
        }

        return leaves;
    }

    /// <summary>A checkpoint as delivered to subscribers: with the consistency proof from the one before it.</summary>
    public sealed record DeliveredCheckpoint(Checkpoint Checkpoint, long? PreviousTreeSize, IReadOnlyList<string> ConsistencyProof);

    /// <summary>The checkpoints signed at positions in (after, upTo], in order.</summary>
    public static Task<List<DeliveredCheckpoint>> CheckpointsAtAsync(NpgsqlConnection connection, string schema, long after, long upTo, CancellationToken ct) =>
        DeliveredCheckpointsAsync(connection, schema, "position > @a and position <= @b", after, upTo, ct);

    /// <summary>The checkpoints larger than a tree size that end at or before a position (those signed after a subscriber passed their position), oldest first.</summary>
    public static Task<List<DeliveredCheckpoint>> CheckpointsLargerThanAsync(NpgsqlConnection connection, string schema, long treeSize, long upTo, CancellationToken ct) =>
        DeliveredCheckpointsAsync(connection, schema, "tree_size > @a and position <= @b", treeSize, upTo, ct);

    private static async Task<List<DeliveredCheckpoint>> DeliveredCheckpointsAsync(NpgsqlConnection connection, string schema, string condition, long a, long b, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select {CheckpointColumns}, previous_size, consistency_proof from {schema}.{CheckpointName} where {condition} order by tree_size limit 1000", connection);
        cmd.Parameters.AddWithValue("a", a);
        cmd.Parameters.AddWithValue("b", b);
        var list = new List<DeliveredCheckpoint>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var checkpoint = new Checkpoint(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc)), reader.GetString(5), reader.GetString(6));
            list.Add(new DeliveredCheckpoint(checkpoint, reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? [] : [.. ((byte[][])reader[8]).Select(Convert.ToHexStringLower)]));
        }

        return list;
    }

    /// <summary>The event hashes of the first n entries (the Merkle tree's entries), for proofs.</summary>
    public static async Task<List<byte[]>> LeavesAsync(NpgsqlConnection connection, string schema, long treeSize, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select event_hash from {schema}.{Name} where ordinal <= @n order by ordinal", connection);
        cmd.Parameters.AddWithValue("n", treeSize);
        var leaves = new List<byte[]>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            leaves.Add(MerkleTree.LeafHash((byte[])reader[0]));
        }

        return leaves;
    }

    public static Table Definition(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Name, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("ordinal", "bigint").AsPrimaryKey();
        table.AddColumn("position", "bigint").NotNull().AddIndex(i => i.IsUnique = true);
        table.AddColumn("stream_id", "uuid").NotNull().AddIndex();
        table.AddColumn("version", "bigint").NotNull();
        table.AddColumn("type", "varchar(200)").NotNull();
        table.AddColumn("recorded_at", "timestamptz").NotNull().AddIndex();
        table.AddColumn("organisation", "varchar(100)").NotNull().AddIndex();
        table.AddColumn("person", "varchar(200)").NotNull();
        table.AddColumn("name", "varchar(300)").NotNull();
        table.AddColumn("role", "varchar(50)").NotNull();
        table.AddColumn("access_class", "varchar(20)").NotNull();
        table.AddColumn("summary", "text").NotNull();
        table.AddColumn("correlation_id", "varchar(200)");
        table.AddColumn("causation_id", "varchar(200)");
        table.AddColumn("event_hash", "bytea").NotNull();
        table.AddColumn("chain_hash", "bytea").NotNull();
        return table;
    }

    /// <summary>A stored event with the columns the audit trail shows beside the chain's.</summary>
    public sealed record Row(StoredEvent Event, string Name, string Role, string? CorrelationId, string? CausationId);

    private const string EventColumns =
        "seq_id, stream_id, version, type, timestamp, tenant_id, data::text, coalesce(data->'by'->>'org', ''), coalesce(data->'by'->>'person', ''), " +
        "coalesce(data->'by'->>'name', ''), coalesce(data->'by'->>'role', ''), correlation_id, causation_id";

    /// <summary>The stored events at these positions (tombstones left out: they belong to no stream), in position order.</summary>
    public static async Task<List<Row>> EventsAsync(NpgsqlConnection connection, string schema, long[] positions, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select {EventColumns} from {schema}.mt_events where seq_id = any(@p) and type <> 'tombstone' order by seq_id", connection);
        cmd.Parameters.AddWithValue("p", positions);
        return await ReadRowsAsync(cmd, ct);
    }

    /// <summary>The stored events after a position, in position order (the verifier's view of what should be chained).</summary>
    public static async Task<List<Row>> EventsAfterAsync(NpgsqlConnection connection, string schema, long after, int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select {EventColumns} from {schema}.mt_events where seq_id > @after and type <> 'tombstone' order by seq_id limit @limit", connection);
        cmd.Parameters.AddWithValue("after", after);
        cmd.Parameters.AddWithValue("limit", limit);
        return await ReadRowsAsync(cmd, ct);
    }

    private static async Task<List<Row>> ReadRowsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var rows = new List<Row>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var tenant = reader.GetString(5);
            var organisation = tenant == JasperFx.StorageConstants.DefaultTenantId ? reader.GetString(7) : tenant;
            var timestamp = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc));
            rows.Add(new Row(
                new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), timestamp, organisation, reader.GetString(8), reader.GetString(6)),
                reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return rows;
    }

    /// <summary>Which of these positions the chain has already (a page delivered twice adds nothing).</summary>
    public static async Task<HashSet<long>> ChainedAsync(NpgsqlConnection connection, string schema, long[] positions, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select position from {schema}.{Name} where position = any(@p)", connection);
        cmd.Parameters.AddWithValue("p", positions);
        var found = new HashSet<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(reader.GetInt64(0));
        }

        return found;
    }

    /// <summary>The chain's head: its last ordinal, position and hash (genesis when empty).</summary>
    public static async Task<(long Ordinal, long Position, byte[] Hash)> HeadAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select ordinal, position, chain_hash from {schema}.{Name} order by ordinal desc limit 1", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2]) : (0, 0, Canonical.Genesis);
    }

    /// <summary>Chain entries by ordinal, for the verifier.</summary>
    public static async Task<List<(long Ordinal, long Position, byte[] EventHash, byte[] ChainHash)>> EntriesAsync(NpgsqlConnection connection, string schema, long afterOrdinal,
        int limit, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select ordinal, position, event_hash, chain_hash from {schema}.{Name} where ordinal > @after order by ordinal limit @limit", connection);
        cmd.Parameters.AddWithValue("after", afterOrdinal);
        cmd.Parameters.AddWithValue("limit", limit);
        var entries = new List<(long, long, byte[], byte[])>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            entries.Add((reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2], (byte[])reader[3]));
        }

        return entries;
    }

    /// <summary>Inserts a page of entries with one statement (arrays unnested), in the caller's transaction.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, IReadOnlyList<AuditEntryRow> rows, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"insert into {schema}.{Name} (ordinal, position, stream_id, version, type, recorded_at, organisation, person, name, role, access_class, summary, " +
            "correlation_id, causation_id, event_hash, chain_hash) select * from unnest(@c0, @c1, @c2, @c3, @c4, @c5, @c6, @c7, @c8, @c9, @c10, @c11, @c12, @c13, @c14, @c15)",
            connection, transaction);
        NpgsqlParameter[] parameters =
        [
            Param(rows.Select(r => r.Ordinal).ToArray(), NpgsqlDbType.Bigint), Param(rows.Select(r => r.Position).ToArray(), NpgsqlDbType.Bigint),
            Param(rows.Select(r => r.StreamId).ToArray(), NpgsqlDbType.Uuid), Param(rows.Select(r => r.Version).ToArray(), NpgsqlDbType.Bigint),
            Param(rows.Select(r => r.Type).ToArray(), NpgsqlDbType.Varchar), Param(rows.Select(r => r.RecordedAt).ToArray(), NpgsqlDbType.TimestampTz),
            Param(rows.Select(r => r.Organisation).ToArray(), NpgsqlDbType.Varchar), Param(rows.Select(r => r.Person).ToArray(), NpgsqlDbType.Varchar),
            Param(rows.Select(r => r.Name).ToArray(), NpgsqlDbType.Varchar), Param(rows.Select(r => r.Role).ToArray(), NpgsqlDbType.Varchar),
            Param(rows.Select(r => r.AccessClass).ToArray(), NpgsqlDbType.Varchar), Param(rows.Select(r => r.Summary).ToArray(), NpgsqlDbType.Text),
            Param(rows.Select(r => r.CorrelationId).ToArray(), NpgsqlDbType.Varchar), Param(rows.Select(r => r.CausationId).ToArray(), NpgsqlDbType.Varchar),
            Param(rows.Select(r => r.EventHash).ToArray(), NpgsqlDbType.Bytea), Param(rows.Select(r => r.ChainHash).ToArray(), NpgsqlDbType.Bytea),
        ];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].ParameterName = $"c{i}";
            cmd.Parameters.Add(parameters[i]);
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Param<T>(T[] values, NpgsqlDbType type) => new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type };
}

/// <summary>A chain entry as written.</summary>
public sealed record AuditEntryRow(long Ordinal, long Position, Guid StreamId, long Version, string Type, DateTimeOffset RecordedAt, string Organisation, string Person,
    string Name, string Role, string AccessClass, string Summary, string? CorrelationId, string? CausationId, byte[] EventHash, byte[] ChainHash);
