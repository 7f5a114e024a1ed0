using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>A party's coordinator signs the version awaiting signatures; the last signature puts it in force.</summary>
/// <remarks>
/// The agreement version is <c>AgreementVersion</c>, not <c>Version</c>: Wolverine reads a command's <c>Version</c> as
/// the stream version it expects.
/// </remarks>
public sealed record SignAgreement(int AgreementVersion, long? ExpectedVersion = null);

public static class SignAgreementEndpoint
{
    public static ProblemDetails Validate(SignAgreement command, CooperationAgreement agreement, Caller caller) =>
        AgreementRules.PartyCoordinator(agreement, caller)
        ?? (agreement.Pending is not { } pending || pending.Version != command.AgreementVersion
            ? Problems.Conflict($"Version {command.AgreementVersion} does not await signatures.", new Dictionary<string, object?> { ["field"] = "agreementVersion", ["pendingVersion"] = agreement.Pending?.Version })
            : !pending.Parties.Any(p => p.OrgNumber == caller.OrgNumber)
                ? Problems.Forbidden($"Your organisation is not a party to version {pending.Version}; it accedes instead.")
                : pending.SignedBy.Contains(caller.OrgNumber)
                    ? Problems.Conflict("Your organisation has signed this version already.", new Dictionary<string, object?> { ["field"] = "agreementVersion" })
                    : null)
        ?? Problems.None;

    public static IReadOnlyList<object> Decide(SignAgreement command, CooperationAgreement agreement, Caller caller, DateTimeOffset now)
    {
        var signed = new AgreementSigned(agreement.Id, command.AgreementVersion, caller.OrgNumber, caller.Actor, now);
        return agreement.StillToSign().SequenceEqual([caller.OrgNumber])
            ? [signed, new AgreementEnteredIntoForce(agreement.Id, command.AgreementVersion, [.. agreement.Parties], caller.Actor, now)]
            : [signed];
    }

    /// <summary>Sign the agreement version awaiting signatures (coordinators of its parties).</summary>
    [WolverinePost("/api/cooperation-agreement/{agreementId}/signatures"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Ok<AgreementResponse>, Events) Post(SignAgreement command, [WriteAggregate("agreementId")] CooperationAgreement agreement, Caller caller, DateTimeOffset now)
    {
        var events = Decide(command, agreement, caller, now);
        return (TypedResults.Ok(new AgreementResponse(agreement.Id, agreement.Version + events.Count)), [.. events]);
    }
}
