using System.Text.RegularExpressions;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

public static partial class DownloadBundleEndpoint
{
    /// <summary>
    /// The evidence bundle of one case (a stream) as of a moment: its events the caller's organisation may see (the
    /// others withheld, by hash), the evidence files they cite, their inclusion proofs, the covering checkpoint and the
    /// public key, in one signed file of JSON lines that <c>verify-bundle</c> checks offline. 404 for a case the caller cannot see; 409 until a
    /// checkpoint covers the case's last event.
    /// </summary>
    [WolverineGet("/api/audit/bundles/{streamId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<FileContentResult>(StatusCodes.Status200OK, "application/x-ndjson")]
    public static async Task<IResult> Get(Guid streamId, NpgsqlDataSource dataSource, IDocumentStore store, IQuerySession session, CheckpointSigner signer, Caller caller,
        DateTimeOffset now, CancellationToken ct, string? asOf = null)
    {
        if (PointsInTime.Parse(asOf, null, now, out var point) is { } problem)
        {
            return Results.Problem(problem);
        }

        var schema = store.Options.Events.DatabaseSchemaName;
        var until = point.AsOf ?? now;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var entries = new List<(long Ordinal, long Position, long Version, bool Visible, byte[] EventHash)>();
        await using (var cmd = new NpgsqlCommand(
            $"select ordinal, position, version, organisation = @caller or access_class <> 'private', event_hash from {schema}.{AuditTable.Name} " +
            "where stream_id = @stream and recorded_at <= @until order by version", connection))
        {
            cmd.Parameters.AddWithValue("caller", caller.OrgNumber);
            cmd.Parameters.AddWithValue("stream", streamId);
            cmd.Parameters.AddWithValue("until", until);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                entries.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetBoolean(3), (byte[])reader[4]));
            }
        }

        if (!entries.Any(e => e.Visible))
        {
            return Results.Problem(Problems.NotFound($"No case {streamId} in the audit trail{(point.AsOf is null ? "" : " as of " + asOf)}."));
        }

        var last = entries.Max(e => e.Ordinal);
        var checkpoint = (await AuditTable.CheckpointsAsync(connection, schema, last - 1, 1, ct)).FirstOrDefault();
        if (checkpoint is null)
        {
            return Results.Problem(Problems.Conflict($"No checkpoint covers the case's last event (entry {last}) yet; ask again after the next checkpoint."));
        }

        var leaves = await AuditTable.LeavesAsync(connection, schema, checkpoint.TreeSize, ct);
        IReadOnlyList<string> Proof(long ordinal) => [.. MerkleTree.InclusionProof(leaves, (int)(ordinal - 1)).Select(Convert.ToHexStringLower)];
        var stored = (await AuditTable.EventsAsync(connection, schema, [.. entries.Where(e => e.Visible).Select(e => e.Position)], ct)).ToDictionary(r => r.Event.Position);
        var events = entries.Where(e => e.Visible).Select(e =>
        {
            var s = stored[e.Position].Event;
            return new BundleEvent(e.Ordinal, s.Position, s.StreamId, s.Version, s.Type, s.Timestamp, s.Organisation, s.Person, s.Data, Convert.ToHexStringLower(e.EventHash),
                Proof(e.Ordinal));
        }).ToList();
        var withheld = entries.Where(e => !e.Visible).Select(e => new WithheldEvent(e.Ordinal, e.Version, Convert.ToHexStringLower(e.EventHash), Proof(e.Ordinal))).ToList();

        var files = new Dictionary<string, byte[]>();
        foreach (var e in events)
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

        var manifest = new BundleManifest(Bundles.Format, streamId, until, entries.Count, checkpoint, Convert.ToBase64String(signer.PublicKey), withheld,
            [.. files.Select(f => new BundleFile(f.Key, f.Value.LongLength))]);
        return Results.File(Bundles.Write(manifest, events, files, signer), "application/x-ndjson", $"ethicalict-bundle-{streamId}.jsonl");
    }

    [GeneratedRegex("\"sha256\":\\s*\"([0-9a-f]{64})\"")]
    private static partial Regex Sha256Field();
}
