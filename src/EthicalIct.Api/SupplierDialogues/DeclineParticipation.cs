using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>The proposed organisation's coordinator declines, with a reason; the organisation stays outside.</summary>
public sealed record DeclineParticipation(string Reason, long? ExpectedVersion = null);

public static class DeclineParticipationEndpoint
{
    public static ProblemDetails Validate(DeclineParticipation command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        DialogueAccess.Proposed(dialogue, caller, now)
        ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "give the reason for declining")])
        ?? Problems.None;

    public static ParticipationDeclined Decide(DeclineParticipation command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, caller.OrgNumber, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Decline the proposal to join the dialogue (the proposed organisation's coordinators).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/participation/decline"), Allow(RoleSet.Coordinators), Access(AccessRule.ProposedParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(DeclineParticipation command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, caller, now)]);
}
