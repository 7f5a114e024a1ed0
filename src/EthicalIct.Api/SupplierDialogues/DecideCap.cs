using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Approve or reject the submitted corrective action plan of a finding, with a rationale.</summary>
public sealed record DecideCap(bool Approve, string Rationale, long? ExpectedVersion = null);

public static class DecideCapDecision
{
    public static ProblemDetails? Check(DecideCap cmd, SupplierDialogue dialogue, Guid findingId)
    {
        var finding = dialogue.Finding(findingId)!;
        if (finding.Status == FindingStatus.Closed)
        {
            return Problems.Conflict("A corrective action plan cannot be decided for a closed finding.", new Dictionary<string, object?> { ["field"] = "findingId", ["findingStatus"] = "closed" });
        }

        if (finding.Cap is not { Status: CapStatus.Submitted })
        {
            return Problems.Conflict("The finding has no submitted plan awaiting a decision.", new Dictionary<string, object?> { ["field"] = "findingId" });
        }

        return Problems.Validation([.. Rules.Text(cmd.Rationale, "rationale", "every decision needs a rationale")]);
    }

    public static object Decide(DecideCap cmd, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now)
    {
        var capId = dialogue.Finding(findingId)!.Cap!.CapId;
        return cmd.Approve
            ? new CapApproved(dialogue.Id, findingId, capId, cmd.Rationale.Trim(), caller.OrgNumber, caller.UserId, caller.RoleText, now)
            : new CapRejected(dialogue.Id, findingId, capId, cmd.Rationale.Trim(), caller.OrgNumber, caller.UserId, caller.RoleText, now);
    }
}

public static class DecideCapEndpoint
{
    public static ProblemDetails Validate(DecideCap cmd, Guid findingId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DecideCapDecision.Check(cmd, dialogue, findingId)
        ?? WolverineContinue.NoProblems;

    /// <summary>Approve (approve: true) or reject the plan.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap/decision")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(DecideCap cmd, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [DecideCapDecision.Decide(cmd, dialogue, findingId, user.Caller(), clock.GetUtcNow())]);
}
