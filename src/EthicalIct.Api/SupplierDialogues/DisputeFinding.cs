using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Record that the supplier disputes a finding (recorded by a buyer, with the supplier's statement).</summary>
public sealed record DisputeFinding(string SupplierStatement, long? ExpectedVersion = null);

public static class DisputeFindingEndpoint
{
    public static ProblemDetails Validate(DisputeFinding command, SupplierDialogue dialogue, Guid findingId, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? Problems.Validation([.. Rules.Text(command.SupplierStatement, "supplierStatement", "record what the supplier says")])
            ?? Problems.None;

    public static FindingDisputed Decide(DisputeFinding command, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, command.SupplierStatement.Trim(), caller.Actor, now);

    /// <summary>Record the supplier's dispute of a finding.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/disputes"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(DisputeFinding command, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, findingId, caller, now)]);
}
