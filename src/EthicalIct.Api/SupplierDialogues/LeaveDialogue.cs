using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>The caller's organisation leaves a joint dialogue (the last participant closes it instead).</summary>
public sealed record LeaveDialogue(string Reason, long? ExpectedVersion = null);

public static class LeaveDialogueDecision
{
    public static ProblemDetails? Check(LeaveDialogue cmd, SupplierDialogue dialogue) =>
        Problems.Validation([.. Rules.Text(cmd.Reason, "reason", "say why your organisation leaves")])
        ?? (dialogue.Participants.Count == 1
            ? Problems.Conflict("Your organisation is the only participant; close the dialogue instead.", new Dictionary<string, object?> { ["field"] = "dialogueId" })
            : null);

    public static OrganisationLeftDialogue Decide(LeaveDialogue cmd, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, caller.OrgNumber, cmd.Reason.Trim(), caller.UserId, now);
}

public static class LeaveDialogueEndpoint
{
    public static ProblemDetails Validate(LeaveDialogue cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? LeaveDialogueDecision.Check(cmd, dialogue)
        ?? WolverineContinue.NoProblems;

    /// <summary>Leave a joint dialogue. Coordinators only.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/leave")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(LeaveDialogue cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [LeaveDialogueDecision.Decide(cmd, dialogue, user.Caller(), clock.GetUtcNow())]);
}
