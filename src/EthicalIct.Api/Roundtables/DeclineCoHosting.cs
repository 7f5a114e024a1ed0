using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>The named organisation's coordinator declines to co-host, with a reason.</summary>
public sealed record DeclineCoHosting(string Reason, long? ExpectedVersion = null);

/// <summary>Scheduled for the moment a co-host request expires.</summary>
public sealed record ExpireCoHostProposal(Guid RoundtableId, string Org, DateTimeOffset ExpiresAt);

public static class DeclineCoHostingEndpoint
{
    public static ProblemDetails Validate(DeclineCoHosting command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        RoundtableAccess.ProposedHost(roundtable, caller, now)
        ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "give the reason for declining")])
        ?? Problems.None;

    public static CoHostDeclined Decide(DeclineCoHosting command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, caller.OrgNumber, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Decline to co-host the roundtable (coordinators of the named organisation).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/co-hosting/decline"), Allow(RoleSet.Coordinators), Access(AccessRule.ProposedHost)]
    public static (Ok<RoundtableResponse>, Events) Post(DeclineCoHosting command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}

/// <summary>Ends a co-host request nobody answered in time; a stale check (answered, or asked again since) does nothing.</summary>
public static class ExpireCoHostProposalHandler
{
    public static IReadOnlyList<object> Decide(ExpireCoHostProposal check, Roundtable roundtable, DateTimeOffset now) =>
        Consent.ExpiresNow(roundtable.ProposedHosts.ExpiryOf(check.Org), check.ExpiresAt, now)
            ? [new CoHostProposalExpired(roundtable.Id, check.Org, Identity.Actor.System, now)]
            : [];

    public static Events Handle(ExpireCoHostProposal check, [WriteAggregate] Roundtable roundtable, DateTimeOffset now) => [.. Decide(check, roundtable, now)];
}
