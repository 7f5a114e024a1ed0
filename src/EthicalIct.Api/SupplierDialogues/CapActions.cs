using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Report progress on an action of an approved plan; <paramref name="Completed"/> marks it done.</summary>
public sealed record ReportCapProgress(string Note, bool Completed, long? ExpectedVersion = null);

/// <summary>Extend an action's deadline, with the reason; a new overdue check is scheduled.</summary>
public sealed record ExtendCapDeadline(DateOnly NewDueOn, string Reason, long? ExpectedVersion = null);

public static class CapActionDecisions
{
    public static ProblemDetails? ActionOfApprovedPlan(SupplierDialogue dialogue, Guid findingId, Guid actionId)
    {
        var finding = dialogue.Finding(findingId)!;
        if (finding.Cap is not { Status: CapStatus.Approved })
        {
            return Problems.Conflict("Progress and extensions apply to an approved plan.", new Dictionary<string, object?> { ["field"] = "findingId" });
        }

        return finding.Action(actionId) switch
        {
            null => Problems.NotFound($"No action {actionId} in this plan."),
            { Completed: true } => Problems.Conflict("The action is completed.", new Dictionary<string, object?> { ["field"] = "actionId" }),
            _ => null,
        };
    }

    public static CapActionProgressReported Decide(ReportCapProgress cmd, SupplierDialogue dialogue, Guid findingId, Guid actionId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, actionId, cmd.Note.Trim(), cmd.Completed, caller.OrgNumber, caller.UserId, now);

    public static IReadOnlyList<FieldError> Validate(ExtendCapDeadline cmd, CapActionState action) =>
    [
        .. cmd.NewDueOn <= action.DueOn ? [new FieldError("newDueOn", $"must be after the current due date {action.DueOn:yyyy-MM-dd}")] : Array.Empty<FieldError>(),
        .. Rules.Text(cmd.Reason, "reason", "say why the deadline is extended"),
    ];

    public static CapActionDeadlineExtended Decide(ExtendCapDeadline cmd, SupplierDialogue dialogue, Guid findingId, Guid actionId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, actionId, dialogue.Finding(findingId)!.Action(actionId)!.DueOn, cmd.NewDueOn, cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class ReportCapProgressEndpoint
{
    public static ProblemDetails Validate(ReportCapProgress cmd, Guid findingId, Guid actionId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DialogueRules.FindingMustNotBeClosed(dialogue, findingId)
        ?? CapActionDecisions.ActionOfApprovedPlan(dialogue, findingId, actionId)
        ?? Problems.Validation([.. Rules.Text(cmd.Note, "note", "describe the progress")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Report progress on a plan action.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap/actions/{actionId}/progress")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(ReportCapProgress cmd, Guid findingId, Guid actionId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue,
        ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [CapActionDecisions.Decide(cmd, dialogue, findingId, actionId, user.Caller(), clock.GetUtcNow())]);
}

public static class ExtendCapDeadlineEndpoint
{
    public static ProblemDetails Validate(ExtendCapDeadline cmd, Guid findingId, Guid actionId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DialogueRules.FindingMustNotBeClosed(dialogue, findingId)
        ?? CapActionDecisions.ActionOfApprovedPlan(dialogue, findingId, actionId)
        ?? Problems.Validation(CapActionDecisions.Validate(cmd, dialogue.Finding(findingId)!.Action(actionId)!))
        ?? WolverineContinue.NoProblems;

    /// <summary>Extend a plan action's deadline.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap/actions/{actionId}/extension")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events, OutgoingMessages) Post(ExtendCapDeadline cmd, Guid findingId, Guid actionId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue,
        ClaimsPrincipal user, TimeProvider clock)
    {
        var e = CapActionDecisions.Decide(cmd, dialogue, findingId, actionId, user.Caller(), clock.GetUtcNow());
        return (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [e],
            [new CheckCapActionOverdue(dialogue.Id, findingId, actionId, e.NewDueOn).ScheduledAt(Rules.DayAfter(e.NewDueOn))]);
    }
}
