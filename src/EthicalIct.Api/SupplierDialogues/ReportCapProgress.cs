using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Report progress on an action of an approved plan; <paramref name="Completed"/> marks it done.</summary>
public sealed record ReportCapProgress(string Note, bool Completed, long? ExpectedVersion = null);

public static class ReportCapProgressEndpoint
{
    public static ProblemDetails Validate(ReportCapProgress command, SupplierDialogue dialogue, Guid findingId, Guid actionId, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? CapActionRules.OpenActionOfApprovedPlan(dialogue, findingId, actionId)
            ?? Problems.Validation([.. Rules.Text(command.Note, "note", "describe the progress")])
            ?? Problems.None;

    public static CapActionProgressReported Decide(ReportCapProgress command, SupplierDialogue dialogue, Guid findingId, Guid actionId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, actionId, command.Note.Trim(), command.Completed, caller.Actor, now);

    /// <summary>Report progress on a plan action.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap/actions/{actionId}/progress"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(ReportCapProgress command, Guid findingId, Guid actionId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue,
        Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, findingId, actionId, caller, now)]);
}

public static class CapActionRules
{
    /// <summary>Progress and extensions apply to an open action of an approved plan.</summary>
    public static ProblemDetails? OpenActionOfApprovedPlan(SupplierDialogue dialogue, Guid findingId, Guid actionId)
    {
        var finding = dialogue.Finding(findingId)!;
        if (finding.Plan is not { Status: CapStatus.Approved })
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
}
