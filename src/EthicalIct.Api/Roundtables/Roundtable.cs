using EthicalIct.Api.Infrastructure;
namespace EthicalIct.Api.Roundtables;

/// <summary>
/// The write model of a roundtable (global inline snapshot): its date, hosts and status, all its decisions read. The
/// view is <see cref="RoundtableDetails"/>.
/// </summary>
public sealed class Roundtable : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public DateOnly Date { get; set; }

    public List<string> HostOrgs { get; set; } = [];

    /// <summary>Organisations named as co-hosts that have not answered: organisation number → expiry.</summary>
    public Dictionary<string, DateTimeOffset> ProposedHosts { get; set; } = [];

    public RoundtableStatus Status { get; set; } = RoundtableStatus.Scheduled;

    public static Roundtable Create(RoundtableScheduled e) => new() { Id = e.RoundtableId, Date = e.Date, HostOrgs = [.. e.HostOrgs] };

    public void Apply(CoHostProposed e) => ProposedHosts[e.Org] = e.ExpiresAt;

    public void Apply(CoHostAccepted e)
    {
        ProposedHosts.Remove(e.Org);
        HostOrgs.Add(e.Org);
    }

    public void Apply(CoHostDeclined e) => ProposedHosts.Remove(e.Org);

    public void Apply(CoHostProposalExpired e) => ProposedHosts.Remove(e.Org);

    public void Apply(RoundtableHeld e) => Status = RoundtableStatus.Held;

    public void Apply(RoundtableRescheduled e) => Date = e.NewDate;

    public void Apply(RoundtableCancelled e) => Status = RoundtableStatus.Cancelled;
}

/// <summary>
/// The write model of a follow-up item (global inline snapshot): where it stands, who owns it, who hosts it and when it
/// is due. The view is <see cref="FollowUpItemDetails"/>.
/// </summary>
public sealed class FollowUpItem : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid RoundtableId { get; set; }

    public DateOnly RoundtableDate { get; set; }

    public List<string> HostOrgs { get; set; } = [];

    public string? OwnerOrg { get; set; }

    public Guid? OwnerSupplierId { get; set; }

    public DateOnly DueOn { get; set; }

    public FollowUpStatus Status { get; set; } = FollowUpStatus.Agreed;

    public bool Overdue { get; set; }

    public static FollowUpItem Create(FollowUpAgreed e) => new()
    {
        Id = e.FollowUpItemId, RoundtableId = e.RoundtableId, RoundtableDate = e.RoundtableDate, HostOrgs = [.. e.HostOrgs],
        OwnerOrg = e.OwnerOrg, OwnerSupplierId = e.OwnerSupplierId, DueOn = e.DueOn,
    };

    public void Apply(FollowUpProgressNoted e) => Status = FollowUpStatus.InProgress;

    public void Apply(FollowUpDelivered e) => Status = FollowUpStatus.Delivered;

    public void Apply(FollowUpDeliveryAccepted e) => (Status, Overdue) = (FollowUpStatus.Accepted, false);

    public void Apply(FollowUpDeliveryRejected e) => Status = FollowUpStatus.InProgress;

    public void Apply(FollowUpClosed e) => Status = FollowUpStatus.Closed;

    public void Apply(FollowUpCarriedOver e)
    {
        RoundtableId = e.ToRoundtableId;
        RoundtableDate = e.ToRoundtableDate;
        HostOrgs = [.. e.HostOrgs];
        DueOn = e.NewDueOn;
        Overdue = false;
    }

    public void Apply(FollowUpBecameOverdue e) => Overdue = true;
}
