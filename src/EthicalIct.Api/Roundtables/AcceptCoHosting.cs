using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>The named organisation's coordinator accepts to co-host; from now on its coordinators manage the roundtable.</summary>
public sealed record AcceptCoHosting(long? ExpectedVersion = null);

public static class AcceptCoHostingEndpoint
{
    public static ProblemDetails Validate(AcceptCoHosting command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        RoundtableAccess.ProposedHost(roundtable, caller, now) ?? RoundtableRules.MustNotBeCancelled(roundtable.Status) ?? Problems.None;

    public static CoHostAccepted Decide(AcceptCoHosting command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, caller.OrgNumber, caller.Actor, now);

    /// <summary>Accept to co-host the roundtable (coordinators of the named organisation).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/co-hosting/accept"), Allow(RoleSet.Coordinators), Access(AccessRule.ProposedHost)]
    public static (Ok<RoundtableResponse>, Events) Post(AcceptCoHosting command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
