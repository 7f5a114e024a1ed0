using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// A participant's coordinator proposes that another party join the dialogue. It is a proposal: the organisation
/// takes part only when its own coordinator accepts (<see cref="AcceptParticipation"/>); declined or unanswered
/// within <see cref="Consent.AnswerWithin"/>, nothing changes. No organisation is made to act in
/// a dialogue it did not agree to join.
/// </summary>
public sealed record InviteOrganisation(string OrgNumber, long? ExpectedVersion = null);

/// <summary>Scheduled for the moment a participation proposal expires.</summary>
public sealed record ExpireParticipationProposal(Guid SupplierDialogueId, string Org, DateTimeOffset ExpiresAt);

public static class InviteOrganisationEndpoint
{
    public static ProblemDetails Validate(InviteOrganisation command, SupplierDialogue dialogue, Caller caller, PartySet parties) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? (!parties.IsParty(command.OrgNumber)
                ? Problems.Invalid("orgNumber", $"must be one of the parties: {parties.Listed()}")
                : null)
            ?? (dialogue.Participants.Contains(command.OrgNumber)
                ? Problems.Conflict("The organisation already takes part in the dialogue.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
                : dialogue.Proposals.ContainsKey(command.OrgNumber)
                    ? Problems.Conflict("The organisation has been asked already and has not answered yet.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
                    : null)
            ?? Problems.None;

    public static ParticipationProposed Decide(InviteOrganisation command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, command.OrgNumber, Consent.Expiry(now), caller.Actor, now);

    /// <summary>Propose that another party join the dialogue; it joins when its coordinator accepts. Coordinators only.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/participants"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events, IMartenOp) Post(InviteOrganisation command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller,
        DateTimeOffset now)
    {
        var proposed = Decide(command, dialogue, caller, now);
        return (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [proposed],
            Deadlines.Schedule(Deadlines.Check(new ExpireParticipationProposal(dialogue.Id, proposed.Org, proposed.ExpiresAt), proposed.ExpiresAt)));
    }
}

/// <summary>Ends a participation proposal nobody answered in time; stale checks (answered, or a later proposal) do nothing.</summary>
public static class ExpireParticipationProposalHandler
{
    public static IReadOnlyList<object> Decide(ExpireParticipationProposal check, SupplierDialogue dialogue, DateTimeOffset now) =>
        Consent.ExpiresNow(dialogue.Proposals.ExpiryOf(check.Org), check.ExpiresAt, now)
            ? [new ParticipationProposalExpired(dialogue.Id, check.Org, Actor.System, now)]
            : [];

    public static Events Handle(ExpireParticipationProposal check, [WriteAggregate] SupplierDialogue dialogue, DateTimeOffset now) => [.. Decide(check, dialogue, now)];
}
