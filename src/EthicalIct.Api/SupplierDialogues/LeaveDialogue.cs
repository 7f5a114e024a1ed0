using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>The caller's organisation leaves a joint dialogue (the last participant closes it instead).</summary>
public sealed record LeaveDialogue(string Reason, long? ExpectedVersion = null);

public static class LeaveDialogueEndpoint
{
    public static ProblemDetails Validate(LeaveDialogue command, SupplierDialogue dialogue, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why your organisation leaves")])
            ?? (dialogue.Participants.Count == 1
                ? Problems.Conflict("Your organisation is the only participant; close the dialogue instead.", new Dictionary<string, object?> { ["field"] = "dialogueId" })
                : null)
            ?? Problems.None;

    public static OrganisationLeftDialogue Decide(LeaveDialogue command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, caller.OrgNumber, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Leave a joint dialogue. Coordinators only.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/leave"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(LeaveDialogue command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, caller, now)]);
}
