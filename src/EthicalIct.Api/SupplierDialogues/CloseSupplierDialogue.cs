using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Close the dialogue with a summary; a closed dialogue refuses every change.</summary>
public sealed record CloseSupplierDialogue(string Summary, long? ExpectedVersion = null);

public static class CloseSupplierDialogueEndpoint
{
    public static ProblemDetails Validate(CloseSupplierDialogue command, SupplierDialogue dialogue, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? Problems.Validation([.. Rules.Text(command.Summary, "summary", "summarise the dialogue", 20000)])
            ?? Problems.None;

    public static SupplierDialogueClosed Decide(CloseSupplierDialogue command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, command.Summary.Trim(), caller.Actor, now);

    /// <summary>Close the dialogue (coordinators).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/close"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(CloseSupplierDialogue command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, caller, now)]);
}
