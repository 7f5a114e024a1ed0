using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// A party's coordinator proposes that another organisation accede to the agreement. The proposal counts as the
/// proposing party's approval; the candidate becomes a party when every current party has approved.
/// </summary>
public sealed record ProposeAccession(string OrgNumber, string Name, string ShortName, OrganisationType Type, long? ExpectedVersion = null);

public static class ProposeAccessionEndpoint
{
    public static ProblemDetails Validate(ProposeAccession command, CooperationAgreement agreement, Caller caller) =>
        AgreementRules.PartyCoordinator(agreement, caller)
        ?? Problems.Validation([.. AgreementRules.Candidate(command.OrgNumber, command.Name, command.ShortName)])
        ?? (agreement.IsParty(command.OrgNumber.Trim())
            ? Problems.Conflict("The organisation is a party already.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
            : agreement.Accessions.ContainsKey(command.OrgNumber.Trim())
                ? Problems.Conflict("The organisation's accession is proposed already; approve or decline it.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
                : null)
        ?? Problems.None;

    public static IReadOnlyList<object> Decide(ProposeAccession command, CooperationAgreement agreement, Caller caller, DateTimeOffset now)
    {
        var candidate = AgreementRules.Normalised(command.OrgNumber, command.Name, command.ShortName, command.Type);
        var approved = new AccessionApproved(agreement.Id, candidate.OrgNumber, caller.OrgNumber, caller.Actor, now);
        return agreement.Parties.Count == 1
            ? [new AccessionProposed(agreement.Id, candidate, caller.Actor, now), approved, new PartyAcceded(agreement.Id, candidate, agreement.InForce, caller.Actor, now)]
            : [new AccessionProposed(agreement.Id, candidate, caller.Actor, now), approved];
    }

    /// <summary>Propose that an organisation accede to the agreement (coordinators of the parties).</summary>
    [WolverinePost("/api/cooperation-agreement/{agreementId}/accessions"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Ok<AgreementResponse>, Events) Post(ProposeAccession command, [WriteAggregate("agreementId")] CooperationAgreement agreement, Caller caller,
        DateTimeOffset now)
    {
        var events = Decide(command, agreement, caller, now);
        return (TypedResults.Ok(new AgreementResponse(agreement.Id, agreement.Version + events.Count)), [.. events]);
    }
}
