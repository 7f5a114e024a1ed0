using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

/// <summary>A page of a supplier's timeline; <see cref="Cases"/> counts the cases concerning it that the page could draw from.</summary>
public sealed record SupplierTimeline(Guid SupplierId, int Cases, IReadOnlyList<TimelineEntry> Items, long? Next);

public static class SupplierTimelineQuery
{
    /// <summary>
    /// A supplier's timeline across every case that concerns it (its registry record, assessments, dialogues, contracts,
    /// disclosures, follow-up items and roundtables that name it), in chain order: every event of the cases the caller
    /// may read by their own rule (see the case timeline), and of the other cases only the events of a shared or public
    /// access class (as in the audit trail). Each line as in the case timeline, with the evidence and its download link.
    /// Cursor: the chain ordinal. 404 when no event names the supplier.
    /// </summary>
    [WolverineGet("/api/suppliers/{supplierId}/timeline"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<SupplierTimeline>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid supplierId, ReadStore read, IDocumentStore store, IQuerySession session, Caller caller, CancellationToken ct,
        long after = 0, int limit = 100)
    {
        if (Problems.Validation([.. AuditTrailQuery.Paging(after, limit)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var streams = await AuditTable.SubjectStreamsAsync(connection, schema, supplierId, ct);
        if (streams.Count == 0)
        {
            return Results.Problem(Problems.NotFound($"No supplier {supplierId} in the audit trail."));
        }

        var readable = await CaseVisibility.VisibleAsync(session, caller, streams, ct);
        var others = streams.Select(s => s.Stream).Where(s => !readable.Contains(s)).ToArray();
        var entries = await AuditTrailQuery.ReadAsync(connection, schema,
            "where ordinal > @after and (stream_id = any(@readable) or stream_id = any(@others) and access_class <> 'private') order by ordinal limit @limit",
            p =>
            {
                p.AddWithValue("after", after);
                p.AddWithValue("readable", readable.ToArray());
                p.AddWithValue("others", others);
                p.AddWithValue("limit", limit);
            }, ct);
        var items = await TimelineEvidence.CiteAsync(connection, schema, entries, ct);
        return Results.Ok(new SupplierTimeline(supplierId, streams.Count, items, items.Count == limit ? items[^1].Entry.Ordinal : null));
    }
}
