using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Close a finding after a passed verification that the verification rule accepts for its type, with the rationale.</summary>
public sealed record CloseFinding(string Rationale, long? ExpectedVersion = null);

public static class CloseFindingEndpoint
{
    public static ProblemDetails Validate(CloseFinding command, SupplierDialogue dialogue, Guid findingId, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? (dialogue.Finding(findingId) is { } finding
                && VerificationRule.ClosingRefusal(finding.Code, finding.Status == FindingStatus.Verified ? finding.Passed : []) is { } refusal
                ? Problems.Conflict(refusal, new Dictionary<string, object?> { ["field"] = "findingId", ["rule"] = VerificationRule.RuleId })
                : null)
            ?? Problems.Validation([.. Rules.Text(command.Rationale, "rationale", "say why the finding is closed")])
            ?? Problems.None;

    public static FindingClosed Decide(CloseFinding command, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, command.Rationale.Trim(), VerificationRule.RuleId, caller.Actor, now);

    /// <summary>Close a verified finding.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/close"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(CloseFinding command, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, findingId, caller, now)]);
}
