using Npgsql;

namespace EthicalIct.Api.Audit;

/// <summary>The verifier's finding: everything holds, or the first ordinal and position where something disagrees, and what.</summary>
public sealed record Verification(bool Holds, long Checked, long? Ordinal, long? Position, string? Problem, int Checkpoints = 0, IReadOnlyList<string>? Witnessed = null)
{
    public static Verification Ok(long checkedEntries, int checkpoints, IReadOnlyList<string> witnessed) => new(true, checkedEntries, null, null, null, checkpoints, witnessed);
}

/// <summary>
/// Recomputes the chain from the events table (EventModel.md, "Audit trail and hash chain"): for each entry, in ordinal
/// order, the stored event at its position is read, its canonical bytes recomputed, and both hashes compared; the
/// ordinals must run without a gap; and every stored event up to the head must be in the chain. The first
/// disagreement is reported: an edited event (data, time, organisation, type, stream or version), a deleted event, an
/// event added or moved outside the chain, or an edited chain.
/// </summary>
public static class ChainVerifier
{
    private const int Batch = 5000;

    /// <summary>Verifies entries <paramref name="fromOrdinal"/>..<paramref name="toOrdinal"/>; with <c>publicKey</c> (the service's raw Ed25519 key) every checkpoint's signature too.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="schema">Marten's schema.</param>
    /// <param name="fromOrdinal">First entry (checkpoints are checked only on a walk from 1).</param>
    /// <param name="toOrdinal">Last entry, default the head.</param>
    /// <param name="progress">Entries done of the total.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="publicKey">The service's checkpoint key (raw Ed25519); when given, every checkpoint's signature is checked too.</param>
    public static async Task<Verification> VerifyAsync(NpgsqlDataSource dataSource, string schema, long fromOrdinal = 1, long? toOrdinal = null,
        IProgress<(long Done, long Total)>? progress = null, CancellationToken ct = default, byte[]? publicKey = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (headOrdinal, headPosition, _) = await AuditTable.HeadAsync(connection, schema, ct);
        var last = Math.Min(toOrdinal ?? headOrdinal, headOrdinal);
        var total = Math.Max(0, last - fromOrdinal + 1);
        var previous = fromOrdinal <= 1 ? Canonical.Genesis : (await AuditTable.EntriesAsync(connection, schema, fromOrdinal - 2, 1, ct)).Select(e => e.ChainHash).FirstOrDefault();
        if (previous is null)
        {
            return new Verification(false, 0, fromOrdinal - 1, null, $"the chain has no entry {fromOrdinal - 1} to start from");
        }

        // Checkpoints are checked on a walk from the start: the Merkle root is rebuilt entry by entry.
        var checkpoints = fromOrdinal == 1
            ? (await AuditTable.CheckpointsAsync(connection, schema, 0, int.MaxValue, ct)).ToDictionary(c => c.TreeSize)
            : [];
        var witnesses = fromOrdinal == 1 ? await WitnessesAsync(connection, schema, ct) : [];
        var witnessedAt = witnesses.ToLookup(w => w.TreeSize);
        var frontier = new MerkleFrontier();
        var checkpointsSeen = 0;
        long expected = fromOrdinal, done = 0;
        while (expected <= last)
        {
            var entries = await AuditTable.EntriesAsync(connection, schema, expected - 1, (int)Math.Min(Batch, last - expected + 1), ct);
            if (entries.Count == 0 || entries[0].Ordinal != expected)
            {
                return new Verification(false, done, expected, null, $"chain entry {expected} is missing (the chain was edited)");
            }

            var stored = (await AuditTable.EventsAsync(connection, schema, [.. entries.Select(e => e.Position)], ct)).ToDictionary(r => r.Event.Position);
            foreach (var entry in entries)
            {
                if (entry.Ordinal != expected)
                {
                    return new Verification(false, done, expected, entry.Position, $"chain entry {expected} is missing (the chain was edited)");
                }

                if (!stored.TryGetValue(entry.Position, out var row))
                {
                    return new Verification(false, done, entry.Ordinal, entry.Position, $"the event at position {entry.Position} is gone (deleted, or its position changed)");
                }

                var canonical = Canonical.Bytes(row.Event);
                if (!Canonical.EventHash(canonical).AsSpan().SequenceEqual(entry.EventHash))
                {
                    return new Verification(false, done, entry.Ordinal, entry.Position,
                        $"the event at position {entry.Position} is not what was chained (its data, time, organisation, person, type, stream or version changed)");
                }

                previous = Canonical.Chain(previous, canonical);
                if (!previous.AsSpan().SequenceEqual(entry.ChainHash))
                {
                    return new Verification(false, done, entry.Ordinal, entry.Position, $"the chain hash of entry {entry.Ordinal} does not follow from the one before (the chain was edited)");
                }

                frontier.Append(MerkleTree.LeafHash(entry.EventHash));
                foreach (var witness in witnessedAt[entry.Ordinal])
                {
                    if (!string.Equals(witness.Root, Convert.ToHexStringLower(frontier.Root()), StringComparison.OrdinalIgnoreCase))
                    {
                        return new Verification(false, done, entry.Ordinal, entry.Position,
                            $"the log does not extend the checkpoint at tree size {entry.Ordinal} that {witness.Org} witnessed (its history was rewritten)");
                    }
                }

                if (checkpoints.TryGetValue(entry.Ordinal, out var checkpoint))
                {
                    if (checkpoint.Position != entry.Position || checkpoint.MerkleRoot != Convert.ToHexStringLower(frontier.Root())
                        || checkpoint.ChainHead != Convert.ToHexStringLower(previous))
                    {
                        return new Verification(false, done, entry.Ordinal, entry.Position, $"the checkpoint at tree size {entry.Ordinal} does not match the log");
                    }

                    if (publicKey is not null && !CheckpointSigner.Verify(checkpoint, publicKey))
                    {
                        return new Verification(false, done, entry.Ordinal, entry.Position, $"the signature of the checkpoint at tree size {entry.Ordinal} does not hold");
                    }

                    checkpointsSeen++;
                }

                expected++;
                done++;
            }

            progress?.Report((done, total));
        }

        if (toOrdinal is null && fromOrdinal <= 1 && await UnchainedAsync(connection, schema, headPosition, ct) is { } extra)
        {
            return new Verification(false, done, null, extra, $"the event at position {extra} is not in the chain (added or moved after it was chained)");
        }

        if (checkpoints.Keys.Any(size => size > last) && toOrdinal is null)
        {
            var beyond = checkpoints.Keys.Where(size => size > last).Min();
            return new Verification(false, done, beyond, null, $"a checkpoint claims tree size {beyond}, beyond the log's {last} entries (entries were removed)");
        }

        return Verification.Ok(done, checkpointsSeen, [.. witnesses.Select(w => $"{w.TreeSize}: {w.Org}")]);
    }

    /// <summary>The checkpoints the parties witnessed, with the roots they saw.</summary>
    private static async Task<List<(long TreeSize, string Root, string Org)>> WitnessesAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var witnesses = new List<(long, string, string)>();
        try
        {
            await using var cmd = new NpgsqlCommand(
                $"select (data->>'treeSize')::bigint, data->>'merkleRoot', data->'by'->>'org' from {schema}.mt_doc_checkpointwitnessview order by 1", connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                witnesses.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // no witness has been recorded in this database yet
        }

        return witnesses;
    }

    /// <summary>The first stored event at or below the head's position that the chain does not hold.</summary>
    private static async Task<long?> UnchainedAsync(NpgsqlConnection connection, string schema, long headPosition, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select e.seq_id from {schema}.mt_events e left join {schema}.{AuditTable.Name} a on a.position = e.seq_id " +
            "where e.seq_id <= @head and e.type <> 'tombstone' and a.position is null order by e.seq_id limit 1", connection);
        cmd.Parameters.AddWithValue("head", headPosition);
        return await cmd.ExecuteScalarAsync(ct) is long position ? position : null;
    }
}
