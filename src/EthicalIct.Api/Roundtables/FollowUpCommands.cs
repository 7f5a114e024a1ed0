using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

// The life of a follow-up item after it is agreed. The item guard (RoundtableAccess) runs first: progress and delivery
// by the owner, the rest by the hosting coordinators.

/// <summary>Note progress on an item the caller's organisation owns.</summary>
public sealed record NoteFollowUpProgress(string Note, long? ExpectedVersion = null);

/// <summary>Report an item delivered: with evidence (uploaded files) or an explicit reason why there is none.</summary>
public sealed record DeliverFollowUp(string Note, IReadOnlyList<EvidenceRef>? Evidence = null, string? NoEvidenceReason = null, long? ExpectedVersion = null);

/// <summary>The hosting coordinators accept or reject a delivery, with a rationale.</summary>
public sealed record ReviewFollowUpDelivery(bool Accept, string Rationale, long? ExpectedVersion = null);

/// <summary>Close an accepted item.</summary>
public sealed record CloseFollowUp(string Rationale, long? ExpectedVersion = null);

/// <summary>Carry an item over to a later roundtable; its history goes with it.</summary>
public sealed record CarryOverFollowUp(Guid ToRoundtableId, string Reason, DateOnly? NewDueOn = null, long? ExpectedVersion = null);

public static class FollowUpDecisions
{
    public static ProblemDetails? CanReport(FollowUpItem item) =>
        RoundtableRules.MustBeOpen(item)
        ?? (item.Status is FollowUpStatus.Accepted or FollowUpStatus.Delivered
            ? Problems.Conflict($"The item is {item.Status.ToString().ToLowerInvariant()}; progress and delivery are reported before a delivery is reviewed.",
                new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = item.Status })
            : null);

    public static IReadOnlyList<FieldError> Validate(DeliverFollowUp cmd, IReadOnlySet<string> uploaded)
    {
        var errors = new List<FieldError>(Rules.Text(cmd.Note, "note", "describe what was delivered"));
        var hasEvidence = (cmd.Evidence ?? []).Count > 0;
        if (!hasEvidence && string.IsNullOrWhiteSpace(cmd.NoEvidenceReason))
        {
            errors.Add(new("evidence", "a delivery needs evidence, or an explicit noEvidenceReason"));
        }
        else if (hasEvidence && !string.IsNullOrWhiteSpace(cmd.NoEvidenceReason))
        {
            errors.Add(new("noEvidenceReason", "give either evidence or a reason for having none, not both"));
        }

        errors.AddRange(RoundtableRules.Evidence(cmd.Evidence, uploaded));
        return errors;
    }

    public static ProblemDetails? MustBeDelivered(FollowUpItem item) =>
        item.Status == FollowUpStatus.Delivered ? null
            : Problems.Conflict("Only a delivered item can be reviewed.", new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = item.Status });

    public static ProblemDetails? MustBeAccepted(FollowUpItem item) =>
        item.Status == FollowUpStatus.Accepted ? null
            : Problems.Conflict("Only an accepted item can be closed.", new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = item.Status });

    public static ProblemDetails? CheckCarryOver(CarryOverFollowUp cmd, FollowUpItem item, Roundtable? target)
    {
        if (RoundtableRules.MustBeOpen(item) is { } closed)
        {
            return closed;
        }

        if (item.Status == FollowUpStatus.Accepted)
        {
            return Problems.Conflict("An accepted item is closed, not carried over.", new Dictionary<string, object?> { ["field"] = "followUpItemId" });
        }

        var errors = new List<FieldError>(Rules.Text(cmd.Reason, "reason", "say why the item is carried over"));
        if (target is null || target.Status == RoundtableStatus.Cancelled)
        {
            errors.Add(new("toRoundtableId", "no such (uncancelled) roundtable"));
        }
        else if (target.Id == item.RoundtableId || target.Date <= item.RoundtableDate)
        {
            errors.Add(new("toRoundtableId", "must be a later roundtable"));
        }
        else if (NewDueOn(cmd, item, target) < target.Date)
        {
            errors.Add(new("newDueOn", $"must not be before the roundtable it is carried to ({target.Date:yyyy-MM-dd})"));
        }

        return Problems.Validation(errors);
    }

    public static DateOnly NewDueOn(CarryOverFollowUp cmd, FollowUpItem item, Roundtable target) => cmd.NewDueOn ?? (item.DueOn < target.Date ? target.Date : item.DueOn);

    public static FollowUpCarriedOver Decide(CarryOverFollowUp cmd, FollowUpItem item, Roundtable target, Caller caller, DateTimeOffset now) =>
        new(item.Id, item.RoundtableId, target.Id, target.Date, target.HostOrgs, item.DueOn, NewDueOn(cmd, item, target), cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, now);

    public static object Decide(ReviewFollowUpDelivery cmd, FollowUpItem item, Caller caller, DateTimeOffset now) =>
        cmd.Accept
            ? new FollowUpDeliveryAccepted(item.Id, cmd.Rationale.Trim(), caller.OrgNumber, caller.UserId, caller.RoleText, now)
            : new FollowUpDeliveryRejected(item.Id, cmd.Rationale.Trim(), caller.OrgNumber, caller.UserId, caller.RoleText, now);
}

