using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;

namespace EthicalIct.Api.Roundtables;

// Roundtables and their follow-up items are shared by the participating organisations: global streams. A follow-up
// item is its own stream, so carrying it to a later roundtable keeps one history. Like every event, each ends with
// who acted (By) and when (At); scheduled checks act as Actor.System.

public enum ParticipantKind
{
    [JsonStringEnumMemberName("organisation")] Organisation,
    [JsonStringEnumMemberName("supplier")] Supplier,
    [JsonStringEnumMemberName("stakeholder")] Stakeholder,
}

public enum RoundtableStatus
{
    [JsonStringEnumMemberName("scheduled")] Scheduled,
    [JsonStringEnumMemberName("held")] Held,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public enum FollowUpStatus
{
    [JsonStringEnumMemberName("agreed")] Agreed,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("accepted")] Accepted,
    [JsonStringEnumMemberName("closed")] Closed,
}

/// <summary>A file uploaded to /api/evidence-files by the recording organisation, cited by its hash.</summary>
public sealed record EvidenceRef(string Title, string Sha256);

public sealed record RoundtableScheduled(Guid RoundtableId, string Topic, DateOnly Date, string? Place, bool Online, IReadOnlyList<string> HostOrgs, Actor By, DateTimeOffset At);

/// <summary>The scheduling organisation named another party as co-host; it hosts only when its coordinator accepts.</summary>
public sealed record CoHostProposed(Guid RoundtableId, string Org, DateTimeOffset ExpiresAt, Actor By, DateTimeOffset At);

public sealed record CoHostAccepted(Guid RoundtableId, string Org, Actor By, DateTimeOffset At);

public sealed record CoHostDeclined(Guid RoundtableId, string Org, string Reason, Actor By, DateTimeOffset At);

public sealed record CoHostProposalExpired(Guid RoundtableId, string Org, Actor By, DateTimeOffset At);

public sealed record RoundtableParticipantRegistered(Guid RoundtableId, Guid ParticipantId, ParticipantKind Kind, string? OrgNumber, Guid? SupplierId,
    string Name, string Role, Actor By, DateTimeOffset At);

public sealed record RoundtableAgendaSet(Guid RoundtableId, IReadOnlyList<string> Agenda, Actor By, DateTimeOffset At);

public sealed record RoundtableHeld(Guid RoundtableId, DateOnly HeldOn, string Minutes, IReadOnlyList<EvidenceRef> Evidence, Actor By, DateTimeOffset At);

public sealed record RoundtableTakeawaysRecorded(Guid RoundtableId, IReadOnlyList<string> Takeaways, Actor By, DateTimeOffset At);

public sealed record RoundtableRescheduled(Guid RoundtableId, DateOnly PreviousDate, DateOnly NewDate, string Reason, Actor By, DateTimeOffset At);

public sealed record RoundtableCancelled(Guid RoundtableId, string Reason, Actor By, DateTimeOffset At);

/// <summary>Links from a follow-up item to what it concerns (opaque ids: risks and findings may be private to an organisation).</summary>
public sealed record FollowUpLinks(IReadOnlyList<Guid> SupplierIds, IReadOnlyList<Guid> RiskIds, IReadOnlyList<Guid> FindingIds);

/// <summary>A commitment agreed at a roundtable: owned by one of the buyers (<paramref name="OwnerOrg"/>) or a registered supplier.</summary>
public sealed record FollowUpAgreed(Guid FollowUpItemId, Guid RoundtableId, DateOnly RoundtableDate, IReadOnlyList<string> HostOrgs, string Description,
    string? OwnerOrg, Guid? OwnerSupplierId, string OwnerName, DateOnly DueOn, FollowUpLinks Links, Actor By, DateTimeOffset At);

public sealed record FollowUpProgressNoted(Guid FollowUpItemId, string Note, Actor By, DateTimeOffset At);

public sealed record FollowUpDelivered(Guid FollowUpItemId, string Note, IReadOnlyList<EvidenceRef> Evidence, string? NoEvidenceReason, Actor By, DateTimeOffset At);

public sealed record FollowUpDeliveryAccepted(Guid FollowUpItemId, string Rationale, Actor By, DateTimeOffset At);

public sealed record FollowUpDeliveryRejected(Guid FollowUpItemId, string Rationale, Actor By, DateTimeOffset At);

public sealed record FollowUpClosed(Guid FollowUpItemId, string Rationale, Actor By, DateTimeOffset At);

public sealed record FollowUpCarriedOver(Guid FollowUpItemId, Guid FromRoundtableId, Guid ToRoundtableId, DateOnly ToRoundtableDate, IReadOnlyList<string> HostOrgs,
    DateOnly PreviousDueOn, DateOnly NewDueOn, string Reason, Actor By, DateTimeOffset At);

/// <summary>Raised by the scheduled check when the due date has passed without an accepted delivery.</summary>
public sealed record FollowUpBecameOverdue(Guid FollowUpItemId, DateOnly DueOn, Actor By, DateTimeOffset At);
