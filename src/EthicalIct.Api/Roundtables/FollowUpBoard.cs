using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Roundtables;

/// <summary>One row of the follow-up board (async projection, shared by the organisations).</summary>
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
        OwnerName = e.OwnerName, DueOn = e.DueOn, Status = FollowUpStatus.Agreed, LastChangedAt = e.At,
    };

    public static void Apply(FollowUpProgressNoted e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.InProgress, e.At);

    public static void Apply(FollowUpDelivered e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.Delivered, e.At);

    public static void Apply(FollowUpDeliveryAccepted e, FollowUpBoardEntry b) => (b.Status, b.Overdue, b.LastChangedAt) = (FollowUpStatus.Accepted, false, e.At);

    public static void Apply(FollowUpDeliveryRejected e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.InProgress, e.At);

    public static void Apply(FollowUpClosed e, FollowUpBoardEntry b) => (b.Status, b.LastChangedAt) = (FollowUpStatus.Closed, e.At);

    public static void Apply(FollowUpCarriedOver e, FollowUpBoardEntry b)
    {
        b.RoundtableId = e.ToRoundtableId;
        b.CarryOvers++;
        b.DueOn = e.NewDueOn;
        b.Overdue = false;
        b.LastChangedAt = e.At;
    }

    public static void Apply(FollowUpBecameOverdue e, FollowUpBoardEntry b) => (b.Overdue, b.LastChangedAt) = (true, e.At);
}

public enum BoardDeadline
{
    [JsonStringEnumMemberName("overdue")] Overdue,
    [JsonStringEnumMemberName("due-soon")] DueSoon,
}

public static class FollowUpBoardQueries
{
    /// <summary>
    /// The follow-up board across all roundtables (async projection): filter by ownerOrg, ownerSupplierId, status,
    /// and deadline (overdue | due-soon = within 30 days and not overdue). By due date.
    /// </summary>
    [WolverineGet("/api/follow-up-board"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<FollowUpBoardEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Board(IQuerySession session, DateTimeOffset now, CancellationToken ct, string? ownerOrg = null, Guid? ownerSupplierId = null,
        string? status = null, string? deadline = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var wantedStatus = Query.Parse<FollowUpStatus>(status, "status", errors);
        var wantedDeadline = Query.Parse<BoardDeadline>(deadline, "deadline", errors);
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

        var today = Rules.Today(now);
        var open = new[] { FollowUpStatus.Agreed, FollowUpStatus.InProgress, FollowUpStatus.Delivered };
        query = wantedDeadline switch
        {
            BoardDeadline.Overdue => query.Where(b => b.Overdue && open.Contains(b.Status)),
            BoardDeadline.DueSoon => query.Where(b => !b.Overdue && open.Contains(b.Status) && b.DueOn >= today && b.DueOn <= today.AddDays(30)),
            _ => query,
        };
        return Results.Ok(await query.OrderBy(b => b.DueOn).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>The commitments a supplier owns, from the board.</summary>
    [WolverineGet("/api/suppliers/{supplierId}/commitments"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<FollowUpBoardEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Commitments(Guid supplierId, IQuerySession session, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem
            ? Results.Problem(problem)
            : Results.Ok(await session.Query<FollowUpBoardEntry>().Where(b => b.OwnerSupplierId == supplierId).OrderBy(b => b.DueOn).ToPageAsync(page, pageSize, ct));
}
