using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>A party's coordinator approves a proposed accession; the last approval makes the candidate a party.</summary>
public sealed record ApproveAccession(long? ExpectedVersion = null);

public static class ApproveAccessionEndpoint
{
    public static ProblemDetails Validate(ApproveAccession command, CooperationAgreement agreement, string orgNumber, Caller caller) =>
        AgreementRules.PartyCoordinator(agreement, caller)
        ?? (!agreement.Accessions.TryGetValue(orgNumber, out var accession)
            ? Problems.NotFound("No accession of that organisation is proposed.")
            : accession.ApprovedBy.Contains(caller.OrgNumber)
                ? Problems.Conflict("Your organisation has approved this accession already.")
                : null)
        ?? Problems.None;

    public static IReadOnlyList<object> Decide(ApproveAccession command, CooperationAgreement agreement, string orgNumber, Caller caller, DateTimeOffset now)
    {
        var approved = new AccessionApproved(agreement.Id, orgNumber, caller.OrgNumber, caller.Actor, now);
        return agreement.StillToApprove(orgNumber).SequenceEqual([caller.OrgNumber])
            ? [approved, new PartyAcceded(agreement.Id, agreement.Accessions[orgNumber].Candidate, agreement.InForce, caller.Actor, now)]
            : [approved];
    }

    /// <summary>Approve an organisation's accession (coordinators of the parties).</summary>
    [WolverinePost("/api/cooperation-agreement/{agreementId}/accessions/{orgNumber}/approval"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Ok<AgreementResponse>, Events) Post(ApproveAccession command, [WriteAggregate("agreementId")] CooperationAgreement agreement, string orgNumber,
        Caller caller, DateTimeOffset now)
    {
        var events = Decide(command, agreement, orgNumber, caller, now);
        return (TypedResults.Ok(new AgreementResponse(agreement.Id, agreement.Version + events.Count)), [.. events]);
    }
}
