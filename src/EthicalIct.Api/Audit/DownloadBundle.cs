using System.Text.RegularExpressions;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

public static class DownloadBundleEndpoint
{
    /// <summary>
    /// The evidence bundle of one case (a stream) as of a moment: its events the caller's organisation may see (the
    /// others withheld, by hash), the evidence files they cite, their inclusion proofs, the covering checkpoint and the
    /// public key, in one signed file of JSON lines that <c>verify-bundle</c> checks offline. 404 for a case the caller cannot see; 409 until a
    /// checkpoint covers the case's last event.
    /// </summary>
    [WolverineGet("/api/audit/bundles/{streamId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<FileContentResult>(StatusCodes.Status200OK, "application/x-ndjson")]
    public static async Task<IResult> Get(Guid streamId, ReadStore read, IDocumentStore store, IQuerySession session, CheckpointSigner signer, Caller caller,
        DateTimeOffset now, CancellationToken ct, string? asOf = null)
    {
        if (PointsInTime.Parse(asOf, null, now, out var point) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var streams = await AuditTable.StreamsAsync(connection, store.Options.Events.DatabaseSchemaName, [streamId], ct);
        return await BundleAssembly.BuildAsync(new BundleSubject("case", streamId), streams, connection, store, session, signer, caller, point.AsOf ?? now, asOf, ct);
    }
}

public static class DownloadSupplierBundleEndpoint
{
    /// <summary>
    /// The evidence bundle of a supplier as of a moment: every case that concerns it (as in the supplier timeline) with
    /// the events the caller's organisation may see — all of a case it may read, the shared and public ones of the
    /// others — and the rest withheld by hash; a case of which the caller may see nothing is left out. The files, proofs,
    /// checkpoint and key as in a case's bundle. 404 when no event names the supplier; 409 until a checkpoint covers the last event.
    /// </summary>
    [WolverineGet("/api/suppliers/{supplierId}/bundle"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<FileContentResult>(StatusCodes.Status200OK, "application/x-ndjson")]
    public static async Task<IResult> Get(Guid supplierId, ReadStore read, IDocumentStore store, IQuerySession session, CheckpointSigner signer, Caller caller,
        DateTimeOffset now, CancellationToken ct, string? asOf = null)
    {
        if (PointsInTime.Parse(asOf, null, now, out var point) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var streams = await AuditTable.SubjectStreamsAsync(connection, store.Options.Events.DatabaseSchemaName, supplierId, ct);
        return await BundleAssembly.BuildAsync(new BundleSubject("supplier", supplierId), streams, connection, store, session, signer, caller, point.AsOf ?? now, asOf, ct);
    }
}

/// <summary>Assembles a bundle from the audit trail (shared by the case and the supplier bundle).</summary>
public static partial class BundleAssembly
{
    public static async Task<IResult> BuildAsync(BundleSubject subject, IReadOnlyCollection<(Guid Stream, string Tenant, string Type)> streams, NpgsqlConnection connection,
        IDocumentStore store, IQuerySession session, CheckpointSigner signer, Caller caller, DateTimeOffset until, string? asOf, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var readable = await CaseVisibility.VisibleAsync(session, caller, streams, ct);
        var entries = new List<(long Ordinal, long Position, Guid Stream, long Version, bool Visible, byte[] EventHash)>();
        await using (var cmd = new NpgsqlCommand(
            $"select ordinal, position, stream_id, version, stream_id = any(@readable) or access_class <> 'private', event_hash from {schema}.{AuditTable.Name} " +
            "where stream_id = any(@streams) and recorded_at <= @until order by stream_id, version", connection))
        {
            cmd.Parameters.AddWithValue("readable", readable.ToArray());
            cmd.Parameters.AddWithValue("streams", streams.Select(s => s.Stream).ToArray());
            cmd.Parameters.AddWithValue("until", until);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                entries.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetBoolean(4), (byte[])reader[5]));
            }
        }

        // A case of which the caller may see nothing is not in the bundle at all (not even its existence).
        var shown = entries.Where(e => e.Visible).Select(e => e.Stream).ToHashSet();
        entries.RemoveAll(e => !shown.Contains(e.Stream));
        if (entries.Count == 0)
        {
            return Results.Problem(Problems.NotFound($"No {subject.Kind} {subject.Id} in the audit trail{(asOf is null ? "" : " as of " + asOf)}."));
        }

        var last = entries.Max(e => e.Ordinal);
        var checkpoint = (await AuditTable.CheckpointsAsync(connection, schema, last - 1, 1, ct)).FirstOrDefault();
        if (checkpoint is null)
        {
            return Results.Problem(Problems.Conflict($"No checkpoint covers the {subject.Kind}'s last event (entry {last}) yet; ask again after the next checkpoint."));
        }

        var leaves = await AuditTable.LeavesAsync(connection, schema, checkpoint.TreeSize, ct);
        IReadOnlyList<string> Proof(long ordinal) => [.. MerkleTree.InclusionProof(leaves, (int)(ordinal - 1)).Select(Convert.ToHexStringLower)];
        var stored = (await AuditTable.EventsAsync(connection, schema, [.. entries.Where(e => e.Visible).Select(e => e.Position)], ct)).ToDictionary(r => r.Event.Position);
        var events = entries.Where(e => e.Visible).OrderBy(e => e.Ordinal).Select(e =>
        {
            var s = stored[e.Position].Event;
            return new BundleEvent(e.Ordinal, s.Position, s.StreamId, s.Version, s.Type, s.Timestamp, s.Organisation, s.Person, s.Data, Convert.ToHexStringLower(e.EventHash),
                Proof(e.Ordinal));
        }).ToList();
        var withheld = entries.Where(e => !e.Visible).Select(e => new WithheldEvent(e.Ordinal, e.Stream, e.Version, Convert.ToHexStringLower(e.EventHash), Proof(e.Ordinal)))
            .ToList();
        var types = streams.ToDictionary(s => s.Stream, s => s.Type);
        var cases = entries.GroupBy(e => e.Stream).Select(g => new BundleStream(g.Key, types.GetValueOrDefault(g.Key, ""), g.Max(e => e.Version))).ToList();

        // Files travel with the events of the cases the caller may read, and with a disclosure that shows its file; a
        // shared or public event of another organisation's case cites a file by hash only.
        var files = new Dictionary<string, byte[]>();
        foreach (var e in events.Where(e => readable.Contains(e.StreamId) || e.Type == "evidence_disclosed" && FileShown().IsMatch(e.Data)))
        {
            foreach (Match m in Sha256Field().Matches(e.Data))
            {
                var sha = m.Groups[1].Value;
                if (!files.ContainsKey(sha) && await EvidenceFiles.ReadSharedAsync(session, e.Organisation, sha, ct) is { } content)
                {
                    files[sha] = content;
                }
            }
        }

        var manifest = new BundleManifest(Bundles.Format, subject, until, cases, checkpoint, Convert.ToBase64String(signer.PublicKey), withheld,
            [.. files.Select(f => new BundleFile(f.Key, f.Value.LongLength))]);
        return Results.File(Bundles.Write(manifest, events, files, signer), "application/x-ndjson", $"ethicalict-bundle-{subject.Kind}-{subject.Id}.jsonl");
    }

    [GeneratedRegex("\"sha256\":\\s*\"([0-9a-f]{64})\"")]
    private static partial Regex Sha256Field();

    [GeneratedRegex("\"fileShown\":\\s*true")]
    private static partial Regex FileShown();
}
