using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>The hosting coordinators accept or reject a delivery, with a rationale.</summary>
public sealed record ReviewFollowUpDelivery(bool Accept, string Rationale, long? ExpectedVersion = null);

public static class ReviewFollowUpDeliveryEndpoint
{
    public static ProblemDetails Validate(ReviewFollowUpDelivery command, FollowUpItem item, Caller caller) =>
            RoundtableAccess.Host(item.HostOrgs, caller)
            ?? (item.Status == FollowUpStatus.Delivered
                ? null
                : Problems.Conflict("Only a delivered item can be reviewed.", new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = item.Status }))
            ?? Problems.Validation([.. Rules.Text(command.Rationale, "rationale", "every decision needs a rationale")])
            ?? Problems.None;

    public static object Decide(ReviewFollowUpDelivery command, FollowUpItem item, Caller caller, DateTimeOffset now) =>
        command.Accept
            ? new FollowUpDeliveryAccepted(item.Id, command.Rationale.Trim(), caller.Actor, now)
            : new FollowUpDeliveryRejected(item.Id, command.Rationale.Trim(), caller.Actor, now);

    /// <summary>Accept or reject a delivery (hosting coordinators).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/review"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<FollowUpResponse>, Events) Post(ReviewFollowUpDelivery command, [WriteAggregate] FollowUpItem item, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new FollowUpResponse(item.Id, item.Version + 1)), [Decide(command, item, caller, now)]);
}
