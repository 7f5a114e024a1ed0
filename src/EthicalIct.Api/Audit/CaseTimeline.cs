using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.SupplierDialogues;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

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
    public static async Task<IResult> Get(Guid streamId, ReadStore read, IDocumentStore store, IQuerySession session, Caller caller, CancellationToken ct,
        long after = 0, int limit = 100)
    {
        if (Problems.Validation([.. AuditTrailQuery.Paging(after, limit)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var stream = await AuditTable.StreamsAsync(connection, schema, [streamId], ct);
        var visible = (await CaseVisibility.VisibleAsync(session, caller, stream, ct)).Count == 1;
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

        var items = await TimelineEvidence.CiteAsync(connection, schema, entries, ct);
        return Results.Ok(new CaseTimeline(streamId, stream[0].Type, items, items.Count == limit ? items[^1].Entry.Ordinal : null));
    }
}

/// <summary>Which cases a caller may read (the case timeline's rule, also used by the supplier timeline and bundle).</summary>
public static class CaseVisibility
{
    /// <summary>
    /// A private stream only its organisation; a supplier dialogue only its current participants; the other shared
    /// records (registry, roundtables, follow-up items, requirement sets, agreement) every party. Dialogues are loaded in one batch.
    /// </summary>
    public static async Task<HashSet<Guid>> VisibleAsync(IQuerySession session, Caller caller, IReadOnlyCollection<(Guid Stream, string Tenant, string Type)> streams,
        CancellationToken ct)
    {
        var visible = streams.Where(s => s.Tenant == caller.OrgNumber || s.Tenant == JasperFx.StorageConstants.DefaultTenantId && s.Type != "supplier_dialogue")
            .Select(s => s.Stream).ToHashSet();
        var dialogues = streams.Where(s => s.Tenant == JasperFx.StorageConstants.DefaultTenantId && s.Type == "supplier_dialogue").Select(s => s.Stream).ToArray();
        if (dialogues.Length > 0)
        {
            foreach (var dialogue in await session.LoadManyAsync<SupplierDialogueDetails>(ct, dialogues))
            {
                if (DialogueAccess.Visible(dialogue, d => d.Participants, caller) is not null)
                {
                    visible.Add(dialogue.Id);
                }
            }
        }

        return visible;
    }
}