public static class NoteFollowUpProgressEndpoint
{
    public static ProblemDetails Validate(NoteFollowUpProgress cmd, [FromHeader(Name = "If-Match")] string? ifMatch, FollowUpItem item) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, item.Version)
        ?? FollowUpDecisions.CanReport(item)
        ?? Problems.Validation([.. Rules.Text(cmd.Note, "note", "describe the progress")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Note progress (the owner).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/progress")]
    [ProducesResponseType<FollowUpResponse>(StatusCodes.Status200OK)]
    public static (FollowUpResponse, Events) Post(NoteFollowUpProgress cmd, [WriteAggregate] FollowUpItem item, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new FollowUpResponse(item.Id, item.Version + 1), [new FollowUpProgressNoted(item.Id, cmd.Note.Trim(), caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}

public static class DeliverFollowUpEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(DeliverFollowUp cmd, [FromHeader(Name = "If-Match")] string? ifMatch, FollowUpItem item,
        IDocumentSession session, CancellationToken ct) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, item.Version)
        ?? FollowUpDecisions.CanReport(item)
        ?? Problems.Validation(FollowUpDecisions.Validate(cmd, await RoundtableRules.UploadedAsync(session, cmd.Evidence, ct)))
        ?? WolverineContinue.NoProblems;

    /// <summary>Report delivery (the owner).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/delivery")]
    [ProducesResponseType<FollowUpResponse>(StatusCodes.Status200OK)]
    public static (FollowUpResponse, Events) Post(DeliverFollowUp cmd, [WriteAggregate] FollowUpItem item, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new FollowUpResponse(item.Id, item.Version + 1),
            [new FollowUpDelivered(item.Id, cmd.Note.Trim(), cmd.Evidence ?? [], string.IsNullOrWhiteSpace(cmd.NoEvidenceReason) ? null : cmd.NoEvidenceReason.Trim(),
                caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}

public static class ReviewFollowUpDeliveryEndpoint
{
    public static ProblemDetails Validate(ReviewFollowUpDelivery cmd, [FromHeader(Name = "If-Match")] string? ifMatch, FollowUpItem item) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, item.Version)
        ?? FollowUpDecisions.MustBeDelivered(item)
        ?? Problems.Validation([.. Rules.Text(cmd.Rationale, "rationale", "every decision needs a rationale")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Accept or reject a delivery (hosting coordinators).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/review")]
    [ProducesResponseType<FollowUpResponse>(StatusCodes.Status200OK)]
    public static (FollowUpResponse, Events) Post(ReviewFollowUpDelivery cmd, [WriteAggregate] FollowUpItem item, ClaimsPrincipal user, TimeProvider clock) =>
        (new FollowUpResponse(item.Id, item.Version + 1), [FollowUpDecisions.Decide(cmd, item, user.Caller(), clock.GetUtcNow())]);
}

public static class CloseFollowUpEndpoint
{
    public static ProblemDetails Validate(CloseFollowUp cmd, [FromHeader(Name = "If-Match")] string? ifMatch, FollowUpItem item) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, item.Version)
        ?? RoundtableRules.MustBeOpen(item)
        ?? FollowUpDecisions.MustBeAccepted(item)
        ?? Problems.Validation([.. Rules.Text(cmd.Rationale, "rationale", "say why the item is closed")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Close an accepted item (hosting coordinators).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/close")]
    [ProducesResponseType<FollowUpResponse>(StatusCodes.Status200OK)]
    public static (FollowUpResponse, Events) Post(CloseFollowUp cmd, [WriteAggregate] FollowUpItem item, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new FollowUpResponse(item.Id, item.Version + 1), [new FollowUpClosed(item.Id, cmd.Rationale.Trim(), caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}

public static class CarryOverFollowUpEndpoint
{
    public static Task<Roundtable?> LoadAsync(CarryOverFollowUp cmd, IQuerySession session, CancellationToken ct) => session.LoadAsync<Roundtable>(cmd.ToRoundtableId, ct);

    public static ProblemDetails Validate(CarryOverFollowUp cmd, [FromHeader(Name = "If-Match")] string? ifMatch, FollowUpItem item, Roundtable? target) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, item.Version)
        ?? FollowUpDecisions.CheckCarryOver(cmd, item, target)
        ?? WolverineContinue.NoProblems;

    /// <summary>Carry an item over to a later roundtable (hosting coordinators); a new overdue check is scheduled.</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/carry-over")]
    [ProducesResponseType<FollowUpResponse>(StatusCodes.Status200OK)]
    public static (FollowUpResponse, Events, OutgoingMessages) Post(CarryOverFollowUp cmd, [WriteAggregate] FollowUpItem item, Roundtable? target, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = FollowUpDecisions.Decide(cmd, item, target!, user.Caller(), clock.GetUtcNow());
        return (new FollowUpResponse(item.Id, item.Version + 1), [e], [new CheckFollowUpOverdue(item.Id, e.NewDueOn).ScheduledAt(Rules.DayAfter(e.NewDueOn))]);
    }
}

/// <summary>Scheduled for the day after an item's due date.</summary>
public sealed record CheckFollowUpOverdue(Guid FollowUpItemId, DateOnly DueOn);

public static class FollowUpOverdueRule
{
    /// <summary>Overdue only if not yet accepted or closed, not already overdue, and still due on the date the check was scheduled for.</summary>
    public static IReadOnlyList<object> Decide(CheckFollowUpOverdue check, FollowUpItem item, DateTimeOffset now) =>
        item.Status is not (FollowUpStatus.Accepted or FollowUpStatus.Closed) && !item.Overdue && item.DueOn == check.DueOn
            ? [new FollowUpBecameOverdue(item.Id, item.DueOn, now)]
            : [];
}

public static class FollowUpOverdueHandler
{
    public static Events Handle(CheckFollowUpOverdue check, [WriteAggregate] FollowUpItem item, TimeProvider clock) =>
        [.. FollowUpOverdueRule.Decide(check, item, clock.GetUtcNow())];
}
