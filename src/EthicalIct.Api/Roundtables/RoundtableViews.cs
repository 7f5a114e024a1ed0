using EthicalIct.Api.Infrastructure;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Roundtables;

/// <summary>One row of the follow-up board (async projection, shared by the three).</summary>
public sealed class FollowUpBoardEntry
{
    public Guid Id { get; set; }

    public Guid RoundtableId { get; set; }

    public int CarryOvers { get; set; }

    public string Description { get; set; } = "";

    public string? OwnerOrg { get; set; }

    public Guid? OwnerSupplierId { get; set; }

    public string OwnerName { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public FollowUpStatus Status { get; set; }

    public bool Overdue { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed class FollowUpBoardProjection : SingleStreamProjection<FollowUpBoardEntry, Guid>
{
    public static FollowUpBoardEntry Create(FollowUpAgreed e) => new()
    {
        Id = e.FollowUpItemId, RoundtableId = e.RoundtableId, Description = e.Description, OwnerOrg = e.OwnerOrg, OwnerSupplierId = e.OwnerSupplierId,
        OwnerName = e.OwnerName, DueOn = e.DueOn, Status = FollowUpStatus.Agreed, LastChangedAt = e.AgreedAt,
    };

    public static void Apply(FollowUpProgressNoted e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.InProgress, e.NotedAt);

    public static void Apply(FollowUpDelivered e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.Delivered, e.DeliveredAt);

    public static void Apply(FollowUpDeliveryAccepted e, FollowUpBoardEntry b) => (b.Status, b.Overdue, b.LastChangedAt) = (FollowUpStatus.Accepted, false, e.DecidedAt);

    public static void Apply(FollowUpDeliveryRejected e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.InProgress, e.DecidedAt);

    public static void Apply(FollowUpClosed e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.Closed, e.ClosedAt);

    public static void Apply(FollowUpCarriedOver e, FollowUpBoardEntry b)
    {
        b.RoundtableId = e.ToRoundtableId;
        b.CarryOvers++;
        b.DueOn = e.NewDueOn;
        b.Overdue = false;
        b.LastChangedAt = e.At;
    }

    public static void Apply(FollowUpBecameOverdue e, FollowUpBoardEntry b) => (b.Overdue, b.LastChangedAt) = (true, e.DetectedAt);
}

public static class RoundtablesConfiguration
{
    /// <summary>Shared: global streams; roundtable and item snapshots inline; the board async.</summary>
    public static StoreOptions ConfigureRoundtables(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<Roundtable, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<FollowUpItem, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new FollowUpBoardProjection(), ProjectionLifecycle.Async);
        return opts;
    }
}

public enum BoardDeadline { [System.Text.Json.Serialization.JsonStringEnumMemberName("overdue")] Overdue, [System.Text.Json.Serialization.JsonStringEnumMemberName("due-soon")] DueSoon }

public sealed record RoundtableWithItems(Roundtable Roundtable, IReadOnlyList<FollowUpItem> Items);

public static class RoundtableQueries
{
    /// <summary>One roundtable with its participants, minutes, take-aways and follow-up items (including those carried away from it).</summary>
    [WolverineGet("/api/roundtables/{roundtableId}")]
    [ProducesResponseType<RoundtableWithItems>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid roundtableId, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        if (await session.LoadAsync<Roundtable>(roundtableId, ct) is not { } roundtable)
        {
            return Results.Problem(Problems.NotFound($"No roundtable {roundtableId}."));
        }

        var items = await session.Query<FollowUpItem>().Where(i => i.RoundtableId == roundtableId || i.CarriedFrom.Contains(roundtableId)).OrderBy(i => i.DueOn).ToListAsync(ct);
        response.Headers.ETag = ExpectedVersion.ETag(roundtable.Version);
        return Results.Ok(new RoundtableWithItems(roundtable, items));
    }

    /// <summary>All roundtables, by date.</summary>
    [WolverineGet("/api/roundtables")]
    [ProducesResponseType<IReadOnlyList<Roundtable>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<Roundtable>> List(IQuerySession session, CancellationToken ct) =>
        await session.Query<Roundtable>().OrderBy(r => r.Date).ToListAsync(ct);

    /// <summary>One follow-up item with its whole history (across carry-overs); ETag = version.</summary>
    [WolverineGet("/api/follow-up-items/{followUpItemId}")]
    [ProducesResponseType<FollowUpItem>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Item(Guid followUpItemId, IQuerySession session, HttpResponse response, CancellationToken ct) =>
        Resources.OkWithVersion(await session.LoadAsync<FollowUpItem>(followUpItemId, ct), i => i.Version, response, $"No follow-up item {followUpItemId}.");

    /// <summary>
    /// The follow-up board across all roundtables (async projection): filter by ownerOrg, ownerSupplierId, status,
    /// and deadline (overdue | due-soon = within 30 days and not overdue). Open items first, by due date.
    /// </summary>
    [WolverineGet("/api/follow-up-board")]
    [ProducesResponseType<IReadOnlyList<FollowUpBoardEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Board(IQuerySession session, TimeProvider clock, CancellationToken ct, string? ownerOrg = null, Guid? ownerSupplierId = null,
        string? status = null, string? deadline = null)
    {
        var errors = new List<FieldError>();
        var wantedStatus = QueryEnums.Parse<FollowUpStatus>(status, "status", errors);
        var wantedDeadline = QueryEnums.Parse<BoardDeadline>(deadline, "deadline", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = session.Query<FollowUpBoardEntry>().AsQueryable();
        if (ownerOrg is not null)
        {
            query = query.Where(b => b.OwnerOrg == ownerOrg);
        }

        if (ownerSupplierId is { } s)
        {
            query = query.Where(b => b.OwnerSupplierId == s);
        }

        if (wantedStatus is { } st)
        {
            query = query.Where(b => b.Status == st);
        }

        var today = Rules.Today(clock.GetUtcNow());
        var rows = (await query.OrderBy(b => b.DueOn).ToListAsync(ct)).Where(b => wantedDeadline switch
        {
            BoardDeadline.Overdue => b.Overdue && b.Status is not (FollowUpStatus.Accepted or FollowUpStatus.Closed),
            BoardDeadline.DueSoon => !b.Overdue && b.Status is not (FollowUpStatus.Accepted or FollowUpStatus.Closed) && b.DueOn.DayNumber - today.DayNumber is >= 0 and <= 30,
            _ => true,
        });
        return Results.Ok(rows.ToList());
    }

    /// <summary>The commitments a supplier owns, from the board.</summary>
    [WolverineGet("/api/suppliers/{supplierId}/commitments")]
    [ProducesResponseType<IReadOnlyList<FollowUpBoardEntry>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<FollowUpBoardEntry>> Commitments(Guid supplierId, IQuerySession session, CancellationToken ct) =>
        await session.Query<FollowUpBoardEntry>().Where(b => b.OwnerSupplierId == supplierId).OrderBy(b => b.DueOn).ToListAsync(ct);
}
