using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>The proposed organisation's coordinator accepts: the organisation takes part from now on.</summary>
public sealed record AcceptParticipation(long? ExpectedVersion = null);

public static class AcceptParticipationEndpoint
{
    public static ProblemDetails Validate(AcceptParticipation command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        DialogueAccess.Proposed(dialogue, caller, now) ?? DialogueRules.MustBeOpen(dialogue) ?? Problems.None;

    public static OrganisationJoinedDialogue Decide(AcceptParticipation command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, caller.OrgNumber, caller.Actor, now);

    /// <summary>Accept the proposal to join the dialogue (the proposed organisation's coordinators).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/participation/accept"), Allow(RoleSet.Coordinators), Access(AccessRule.ProposedParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(AcceptParticipation command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, caller, now)]);
}
