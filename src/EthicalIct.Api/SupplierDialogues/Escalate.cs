using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// Take an escalation step (reminder, management meeting, joint letter, contract sanction, termination considered):
/// a decision with its rationale. A joint letter is sent on behalf of participating organisations (all by default),
/// and only when every one of them has signed it: nobody acts in another organisation's name without its consent.
/// </summary>
public sealed record Escalate(EscalationStep Step, string Rationale, IReadOnlyList<Guid>? FindingIds = null, IReadOnlyList<Guid>? EvidenceIds = null,
    IReadOnlyList<string>? OnBehalfOf = null, long? ExpectedVersion = null);

public static class EscalateEndpoint
{
    public static ProblemDetails Validate(Escalate command, SupplierDialogue dialogue, Caller caller)
    {
        var errors = new List<FieldError>(Rules.Text(command.Rationale, "rationale", "every escalation step needs a rationale"));
        errors.AddRange(DialogueRules.EvidenceRefs(dialogue, command.EvidenceIds));
        var findings = command.FindingIds ?? [];
        for (var i = 0; i < findings.Count; i++)
        {
            if (dialogue.Finding(findings[i]) is null)
            {
                errors.Add(new($"findingIds[{i}]", "no such finding in this dialogue"));
            }
        }

        var behalf = command.OnBehalfOf ?? [];
        for (var i = 0; i < behalf.Count; i++)
        {
            if (!dialogue.Participants.Contains(behalf[i]))
            {
                errors.Add(new($"onBehalfOf[{i}]", "only participating organisations can sign"));
            }
        }

        if (behalf.Count > 0 && !behalf.Contains(caller.OrgNumber))
        {
            errors.Add(new("onBehalfOf", "must include your own organisation"));
        }

        return DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? Problems.Validation(errors)
            ?? Problems.None;
    }

    /// <summary>
    /// The step at once when the caller's organisation acts alone; on behalf of others (a joint letter names every
    /// participant by default) a proposal that each of them signs (<see cref="CosignEscalation"/>).
    /// </summary>
    public static object Decide(Escalate command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now)
    {
        var id = Ids.For(dialogue.Id, dialogue.Version, 0, now);
        IReadOnlyList<string> behalf = command.OnBehalfOf is { Count: > 0 } b ? [.. b.Distinct()]
            : command.Step == EscalationStep.JointLetter ? [.. dialogue.Participants] : [caller.OrgNumber];
        return behalf.Any(o => o != caller.OrgNumber)
            ? new EscalationProposed(dialogue.Id, id, command.Step, command.Rationale.Trim(), command.FindingIds ?? [], command.EvidenceIds ?? [], behalf, Consent.Expiry(now),
                caller.Actor, now)
            : new EscalationStepTaken(dialogue.Id, id, command.Step, command.Rationale.Trim(), command.FindingIds ?? [], command.EvidenceIds ?? [], behalf, caller.Actor, now);
    }

    /// <summary>Take an escalation step, or propose it to the organisations it is taken on behalf of (coordinators).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/escalations"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Created<DialogueItemResponse>, Events, IMartenOp) Post(Escalate command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller,
        DateTimeOffset now)
    {
        var decided = Decide(command, dialogue, caller, now);
        var (id, checks) = decided switch
        {
            EscalationProposed p => (p.EscalationId, new[] { Deadlines.Check(new ExpireEscalationProposal(dialogue.Id, p.EscalationId, p.ExpiresAt), p.ExpiresAt) }),
            EscalationStepTaken t => (t.EscalationId, Array.Empty<ScheduledCheck>()),
            _ => throw new InvalidOperationException("unknown escalation decision"),
        };

        return (TypedResults.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, id, dialogue.Version + 1)), [decided], Deadlines.Schedule(checks));
    }
}
