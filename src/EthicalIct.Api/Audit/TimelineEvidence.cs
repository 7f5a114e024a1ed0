using System.Text.Json;
using Npgsql;

namespace EthicalIct.Api.Audit;

/// <summary>
/// Evidence an event registers or cites: its title and SHA-256 and, where the service keeps the file, the link that
/// downloads it (the link's own access rule still applies). Roundtable and follow-up evidence are references (title
/// and hash) without a stored file, so they have no link.
/// </summary>
public sealed record CitedEvidence(Guid? EvidenceId, string Title, string Sha256, string? Download);

/// <summary>One line of a timeline: the audit entry and the evidence the event registers or cites.</summary>
public sealed record TimelineEntry(AuditEntry Entry, IReadOnlyList<CitedEvidence> Evidence);

/// <summary>Timeline lines for a page of audit entries (shared by the case and the supplier timeline).</summary>
public static class TimelineEvidence
{
    /// <summary>
    /// Reads the page's events and the evidence registered in their streams (events whose data has a top-level
    /// <c>sha256</c>) in one query, and pairs each entry with what it registers (<c>evidenceId</c>), cites
    /// (<c>evidenceIds</c>) or references (<c>evidence</c>: title and hash).
    /// </summary>
    public static async Task<List<TimelineEntry>> CiteAsync(NpgsqlConnection connection, string schema, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var registered = new Dictionary<(Guid Stream, Guid Evidence), CitedEvidence>();
        var data = new Dictionary<long, JsonElement>();
        await using (var cmd = new NpgsqlCommand(
            $"select seq_id, stream_id, type, data::text from {schema}.mt_events where stream_id = any(@streams) and (seq_id = any(@positions) or data ? 'sha256')", connection))
        {
            cmd.Parameters.AddWithValue("streams", entries.Select(e => e.StreamId).Distinct().ToArray());
            cmd.Parameters.AddWithValue("positions", entries.Select(e => e.Position).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var json = JsonDocument.Parse(reader.GetString(3)).RootElement.Clone();
                data[reader.GetInt64(0)] = json;
                if (Registration(reader.GetGuid(1), reader.GetString(2), json) is { } evidence)
                {
                    registered[(reader.GetGuid(1), evidence.EvidenceId!.Value)] = evidence;
                }
            }
        }

        return [.. entries.Select(e => new TimelineEntry(e, data.TryGetValue(e.Position, out var json) ? Cited(e.StreamId, json, registered) : []))];
    }

    /// <summary>The evidence an event registers, with the link that serves its file (pure).</summary>
    public static CitedEvidence? Registration(Guid streamId, string type, JsonElement data)
    {
        if (!data.TryGetProperty("evidenceId", out var idValue) || !idValue.TryGetGuid(out var id) || !data.TryGetProperty("sha256", out var sha)
            || !data.TryGetProperty("title", out var title))
        {
            return null;
        }

        var download = type switch
        {
            "evidence_registered" => $"/api/assessments/{streamId}/evidence/{id}/file",
            "dialogue_evidence_registered" => $"/api/supplier-dialogues/{streamId}/evidence/{id}/file",
            "evidence_disclosed" when data.TryGetProperty("fileShown", out var shown) && shown.ValueKind == JsonValueKind.True => $"/api/disclosures/{streamId}/file",
            _ => null,
        };
        return new CitedEvidence(id, title.GetString() ?? "", sha.GetString() ?? "", download);
    }

    /// <summary>What one event registers, cites or references, by the evidence registered in its own stream (pure).</summary>
    public static IReadOnlyList<CitedEvidence> Cited(Guid streamId, JsonElement data, IReadOnlyDictionary<(Guid Stream, Guid Evidence), CitedEvidence> registered)
    {
        var cited = new List<CitedEvidence>();
        if (data.TryGetProperty("evidenceId", out var own) && own.TryGetGuid(out var ownId) && registered.TryGetValue((streamId, ownId), out var registration))
        {
            cited.Add(registration);
        }

        if (data.TryGetProperty("evidenceIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            cited.AddRange(ids.EnumerateArray().Select(i => i.TryGetGuid(out var g) ? registered.GetValueOrDefault((streamId, g)) : null).OfType<CitedEvidence>());
        }

        if (data.TryGetProperty("evidence", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            cited.AddRange(refs.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("sha256", out _) && r.TryGetProperty("title", out _))
                .Select(r => new CitedEvidence(null, r.GetProperty("title").GetString() ?? "", r.GetProperty("sha256").GetString() ?? "", null)));
        }

        return cited;
    }
}
