using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Extend an action's deadline, with the reason; a new overdue check is scheduled.</summary>
public sealed record ExtendCapDeadline(DateOnly NewDueOn, string Reason, long? ExpectedVersion = null);

public static class ExtendCapDeadlineEndpoint
{
    public static ProblemDetails Validate(ExtendCapDeadline command, SupplierDialogue dialogue, Guid findingId, Guid actionId, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? CapActionRules.OpenActionOfApprovedPlan(dialogue, findingId, actionId)
            ?? (Problems.Validation([
                .. command.NewDueOn <= dialogue.Finding(findingId)!.Action(actionId)!.DueOn
                    ? [new FieldError("newDueOn", $"must be after the current due date {dialogue.Finding(findingId)!.Action(actionId)!.DueOn:yyyy-MM-dd}")]
                    : Array.Empty<FieldError>(),
                .. Rules.Text(command.Reason, "reason", "say why the deadline is extended"),
            ]))
            ?? Problems.None;

    public static CapActionDeadlineExtended Decide(ExtendCapDeadline command, SupplierDialogue dialogue, Guid findingId, Guid actionId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, actionId, dialogue.Finding(findingId)!.Action(actionId)!.DueOn, command.NewDueOn, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Extend a plan action's deadline.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap/actions/{actionId}/extension"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events, IMartenOp) Post(ExtendCapDeadline command, Guid findingId, Guid actionId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue,
        Caller caller, DateTimeOffset now)
    {
        var extended = Decide(command, dialogue, findingId, actionId, caller, now);
        return (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [extended],
            Deadlines.Schedule(Deadlines.Check(new CheckCapActionOverdue(dialogue.Id, findingId, actionId, extended.NewDueOn), Rules.DayAfter(extended.NewDueOn))));
    }
}
