using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// A party's coordinator takes the organisation out of the agreement, with a reason. Its records stay; its auditors
/// keep reading them; nobody of it writes any more. The last party cannot leave.
/// </summary>
public sealed record LeaveAgreement(string Reason, long? ExpectedVersion = null);

public static class LeaveAgreementEndpoint
{
    public static ProblemDetails Validate(LeaveAgreement command, CooperationAgreement agreement, Caller caller) =>
        AgreementRules.PartyCoordinator(agreement, caller)
        ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "give the reason for leaving")])
        ?? (agreement.Parties.Count == 1 ? Problems.Conflict("The last party cannot leave the agreement.") : null)
        ?? Problems.None;

    public static PartyLeft Decide(LeaveAgreement command, CooperationAgreement agreement, Caller caller, DateTimeOffset now) =>
        new(agreement.Id, caller.OrgNumber, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Leave the agreement (a party's coordinator, for the own organisation).</summary>
    [WolverinePost("/api/cooperation-agreement/{agreementId}/withdrawal"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Ok<AgreementResponse>, Events) Post(LeaveAgreement command, [WriteAggregate("agreementId")] CooperationAgreement agreement, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new AgreementResponse(agreement.Id, agreement.Version + 1)), [Decide(command, agreement, caller, now)]);
}
