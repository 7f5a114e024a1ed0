using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// Propose a new version of the cooperation agreement (an amendment): purpose and sharing policy, binding the
/// current parties once each has signed. Until then the version in force stays in force.
/// </summary>
public sealed record ProposeAgreementVersion(string Purpose, IReadOnlyList<SharingRule> SharingPolicy, long? ExpectedVersion = null);

public static class ProposeAgreementVersionEndpoint
{
    public static ProblemDetails Validate(ProposeAgreementVersion command, CooperationAgreement agreement, Caller caller) =>
        AgreementRules.PartyCoordinator(agreement, caller)
        ?? Problems.Validation([.. AgreementRules.Terms(command.Purpose, command.SharingPolicy)])
        ?? (agreement.Pending is { } pending
            ? Problems.Conflict($"Version {pending.Version} awaits signatures; it must be in force before the next is proposed.",
                new Dictionary<string, object?> { ["pendingVersion"] = pending.Version })
            : null)
        ?? Problems.None;

    public static AgreementVersionProposed Decide(ProposeAgreementVersion command, CooperationAgreement agreement, Caller caller, DateTimeOffset now) =>
        new(agreement.Id, agreement.LatestVersion + 1, command.Purpose.Trim(), AgreementRules.Complete(command.SharingPolicy), [.. agreement.Parties], caller.Actor, now);

    /// <summary>Propose an amendment of the cooperation agreement (coordinators of the parties).</summary>
    [WolverinePost("/api/cooperation-agreement/{agreementId}/versions"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Ok<AgreementResponse>, Events) Post(ProposeAgreementVersion command, [WriteAggregate("agreementId")] CooperationAgreement agreement, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new AgreementResponse(agreement.Id, agreement.Version + 1)), [Decide(command, agreement, caller, now)]);
}

public sealed record AgreementResponse(Guid AgreementId, long Version);
