using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// A participant's coordinator brings another of the three organisations into the dialogue, making it joint.
/// (Non-participants cannot see the dialogue, so joining is at a participant's invitation.)
/// </summary>
public sealed record InviteOrganisation(string OrgNumber, long? ExpectedVersion = null);

public static class InviteOrganisationDecision
{
    public static ProblemDetails? Check(InviteOrganisation cmd, SupplierDialogue dialogue) =>
        !Organisations.Organisations.IsParticipant(cmd.OrgNumber)
            ? Problems.Invalid("orgNumber", "must be one of the three participating organisations: 958935420, 986252932, 916879067")
            : dialogue.Participants.Contains(cmd.OrgNumber)
                ? Problems.Conflict("The organisation already takes part in the dialogue.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
                : null;

    public static OrganisationJoinedDialogue Decide(InviteOrganisation cmd, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, cmd.OrgNumber, caller.OrgNumber, caller.UserId, now);
}

public static class InviteOrganisationEndpoint
{
    public static ProblemDetails Validate(InviteOrganisation cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? InviteOrganisationDecision.Check(cmd, dialogue)
        ?? WolverineContinue.NoProblems;

    /// <summary>Bring another organisation into the dialogue. Coordinators only.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/participants")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(InviteOrganisation cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [InviteOrganisationDecision.Decide(cmd, dialogue, user.Caller(), clock.GetUtcNow())]);
}
