using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Record a verification of a finding's correction (desk or on site), with the result and its evidence.</summary>
public sealed record VerifyFinding(VerificationMethod Method, VerificationResult Result, string Notes, IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

/// <summary>Close a finding after a passed verification, with the rationale.</summary>
public sealed record CloseFinding(string Rationale, long? ExpectedVersion = null);

public static class FindingClosureDecisions
{
    public static IReadOnlyList<FieldError> Validate(VerifyFinding cmd, SupplierDialogue dialogue) =>
        [.. Rules.Text(cmd.Notes, "notes", "record what was verified and how"), .. DialogueRules.EvidenceRefs(dialogue, cmd.EvidenceIds)];

    public static FindingVerified Decide(VerifyFinding cmd, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, cmd.Method, cmd.Result, cmd.Notes.Trim(), cmd.EvidenceIds ?? [], caller.OrgNumber, caller.UserId, now);

    /// <summary>A finding is closed only after a verification that passed.</summary>
    public static ProblemDetails? MustBeVerified(SupplierDialogue dialogue, Guid findingId) =>
        dialogue.Finding(findingId)!.Status == FindingStatus.Verified
            ? null
            : Problems.Conflict("A finding is closed only after a verification that passed.", new Dictionary<string, object?> { ["field"] = "findingId" });

    public static FindingClosed Decide(CloseFinding cmd, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, cmd.Rationale.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class VerifyFindingEndpoint
{
    public static ProblemDetails Validate(VerifyFinding cmd, Guid findingId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DialogueRules.FindingMustNotBeClosed(dialogue, findingId)
        ?? Problems.Validation(FindingClosureDecisions.Validate(cmd, dialogue))
        ?? WolverineContinue.NoProblems;

    /// <summary>Record a verification.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/verifications")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(VerifyFinding cmd, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [FindingClosureDecisions.Decide(cmd, dialogue, findingId, user.Caller(), clock.GetUtcNow())]);
}

public static class CloseFindingEndpoint
{
    public static ProblemDetails Validate(CloseFinding cmd, Guid findingId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DialogueRules.FindingMustNotBeClosed(dialogue, findingId)
        ?? FindingClosureDecisions.MustBeVerified(dialogue, findingId)
        ?? Problems.Validation([.. Rules.Text(cmd.Rationale, "rationale", "say why the finding is closed")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Close a verified finding.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/close")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(CloseFinding cmd, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [FindingClosureDecisions.Decide(cmd, dialogue, findingId, user.Caller(), clock.GetUtcNow())]);
}
