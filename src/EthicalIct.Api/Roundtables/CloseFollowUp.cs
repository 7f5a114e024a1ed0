using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Close an accepted item.</summary>
public sealed record CloseFollowUp(string Rationale, long? ExpectedVersion = null);

public static class CloseFollowUpEndpoint
{
    public static ProblemDetails Validate(CloseFollowUp command, FollowUpItem item, Caller caller) =>
            RoundtableAccess.Host(item.HostOrgs, caller)
            ?? RoundtableRules.MustBeOpen(item)
            ?? (item.Status == FollowUpStatus.Accepted
                ? null
                : Problems.Conflict("Only an accepted item can be closed.", new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = item.Status }))
            ?? Problems.Validation([.. Rules.Text(command.Rationale, "rationale", "say why the item is closed")])
            ?? Problems.None;

    public static FollowUpClosed Decide(CloseFollowUp command, FollowUpItem item, Caller caller, DateTimeOffset now) =>
        new(item.Id, command.Rationale.Trim(), caller.Actor, now);

    /// <summary>Close an accepted item (hosting coordinators).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/close"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<FollowUpResponse>, Events) Post(CloseFollowUp command, [WriteAggregate] FollowUpItem item, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new FollowUpResponse(item.Id, item.Version + 1)), [Decide(command, item, caller, now)]);
}
