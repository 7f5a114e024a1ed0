using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// Take an escalation step (reminder, management meeting, joint letter, contract sanction, termination considered):
/// a decision with its rationale. A joint letter is sent on behalf of participating organisations (all by default).
/// </summary>
public sealed record Escalate(EscalationStep Step, string Rationale, IReadOnlyList<Guid>? FindingIds = null, IReadOnlyList<Guid>? EvidenceIds = null,
    IReadOnlyList<string>? OnBehalfOf = null, long? ExpectedVersion = null);

public static class EscalateDecision
{
    public static IReadOnlyList<FieldError> Validate(Escalate cmd, SupplierDialogue dialogue, string org)
    {
        var errors = new List<FieldError>(Rules.Text(cmd.Rationale, "rationale", "every escalation step needs a rationale"));
        errors.AddRange(DialogueRules.EvidenceRefs(dialogue, cmd.EvidenceIds));
        var findings = cmd.FindingIds ?? [];
        for (var i = 0; i < findings.Count; i++)
        {
            if (dialogue.Finding(findings[i]) is null)
            {
                errors.Add(new($"findingIds[{i}]", "no such finding in this dialogue"));
            }
        }

        var behalf = cmd.OnBehalfOf ?? [];
        for (var i = 0; i < behalf.Count; i++)
        {
            if (!dialogue.Participants.Contains(behalf[i]))
            {
                errors.Add(new($"onBehalfOf[{i}]", "only participating organisations can sign"));
            }
        }

        if (behalf.Count > 0 && !behalf.Contains(org))
        {
            errors.Add(new("onBehalfOf", "must include your own organisation"));
        }

        return errors;
    }

    public static EscalationStepTaken Decide(Escalate cmd, SupplierDialogue dialogue, Guid escalationId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, escalationId, cmd.Step, cmd.Rationale.Trim(), cmd.FindingIds ?? [], cmd.EvidenceIds ?? [],
            cmd.OnBehalfOf is { Count: > 0 } b ? b : cmd.Step == EscalationStep.JointLetter ? [.. dialogue.Participants] : [caller.OrgNumber],
            caller.OrgNumber, caller.UserId, caller.RoleText, now);
}

public static class EscalateEndpoint
{
    public static ProblemDetails Validate(Escalate cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue, ClaimsPrincipal user) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? Problems.Validation(EscalateDecision.Validate(cmd, dialogue, user.Caller().OrgNumber))
        ?? WolverineContinue.NoProblems;

    /// <summary>Take an escalation step.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/escalations")]
    [ProducesResponseType<DialogueItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(Escalate cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = EscalateDecision.Decide(cmd, dialogue, Guid.CreateVersion7(), user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, e.EscalationId, dialogue.Version + 1)), [e]);
    }
}
