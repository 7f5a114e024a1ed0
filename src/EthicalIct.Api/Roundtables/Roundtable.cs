namespace EthicalIct.Api.Roundtables;

public sealed record RoundtableParticipant(Guid ParticipantId, ParticipantKind Kind, string? OrgNumber, Guid? SupplierId, string Name, string Role);

/// <summary>A roundtable (global snapshot): the write model and the roundtable view's header.</summary>
public sealed class Roundtable
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Topic { get; set; } = "";

    public DateOnly Date { get; set; }

    public string? Place { get; set; }

    public bool Online { get; set; }

    public List<string> HostOrgs { get; set; } = [];

    public RoundtableStatus Status { get; set; } = RoundtableStatus.Scheduled;

    public List<RoundtableParticipant> Participants { get; set; } = [];

    public List<string> Agenda { get; set; } = [];

    public DateOnly? HeldOn { get; set; }

    public string? Minutes { get; set; }

    public List<EvidenceRef> Evidence { get; set; } = [];

    public List<string> Takeaways { get; set; } = [];

    public List<string> History { get; set; } = [];

    public static Roundtable Create(RoundtableScheduled e) => new()
    {
        Id = e.RoundtableId, Topic = e.Topic, Date = e.Date, Place = e.Place, Online = e.Online, HostOrgs = [.. e.HostOrgs],
        History = [$"{e.ScheduledAt:O} scheduled for {e.Date:yyyy-MM-dd} by {e.ScheduledByOrg}"],
    };

    public void Apply(RoundtableParticipantRegistered e) =>
        Participants.Add(new RoundtableParticipant(e.ParticipantId, e.Kind, e.OrgNumber, e.SupplierId, e.Name, e.Role));

    public void Apply(RoundtableAgendaSet e) => Agenda = [.. e.Agenda];

    public void Apply(RoundtableHeld e)
    {
        Status = RoundtableStatus.Held;
        HeldOn = e.HeldOn;
        Minutes = e.Minutes;
        Evidence = [.. e.Evidence];
        History.Add($"{e.RecordedAt:O} held on {e.HeldOn:yyyy-MM-dd}");
    }

    public void Apply(RoundtableTakeawaysRecorded e) => Takeaways.AddRange(e.Takeaways);

    public void Apply(RoundtableRescheduled e)
    {
        Date = e.NewDate;
        History.Add($"{e.At:O} rescheduled from {e.PreviousDate:yyyy-MM-dd} to {e.NewDate:yyyy-MM-dd}: {e.Reason}");
    }

    public void Apply(RoundtableCancelled e)
    {
        Status = RoundtableStatus.Cancelled;
        History.Add($"{e.At:O} cancelled: {e.Reason}");
    }
}

public sealed record FollowUpEntry(DateTimeOffset At, string Org, string What);

/// <summary>A follow-up item (global snapshot): the write model; its history survives carry-overs.</summary>
public sealed class FollowUpItem
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid RoundtableId { get; set; }

    public DateOnly RoundtableDate { get; set; }

    public List<Guid> CarriedFrom { get; set; } = [];

    public List<string> HostOrgs { get; set; } = [];

    public string Description { get; set; } = "";

    public string? OwnerOrg { get; set; }

    public Guid? OwnerSupplierId { get; set; }

    public string OwnerName { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public FollowUpLinks Links { get; set; } = new([], [], []);

    public FollowUpStatus Status { get; set; } = FollowUpStatus.Agreed;

    public bool Overdue { get; set; }

    public List<string> ProgressNotes { get; set; } = [];

    public List<EvidenceRef> Evidence { get; set; } = [];

    public string? NoEvidenceReason { get; set; }

    public List<FollowUpEntry> History { get; set; } = [];

    public static FollowUpItem Create(FollowUpAgreed e) => new()
    {
        Id = e.FollowUpItemId, RoundtableId = e.RoundtableId, RoundtableDate = e.RoundtableDate, HostOrgs = [.. e.HostOrgs], Description = e.Description,
        OwnerOrg = e.OwnerOrg, OwnerSupplierId = e.OwnerSupplierId, OwnerName = e.OwnerName, DueOn = e.DueOn, Links = e.Links,
        History = [new(e.AgreedAt, e.AgreedByOrg, $"agreed at roundtable {e.RoundtableId}, due {e.DueOn:yyyy-MM-dd}")],
    };

    public void Apply(FollowUpProgressNoted e)
    {
        Status = FollowUpStatus.InProgress;
        ProgressNotes.Add(e.Note);
        History.Add(new(e.NotedAt, e.NotedByOrg, $"progress: {e.Note}"));
    }

    public void Apply(FollowUpDelivered e)
    {
        Status = FollowUpStatus.Delivered;
        Evidence.AddRange(e.Evidence);
        NoEvidenceReason = e.NoEvidenceReason;
        History.Add(new(e.DeliveredAt, e.DeliveredByOrg, $"delivered: {e.Note}"));
    }

    public void Apply(FollowUpDeliveryAccepted e)
    {
        Status = FollowUpStatus.Accepted;
        Overdue = false;
        History.Add(new(e.DecidedAt, e.DecidedByOrg, $"delivery accepted: {e.Rationale}"));
    }

    public void Apply(FollowUpDeliveryRejected e)
    {
        Status = FollowUpStatus.InProgress;
        History.Add(new(e.DecidedAt, e.DecidedByOrg, $"delivery rejected: {e.Rationale}"));
    }

    public void Apply(FollowUpClosed e)
    {
        Status = FollowUpStatus.Closed;
        History.Add(new(e.ClosedAt, e.ClosedByOrg, $"closed: {e.Rationale}"));
    }

    public void Apply(FollowUpCarriedOver e)
    {
        CarriedFrom.Add(e.FromRoundtableId);
        RoundtableId = e.ToRoundtableId;
        RoundtableDate = e.ToRoundtableDate;
        HostOrgs = [.. e.HostOrgs];
        DueOn = e.NewDueOn;
        Overdue = false;
        History.Add(new(e.At, e.ByOrg, $"carried over to roundtable {e.ToRoundtableId}, due {e.NewDueOn:yyyy-MM-dd} (was {e.PreviousDueOn:yyyy-MM-dd}): {e.Reason}"));
    }

    public void Apply(FollowUpBecameOverdue e)
    {
        Overdue = true;
        History.Add(new(e.DetectedAt, "system", $"overdue (due {e.DueOn:yyyy-MM-dd})"));
    }
}
