using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Close the dialogue with a summary; a closed dialogue refuses every change.</summary>
public sealed record CloseSupplierDialogue(string Summary, long? ExpectedVersion = null);

public static class CloseSupplierDialogueDecision
{
    public static SupplierDialogueClosed Decide(CloseSupplierDialogue cmd, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, cmd.Summary.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class CloseSupplierDialogueEndpoint
{
    public static ProblemDetails Validate(CloseSupplierDialogue cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? Problems.Validation([.. Rules.Text(cmd.Summary, "summary", "summarise the dialogue", 20000)])
        ?? WolverineContinue.NoProblems;

    /// <summary>Close the dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/close")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(CloseSupplierDialogue cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [CloseSupplierDialogueDecision.Decide(cmd, dialogue, user.Caller(), clock.GetUtcNow())]);
}
