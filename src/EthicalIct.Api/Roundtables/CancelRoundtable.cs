using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Cancel a scheduled roundtable, with the reason.</summary>
public sealed record CancelRoundtable(string Reason, long? ExpectedVersion = null);

public static class CancelRoundtableEndpoint
{
    public static ProblemDetails Validate(CancelRoundtable command, Roundtable roundtable, Caller caller) =>
            RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? RoundtableRules.MustBeScheduled(roundtable)
            ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why the roundtable is cancelled")])
            ?? Problems.None;

    public static RoundtableCancelled Decide(CancelRoundtable command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Cancel a roundtable (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/cancel"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<RoundtableResponse>, Events) Post(CancelRoundtable command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
