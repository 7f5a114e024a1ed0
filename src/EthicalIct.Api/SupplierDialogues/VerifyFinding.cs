using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Record a verification of a finding's correction (desk or on site), with the result and its evidence.</summary>
public sealed record VerifyFinding(VerificationMethod Method, VerificationResult Result, string Notes, IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

public static class VerifyFindingEndpoint
{
    public static ProblemDetails Validate(VerifyFinding command, SupplierDialogue dialogue, Guid findingId, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? Problems.Validation([.. Rules.Text(command.Notes, "notes", "record what was verified and how"), .. DialogueRules.EvidenceRefs(dialogue, command.EvidenceIds)])
            ?? Problems.None;

    public static FindingVerified Decide(VerifyFinding command, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, command.Method, command.Result, command.Notes.Trim(), command.EvidenceIds ?? [], caller.Actor, now);

    /// <summary>Record a verification.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/verifications"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(VerifyFinding command, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, findingId, caller, now)]);
}
