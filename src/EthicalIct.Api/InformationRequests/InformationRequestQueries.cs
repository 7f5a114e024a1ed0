using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.InformationRequests;

/// <summary>One direction of a year's log: how many requests, how they ended, and the share answered or refused on time.</summary>
public sealed record RequestLogLine(RequestDirection Direction, int Received, int Answered, int Refused, int Routed, int Open, int OverdueNow, int ClosedOnTime,
    int ClosedLate, decimal? OnTimeShare);

public sealed record RequestLog(int Year, string DeadlineRule, IReadOnlyList<RequestLogLine> Lines);

public static class InformationRequestQueries
{
    /// <summary>The organisation's requests, newest first; filters: direction, status, overdue.</summary>
    [WolverineGet("/api/information-requests"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<Paged<InformationRequestDetails>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, string? direction = null, string? status = null, bool? overdue = null,
        int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var wantedDirection = Query.Parse<RequestDirection>(direction, "direction", errors);
        var wantedStatus = Query.Parse<RequestStatus>(status, "status", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = session.Query<InformationRequestDetails>().AsQueryable();
        if (direction is not null)
        {
            query = query.Where(r => r.Direction == wantedDirection);
        }

        if (status is not null)
        {
            query = query.Where(r => r.Status == wantedStatus);
        }

        if (overdue is { } o)
        {
            query = query.Where(r => r.Overdue == o);
        }

        return Results.Ok(await query.OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.ReceivedAt).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>One request with every step, now or as of a moment or version; ETag = version. Only its organisation (404 otherwise).</summary>
    [WolverineGet("/api/information-requests/{requestId}"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<InformationRequestDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid requestId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null) =>
        PointsInTime.Parse(asOf, version, now, out var point) is { } problem
            ? Results.Problem(problem)
            : await PointsInTime.OkAsync(session, requestId,
                await PointsInTime.ReadAsync(session, requestId, point, () => session.LoadAsync<InformationRequestDetails>(requestId, ct), r => r.Version, ct),
                r => r.Version, point, response, $"No information request {requestId}.", ct);

    /// <summary>
    /// The log of a year (by the day requests were received): per direction, how many were received, answered,
    /// refused, routed, are open and overdue now, and the share of those answered or refused that were on time.
    /// </summary>
    [WolverineGet("/api/information-requests/log"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<RequestLog>(StatusCodes.Status200OK)]
    public static async Task<IResult> Log(IQuerySession session, DateTimeOffset now, CancellationToken ct, int? year = null)
    {
        var y = year ?? now.UtcDateTime.Year;
        if (y is < 2022 or > 9999)
        {
            return Results.Problem(Problems.Invalid("year", "a year from 2022 (the Act came into force on 1 July 2022)"));
        }

        var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var requests = await session.Query<InformationRequestDetails>().Where(r => r.ReceivedOn >= from && r.ReceivedOn <= to).Take(100_000).ToListAsync(ct);
        return Results.Ok(new RequestLog(y, RequestDeadlines.RuleId, [.. Enum.GetValues<RequestDirection>().Select(d => Line(d, requests.Where(r => r.Direction == d).ToList()))]));
    }

    public static RequestLogLine Line(RequestDirection direction, IReadOnlyList<InformationRequestDetails> requests)
    {
        var onTime = requests.Count(r => r.OnTime == true);
        var late = requests.Count(r => r.OnTime == false);
        return new RequestLogLine(direction, requests.Count, requests.Count(r => r.Status == RequestStatus.Answered), requests.Count(r => r.Status == RequestStatus.Refused),
            requests.Count(r => r.Status == RequestStatus.Routed), requests.Count(r => r.Status == RequestStatus.Open), requests.Count(r => r.Status == RequestStatus.Open && r.Overdue),
            onTime, late, onTime + late == 0 ? null : Math.Round((decimal)onTime / (onTime + late), 4));
    }

    /// <summary>Requests other parties routed to the caller's organisation that it has not taken over yet.</summary>
    [WolverineGet("/api/information-requests/routed-to-us"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<IReadOnlyList<RoutedInformationRequest>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<RoutedInformationRequest>> RoutedToUs(IQuerySession session, Caller caller, CancellationToken ct)
    {
        var routed = await session.Query<RoutedInformationRequest>().Where(r => r.ToOrg == caller.OrgNumber).OrderBy(r => r.RoutedAt).Take(1000).ToListAsync(ct);
        var ids = routed.Select(r => (Guid?)r.Id).ToList();
        var taken = (await session.Query<InformationRequestDetails>().Where(d => ids.Contains(d.RoutedFromRequestId)).ToListAsync(ct)).Select(d => d.RoutedFromRequestId).ToHashSet();
        return [.. routed.Where(r => !taken.Contains(r.Id))];
    }
}
