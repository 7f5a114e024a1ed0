using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>A party's coordinator declines a proposed accession, with a reason; the proposal ends.</summary>
public sealed record DeclineAccession(string Reason, long? ExpectedVersion = null);

public static class DeclineAccessionEndpoint
{
    public static ProblemDetails Validate(DeclineAccession command, CooperationAgreement agreement, string orgNumber, Caller caller) =>
        AgreementRules.PartyCoordinator(agreement, caller)
        ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "give the reason for declining")])
        ?? (agreement.Accessions.ContainsKey(orgNumber) ? null : Problems.NotFound("No accession of that organisation is proposed."))
        ?? Problems.None;

    public static AccessionDeclined Decide(DeclineAccession command, CooperationAgreement agreement, string orgNumber, Caller caller, DateTimeOffset now) =>
        new(agreement.Id, orgNumber, caller.OrgNumber, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Decline an organisation's accession (coordinators of the parties).</summary>
    [WolverinePost("/api/cooperation-agreement/{agreementId}/accessions/{orgNumber}/decline"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Ok<AgreementResponse>, Events) Post(DeclineAccession command, [WriteAggregate("agreementId")] CooperationAgreement agreement, string orgNumber,
        Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new AgreementResponse(agreement.Id, agreement.Version + 1)), [Decide(command, agreement, orgNumber, caller, now)]);
}
