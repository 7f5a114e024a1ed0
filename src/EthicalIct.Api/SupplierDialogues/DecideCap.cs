using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Approve or reject the submitted corrective action plan of a finding, with a rationale.</summary>
public sealed record DecideCap(bool Approve, string Rationale, long? ExpectedVersion = null);

public static class DecideCapEndpoint
{
    public static ProblemDetails Validate(DecideCap command, SupplierDialogue dialogue, Guid findingId, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? (dialogue.Finding(findingId)?.Plan is not { Status: CapStatus.Submitted }
                ? Problems.Conflict("The finding has no submitted plan awaiting a decision.", new Dictionary<string, object?> { ["field"] = "findingId" })
                : null)
            ?? Problems.Validation([.. Rules.Text(command.Rationale, "rationale", "every decision needs a rationale")])
            ?? Problems.None;

    public static object Decide(DecideCap command, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now)
    {
        var capId = dialogue.Finding(findingId)!.Plan!.CapId;
        return command.Approve
            ? new CapApproved(dialogue.Id, findingId, capId, command.Rationale.Trim(), caller.Actor, now)
            : new CapRejected(dialogue.Id, findingId, capId, command.Rationale.Trim(), caller.Actor, now);
    }

    /// <summary>Approve (approve: true) or reject the plan.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap/decision"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(DecideCap command, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, findingId, caller, now)]);
}
