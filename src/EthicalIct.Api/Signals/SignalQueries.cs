using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Signals;

public static class SignalQueries
{
    /// <summary>The organisation's signals, newest first; filters: status (untriaged | dismissed | linked), supplierId (confirmed matches).</summary>
    [WolverineGet("/api/signals"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<Paged<SignalDetails>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, string? status = null, Guid? supplierId = null, int page = 1,
        int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var wanted = Query.Parse<SignalStatus>(status, "status", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = session.Query<SignalDetails>().AsQueryable();
        if (status is not null)
        {
            query = query.Where(s => s.Status == wanted);
        }

        if (supplierId is { } id)
        {
            query = query.Where(s => s.SupplierIds.Contains(id));
        }

        return Results.Ok(await query.OrderByDescending(s => s.RecordedAt).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>One signal with its matches and triage, now or as of a moment or version; ETag = version.</summary>
    [WolverineGet("/api/signals/{signalId}"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<SignalDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid signalId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct, string? asOf = null,
        long? version = null) =>
        PointsInTime.Parse(asOf, version, now, out var point) is { } problem
            ? Results.Problem(problem)
            : await PointsInTime.OkAsync(session, signalId,
                await PointsInTime.ReadAsync(session, signalId, point, () => session.LoadAsync<SignalDetails>(signalId, ct), s => s.Version, ct),
                s => s.Version, point, response, $"No signal {signalId}.", ct);

    /// <summary>An entity list's versions: file, entries, matches, and what was new in each.</summary>
    [WolverineGet("/api/entity-lists/{entityListId}"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<EntityListDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> EntityList(Guid entityListId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<EntityListDetails>(entityListId, ct) is { } list ? Results.Ok(list) : Results.Problem(Problems.NotFound($"No entity list {entityListId}."));
}
