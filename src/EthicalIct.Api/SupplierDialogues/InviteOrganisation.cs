using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// A participant's coordinator brings another of the organisations into the dialogue, making it joint.
/// (Non-participants cannot see the dialogue, so joining is at a participant's invitation.)
/// </summary>
public sealed record InviteOrganisation(string OrgNumber, long? ExpectedVersion = null);

public static class InviteOrganisationEndpoint
{
    public static ProblemDetails Validate(InviteOrganisation command, SupplierDialogue dialogue, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? (!Organisations.Organisations.IsParticipant(command.OrgNumber)
                ? Problems.Invalid("orgNumber", $"must be one of the participating organisations: {string.Join(", ", Organisations.Organisations.OrgNumbers)}")
                : null)
            ?? (dialogue.Participants.Contains(command.OrgNumber)
                ? Problems.Conflict("The organisation already takes part in the dialogue.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
                : null)
            ?? Problems.None;

    public static OrganisationJoinedDialogue Decide(InviteOrganisation command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, command.OrgNumber, caller.Actor, now);

    /// <summary>Bring another organisation into the dialogue. Coordinators only.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/participants"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(InviteOrganisation command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, caller, now)]);
}
