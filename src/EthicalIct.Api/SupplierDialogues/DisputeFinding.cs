using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Record that the supplier disputes a finding (recorded by a buyer, with the supplier's statement).</summary>
public sealed record DisputeFinding(string SupplierStatement, long? ExpectedVersion = null);

public static class DisputeFindingDecision
{
    public static FindingDisputed Decide(DisputeFinding cmd, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, cmd.SupplierStatement.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class DisputeFindingEndpoint
{
    public static ProblemDetails Validate(DisputeFinding cmd, Guid findingId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DialogueRules.FindingMustNotBeClosed(dialogue, findingId)
        ?? Problems.Validation([.. Rules.Text(cmd.SupplierStatement, "supplierStatement", "record what the supplier says")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Record the supplier's dispute of a finding.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/disputes")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(DisputeFinding cmd, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [DisputeFindingDecision.Decide(cmd, dialogue, findingId, user.Caller(), clock.GetUtcNow())]);
}
