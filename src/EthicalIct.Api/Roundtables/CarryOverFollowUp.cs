using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Carry an item over to a later roundtable; its history goes with it.</summary>
public sealed record CarryOverFollowUp(Guid ToRoundtableId, string Reason, DateOnly? NewDueOn = null, long? ExpectedVersion = null);

public static class CarryOverFollowUpEndpoint
{
    /// <summary>The roundtable the item is carried to.</summary>
    public static Task<RoundtableDetails?> LoadAsync(CarryOverFollowUp command, IQuerySession session, CancellationToken ct) => session.LoadAsync<RoundtableDetails>(command.ToRoundtableId, ct);

    public static ProblemDetails Validate(CarryOverFollowUp command, FollowUpItem item, RoundtableDetails? target, Caller caller)
    {
        var errors = new List<FieldError>(Rules.Text(command.Reason, "reason", "say why the item is carried over"));
        if (target is null || target.Status == RoundtableStatus.Cancelled)
        {
            errors.Add(new("toRoundtableId", "no such (uncancelled) roundtable"));
        }
        else if (target.Id == item.RoundtableId || target.Date <= item.RoundtableDate)
        {
            errors.Add(new("toRoundtableId", "must be a later roundtable"));
        }
        else if (NewDueOn(command, item, target) < target.Date)
        {
            errors.Add(new("newDueOn", $"must not be before the roundtable it is carried to ({target.Date:yyyy-MM-dd})"));
        }

        return RoundtableAccess.Host(item.HostOrgs, caller)
            ?? RoundtableRules.MustBeOpen(item)
            ?? (item.Status == FollowUpStatus.Accepted
                ? Problems.Conflict("An accepted item is closed, not carried over.", new Dictionary<string, object?> { ["field"] = "followUpItemId" })
                : null)
            ?? Problems.Validation(errors)
            ?? Problems.None;
    }

    public static DateOnly NewDueOn(CarryOverFollowUp command, FollowUpItem item, RoundtableDetails target) =>
        command.NewDueOn ?? (item.DueOn < target.Date ? target.Date : item.DueOn);

    public static FollowUpCarriedOver Decide(CarryOverFollowUp command, FollowUpItem item, RoundtableDetails target, Caller caller, DateTimeOffset now) =>
        new(item.Id, item.RoundtableId, target.Id, target.Date, target.HostOrgs, item.DueOn, NewDueOn(command, item, target), command.Reason.Trim(), caller.Actor, now);

    /// <summary>Carry an item over to a later roundtable (hosting coordinators); a new overdue check is scheduled.</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/carry-over"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<FollowUpResponse>, Events, IMartenOp) Post(CarryOverFollowUp command, [WriteAggregate] FollowUpItem item, RoundtableDetails? target, Caller caller,
        DateTimeOffset now)
    {
        var carried = Decide(command, item, target!, caller, now);
        return (TypedResults.Ok(new FollowUpResponse(item.Id, item.Version + 1)), [carried],
            Deadlines.Schedule(Deadlines.Check(new CheckFollowUpOverdue(item.Id, carried.NewDueOn), Rules.DayAfter(carried.NewDueOn))));
    }
}
