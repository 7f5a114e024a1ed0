using System.Text.Json;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.SupplierDialogues;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

/// <summary>Evidence an event registers or cites: its title and SHA-256 (the file travels in the case's evidence bundle).</summary>
public sealed record CitedEvidence(Guid EvidenceId, string Title, string Sha256);

/// <summary>One line of a case's timeline: the audit entry and the evidence the event registers or cites.</summary>
public sealed record TimelineEntry(AuditEntry Entry, IReadOnlyList<CitedEvidence> Evidence);

public sealed record CaseTimeline(Guid StreamId, string StreamType, IReadOnlyList<TimelineEntry> Items, long? Next);

public static class CaseTimelineQuery
{
    /// <summary>
    /// A case's events in order (assessment, dialogue, roundtable, follow-up item, supplier, requirement set, contract,
    /// disclosure, agreement): position, time, organisation, person, role, type, summary, correlation and causation ids,
    /// both hashes, and the evidence each registers or cites. Who may read it is the case's own rule: a private stream
    /// only its organisation, a dialogue only its current participants, the shared records every party (404 otherwise).
    /// Cursor: the chain ordinal.
    /// </summary>
    [WolverineGet("/api/cases/{streamId}/timeline"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<CaseTimeline>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid streamId, NpgsqlDataSource dataSource, IDocumentStore store, IQuerySession session, Caller caller, CancellationToken ct,
        long after = 0, int limit = 100)
    {
        if (Problems.Validation([.. after < 0 ? [new FieldError("after", "must be 0 or a cursor from an earlier page")] : Array.Empty<FieldError>(),
                .. limit is < 1 or > AuditTrailQuery.MaxLimit ? [new FieldError("limit", $"must be between 1 and {AuditTrailQuery.MaxLimit}")] : Array.Empty<FieldError>()])
            is { } problem)
        {
            return Results.Problem(problem);
        }

        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        string? tenant = null, type = null;
        await using (var cmd = new NpgsqlCommand($"select tenant_id, type from {schema}.mt_streams where id = @id limit 1", connection))
        {
            cmd.Parameters.AddWithValue("id", streamId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                (tenant, type) = (reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1));
            }
        }

        var visible = tenant switch
        {
            null => false,
            JasperFx.StorageConstants.DefaultTenantId when type == "supplier_dialogue" =>
                DialogueAccess.Visible(await session.LoadAsync<SupplierDialogueDetails>(streamId, ct), d => d.Participants, caller) is not null,
            JasperFx.StorageConstants.DefaultTenantId => true,
            _ => tenant == caller.OrgNumber,
        };
        if (!visible)
        {
            return Results.Problem(Problems.NotFound($"No case {streamId}."));
        }

        var entries = await AuditTrailQuery.ReadAsync(connection, schema, "where stream_id = @stream and ordinal > @after order by ordinal limit @limit",
            p =>
            {
                p.AddWithValue("stream", streamId);
                p.AddWithValue("after", after);
                p.AddWithValue("limit", limit);
            }, ct);

        // The stream's evidence, registered in its own events, by id (for the events that cite it).
        var evidence = new Dictionary<Guid, CitedEvidence>();
        var data = new Dictionary<long, JsonElement>();
        await using (var cmd = new NpgsqlCommand($"select seq_id, data from {schema}.mt_events where stream_id = @id order by seq_id", connection))
        {
            cmd.Parameters.AddWithValue("id", streamId);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var json = JsonDocument.Parse(reader.GetString(1)).RootElement.Clone();
                data[reader.GetInt64(0)] = json;
                if (json.TryGetProperty("evidenceId", out var id) && json.TryGetProperty("sha256", out var sha) && json.TryGetProperty("title", out var title))
                {
                    evidence[id.GetGuid()] = new CitedEvidence(id.GetGuid(), title.GetString() ?? "", sha.GetString() ?? "");
                }
            }
        }

        var items = entries.Select(e =>
        {
            var cited = new List<CitedEvidence>();
            if (data.TryGetValue(e.Position, out var json))
            {
                if (json.TryGetProperty("evidenceId", out var own) && evidence.TryGetValue(own.GetGuid(), out var registered))
                {
                    cited.Add(registered);
                }

                if (json.TryGetProperty("evidenceIds", out var ids) && ids.ValueKind == JsonValueKind.Array)
                {
                    cited.AddRange(ids.EnumerateArray().Select(i => evidence.GetValueOrDefault(i.GetGuid())).OfType<CitedEvidence>());
                }
            }

            return new TimelineEntry(e, cited);
        }).ToList();
        return Results.Ok(new CaseTimeline(streamId, type ?? "", items, items.Count == limit ? items[^1].Entry.Ordinal : null));
    }
}
