using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>A coordinator of an organisation named on a proposed joint step signs it; the last signature takes the step.</summary>
public sealed record CosignEscalation(long? ExpectedVersion = null);

/// <summary>Scheduled for the moment a proposed joint step expires.</summary>
public sealed record ExpireEscalationProposal(Guid SupplierDialogueId, Guid EscalationId, DateTimeOffset ExpiresAt);

public static class CosignEscalationEndpoint
{
    public static ProblemDetails Validate(CosignEscalation command, SupplierDialogue dialogue, Guid escalationId, Caller caller, DateTimeOffset now) =>
        DialogueAccess.Participant(dialogue, caller)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? EscalationRules.Named(dialogue, escalationId, caller, now)
        ?? (dialogue.PendingEscalations[escalationId].SignedBy.Contains(caller.OrgNumber)
            ? Problems.Conflict("Your organisation has signed this step already.")
            : null)
        ?? Problems.None;

    public static IReadOnlyList<object> Decide(CosignEscalation command, SupplierDialogue dialogue, Guid escalationId, Caller caller, DateTimeOffset now)
    {
        var pending = dialogue.PendingEscalations[escalationId];
        var cosigned = new EscalationCosigned(dialogue.Id, escalationId, caller.OrgNumber, caller.Actor, now);
        return pending.StillToSign().SequenceEqual([caller.OrgNumber])
            ? [cosigned, new EscalationStepTaken(dialogue.Id, escalationId, pending.Step, pending.Rationale, pending.FindingIds, pending.EvidenceIds, pending.OnBehalfOf,
                caller.Actor, now)]
            : [cosigned];
    }

    /// <summary>Sign a proposed joint escalation step (coordinators of the organisations it names).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/escalations/{escalationId}/cosign"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(CosignEscalation command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Guid escalationId, Caller caller,
        DateTimeOffset now)
    {
        var events = Decide(command, dialogue, escalationId, caller, now);
        return (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + events.Count)), [.. events]);
    }
}

/// <summary>The rules of joint steps, shared by signing and declining.</summary>
public static class EscalationRules
{
    /// <summary>The step waits, its time has not run out, and the caller's organisation is named on it (else 404 / 409 / 403).</summary>
    public static ProblemDetails? Named(SupplierDialogue dialogue, Guid escalationId, Caller caller, DateTimeOffset now) =>
        !dialogue.PendingEscalations.TryGetValue(escalationId, out var pending)
            ? Problems.NotFound($"No escalation step {escalationId} waits for signatures in this dialogue.")
            : !Consent.Stands(pending.ExpiresAt, now)
                ? Problems.Conflict("The time to sign this step has run out.")
                : !pending.OnBehalfOf.Contains(caller.OrgNumber)
                    ? Problems.Forbidden("Only the organisations the step is taken on behalf of sign or decline it.")
                    : null;
}

/// <summary>Ends a joint step nobody completed in time; a stale check (taken or declined since) does nothing.</summary>
public static class ExpireEscalationProposalHandler
{
    public static IReadOnlyList<object> Decide(ExpireEscalationProposal check, SupplierDialogue dialogue, DateTimeOffset now) =>
        Consent.ExpiresNow(dialogue.PendingEscalations.GetValueOrDefault(check.EscalationId)?.ExpiresAt, check.ExpiresAt, now)
            ? [new EscalationProposalExpired(dialogue.Id, check.EscalationId, Actor.System, now)]
            : [];

    public static Events Handle(ExpireEscalationProposal check, [WriteAggregate] SupplierDialogue dialogue, DateTimeOffset now) => [.. Decide(check, dialogue, now)];
}
