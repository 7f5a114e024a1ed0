using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// Record the cooperation agreement's first version: purpose and sharing policy, between the founding parties
/// (from configuration). It binds once every party's coordinator has signed. There is one agreement; later
/// changes are amendments (<see cref="ProposeAgreementVersion"/>).
/// </summary>
public sealed record ProposeAgreement(string Purpose, IReadOnlyList<SharingRule> SharingPolicy);

public static class ProposeAgreementEndpoint
{
    public static ProblemDetails Validate(ProposeAgreement command, Caller caller, PartySet parties) =>
        (caller.IsCoordinator && parties.IsParty(caller.OrgNumber) ? null : Problems.Forbidden("Only coordinators of the founding parties propose the agreement."))
        ?? Problems.Validation([.. AgreementRules.Terms(command.Purpose, command.SharingPolicy)])
        ?? Problems.None;

    public static AgreementVersionProposed Decide(ProposeAgreement command, PartySet parties, Caller caller, DateTimeOffset now) =>
        new(CooperationAgreement.StreamId, 1, command.Purpose.Trim(), AgreementRules.Complete(command.SharingPolicy), [.. parties.Current], caller.Actor, now);

    /// <summary>Propose the cooperation agreement (coordinators of the founding parties; once: afterwards, amend it).</summary>
    [WolverinePost("/api/cooperation-agreement"), Allow(RoleSet.Coordinators), Access(AccessRule.AgreementParty)]
    public static (Created<AgreementResponse>, IStartStream) Post(ProposeAgreement command, PartySet parties, Caller caller, DateTimeOffset now) =>
        (TypedResults.Created($"/api/cooperation-agreement", new AgreementResponse(CooperationAgreement.StreamId, 1)),
            MartenOps.StartStream<CooperationAgreement>(CooperationAgreement.StreamId, Decide(command, parties, caller, now)));
}
