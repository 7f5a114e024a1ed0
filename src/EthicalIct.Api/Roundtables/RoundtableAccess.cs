using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Roundtables;

/// <summary>
/// Who may change a roundtable or a follow-up item, decided in one place and attached by convention to every
/// command under the two route prefixes (docs/adr/0009): coordinators of the hosting organisations manage; the owner
/// organisation (or, for a supplier-owned item, a hosting organisation on the supplier's behalf) reports progress and
/// delivery. Everyone in the three organisations reads.
/// </summary>
public static class RoundtableAccess
{
    public const string RoundtablePrefix = "/api/roundtables/{roundtableId}";
    public const string ItemPrefix = "/api/follow-up-items/{followUpItemId}";

    public static bool IsCommand(IEnumerable<string> methods) => !methods.All(m => m is "GET" or "HEAD");

    public static ProblemDetails Forbidden(string detail) => new()
    {
        Type = "urn:ethicalict:problem:forbidden",
        Title = "Forbidden.",
        Status = StatusCodes.Status403Forbidden,
        Detail = detail,
    };

    public static bool Hosts(IReadOnlyCollection<string> hostOrgs, Caller caller) => caller.Role == Role.Coordinator && hostOrgs.Contains(caller.OrgNumber);

    public static bool Owns(FollowUpItem item, Caller caller) =>
        caller.CanWrite && (item.OwnerOrg == caller.OrgNumber || (item.OwnerSupplierId is not null && item.HostOrgs.Contains(caller.OrgNumber)));

    /// <summary>The owner's actions: progress and delivery. Everything else on an item is the hosts' to decide.</summary>
    public static bool IsOwnerAction(string path) => path.EndsWith("/progress", StringComparison.Ordinal) || path.EndsWith("/delivery", StringComparison.Ordinal);
}

public static class RoundtableHostGuard
{
    public static async Task<ProblemDetails> BeforeAsync(HttpContext httpContext, IQuerySession session, CancellationToken ct)
    {
        var raw = httpContext.Request.RouteValues["roundtableId"]?.ToString();
        if (!Guid.TryParse(raw, out var id) || await session.LoadAsync<Roundtable>(id, ct) is not { } roundtable)
        {
            return Problems.NotFound($"No roundtable {raw}.");
        }

        return RoundtableAccess.Hosts(roundtable.HostOrgs, httpContext.User.Caller())
            ? WolverineContinue.NoProblems
            : RoundtableAccess.Forbidden("Only coordinators of the hosting organisations manage this roundtable.");
    }
}

public static class FollowUpItemGuard
{
    public static async Task<ProblemDetails> BeforeAsync(HttpContext httpContext, IQuerySession session, CancellationToken ct)
    {
        var raw = httpContext.Request.RouteValues["followUpItemId"]?.ToString();
        if (!Guid.TryParse(raw, out var id) || await session.LoadAsync<FollowUpItem>(id, ct) is not { } item)
        {
            return Problems.NotFound($"No follow-up item {raw}.");
        }

        var caller = httpContext.User.Caller();
        if (RoundtableAccess.IsOwnerAction(httpContext.Request.Path.Value ?? ""))
        {
            return RoundtableAccess.Owns(item, caller)
                ? WolverineContinue.NoProblems
                : RoundtableAccess.Forbidden("Progress and delivery are reported by the organisation that owns the item.");
        }

        return RoundtableAccess.Hosts(item.HostOrgs, caller)
            ? WolverineContinue.NoProblems
            : RoundtableAccess.Forbidden("Only coordinators of the hosting organisations decide on this item.");
    }
}
