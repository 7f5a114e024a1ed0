using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Roundtables;

/// <summary>
/// Who may change a roundtable or a follow-up item (docs/adr/0009), as pure checks each command calls from its
/// <c>Validate</c> on the stream Wolverine loaded for it: coordinators of the hosting organisations manage
/// (<see cref="Host"/>); the owner organisation — or, for a supplier-owned item, a hosting organisation on the
/// supplier's behalf — reports progress and delivery (<see cref="Owner"/>). Everyone in the organisations reads.
/// </summary>
public static class RoundtableAccess
{
    public static ProblemDetails? Host(IReadOnlyCollection<string> hostOrgs, Caller caller) =>
        caller.IsCoordinator && hostOrgs.Contains(caller.OrgNumber)
            ? null
            : Problems.Forbidden("Only coordinators of the hosting organisations manage this roundtable and decide on its items.");

    /// <summary>An organisation named as co-host, while the request stands (its coordinators answer); others 403.</summary>
    public static ProblemDetails? ProposedHost(Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        Consent.Stands(roundtable.ProposedHosts.ExpiryOf(caller.OrgNumber), now)
            ? null
            : Problems.Forbidden("Only an organisation asked to co-host answers, and only while the request stands.");

    public static ProblemDetails? Owner(FollowUpItem item, Caller caller) =>
        caller.CanWrite && (item.OwnerOrg == caller.OrgNumber || (item.OwnerSupplierId is not null && item.HostOrgs.Contains(caller.OrgNumber)))
            ? null
            : Problems.Forbidden("Progress and delivery are reported by the organisation that owns the item (a host for a supplier-owned item).");
}
