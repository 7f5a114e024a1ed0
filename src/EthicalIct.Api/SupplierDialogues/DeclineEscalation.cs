using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>A coordinator of an organisation named on a proposed joint step declines it, with a reason; the step is not taken.</summary>
public sealed record DeclineEscalation(string Reason, long? ExpectedVersion = null);

public static class DeclineEscalationEndpoint
{
    public static ProblemDetails Validate(DeclineEscalation command, SupplierDialogue dialogue, Guid escalationId, Caller caller, DateTimeOffset now) =>
        DialogueAccess.Participant(dialogue, caller)
        ?? EscalationRules.Named(dialogue, escalationId, caller, now)
        ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "give the reason for declining")])
        ?? Problems.None;

    public static EscalationDeclined Decide(DeclineEscalation command, SupplierDialogue dialogue, Guid escalationId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, escalationId, caller.OrgNumber, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Decline a proposed joint escalation step (coordinators of the organisations it names).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/escalations/{escalationId}/decline"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(DeclineEscalation command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Guid escalationId, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, escalationId, caller, now)]);
}
