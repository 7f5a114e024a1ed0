using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Roundtables;

public sealed record RoundtableParticipant(Guid ParticipantId, ParticipantKind Kind, string? OrgNumber, Guid? SupplierId, string Name, string Role, Actor By, DateTimeOffset At);

/// <summary>One thing that happened, with who and when.</summary>
public sealed record HistoryEntry(string What, Actor By, DateTimeOffset At);

/// <summary>A roundtable as everyone reads it (inline global projection): participants, agenda, minutes, evidence, take-aways and its history.</summary>
[SnapshotsAsOf(typeof(Roundtable), Shared = true)]
public sealed class RoundtableDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Topic { get; set; } = "";

    public DateOnly Date { get; set; }

    public string? Place { get; set; }

    public bool Online { get; set; }

    public List<string> HostOrgs { get; set; } = [];

    /// <summary>Organisations named as co-hosts that have not answered yet (they do not host until they accept).</summary>
    public List<string> ProposedHosts { get; set; } = [];

    public RoundtableStatus Status { get; set; } = RoundtableStatus.Scheduled;

    public List<RoundtableParticipant> Participants { get; set; } = [];

    public List<string> Agenda { get; set; } = [];

    public DateOnly? HeldOn { get; set; }

    public string? Minutes { get; set; }

    public List<EvidenceRef> Evidence { get; set; } = [];

    public List<HistoryEntry> Takeaways { get; set; } = [];

    public List<HistoryEntry> History { get; set; } = [];

    public static RoundtableDetails Create(RoundtableScheduled e) => new()
    {
        Id = e.RoundtableId, Topic = e.Topic, Date = e.Date, Place = e.Place, Online = e.Online, HostOrgs = [.. e.HostOrgs],
        History = [new HistoryEntry($"scheduled for {e.Date:yyyy-MM-dd}", e.By, e.At)],
    };

    public void Apply(CoHostProposed e)
    {
        ProposedHosts.Add(e.Org);
        History.Add(new HistoryEntry($"{e.Org} asked to co-host (answer by {e.ExpiresAt:yyyy-MM-dd})", e.By, e.At));
    }

    public void Apply(CoHostAccepted e)
    {
        ProposedHosts.Remove(e.Org);
        HostOrgs.Add(e.Org);
        History.Add(new HistoryEntry($"{e.Org} accepted to co-host", e.By, e.At));
    }

    public void Apply(CoHostDeclined e)
    {
        ProposedHosts.Remove(e.Org);
        History.Add(new HistoryEntry($"{e.Org} declined to co-host: {e.Reason}", e.By, e.At));
    }

    public void Apply(CoHostProposalExpired e)
    {
        ProposedHosts.Remove(e.Org);
        History.Add(new HistoryEntry($"{e.Org} did not answer the request to co-host", e.By, e.At));
    }

    public void Apply(RoundtableParticipantRegistered e) =>
        Participants.Add(new RoundtableParticipant(e.ParticipantId, e.Kind, e.OrgNumber, e.SupplierId, e.Name, e.Role, e.By, e.At));

    public void Apply(RoundtableAgendaSet e)
    {
        Agenda = [.. e.Agenda];
        History.Add(new HistoryEntry($"agenda set: {string.Join("; ", e.Agenda)}", e.By, e.At));
    }

    public void Apply(RoundtableHeld e)
    {
        Status = RoundtableStatus.Held;
        HeldOn = e.HeldOn;
        Minutes = e.Minutes;
        Evidence = [.. e.Evidence];
        History.Add(new HistoryEntry($"held on {e.HeldOn:yyyy-MM-dd}", e.By, e.At));
    }

    public void Apply(RoundtableTakeawaysRecorded e) => Takeaways.AddRange(e.Takeaways.Select(t => new HistoryEntry(t, e.By, e.At)));

    public void Apply(RoundtableRescheduled e)
    {
        Date = e.NewDate;
        History.Add(new HistoryEntry($"rescheduled from {e.PreviousDate:yyyy-MM-dd} to {e.NewDate:yyyy-MM-dd}: {e.Reason}", e.By, e.At));
    }

    public void Apply(RoundtableCancelled e)
    {
        Status = RoundtableStatus.Cancelled;
        History.Add(new HistoryEntry($"cancelled: {e.Reason}", e.By, e.At));
    }
}

public sealed record Delivery(string Note, IReadOnlyList<EvidenceRef> Evidence, string? NoEvidenceReason, Actor By, DateTimeOffset At);

/// <summary>A follow-up item as everyone reads it (inline global projection), with its whole history across carry-overs.</summary>
[SnapshotsAsOf(typeof(FollowUpItem), Shared = true)]
public sealed class FollowUpItemDetails
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

    public List<HistoryEntry> ProgressNotes { get; set; } = [];

    public List<Delivery> Deliveries { get; set; } = [];

    public List<HistoryEntry> History { get; set; } = [];

    public static FollowUpItemDetails Create(FollowUpAgreed e) => new()
    {
        Id = e.FollowUpItemId, RoundtableId = e.RoundtableId, RoundtableDate = e.RoundtableDate, HostOrgs = [.. e.HostOrgs], Description = e.Description,
        OwnerOrg = e.OwnerOrg, OwnerSupplierId = e.OwnerSupplierId, OwnerName = e.OwnerName, DueOn = e.DueOn, Links = e.Links,
        History = [new HistoryEntry($"agreed at roundtable {e.RoundtableId}, due {e.DueOn:yyyy-MM-dd}", e.By, e.At)],
    };

    public void Apply(FollowUpProgressNoted e)
    {
        Status = FollowUpStatus.InProgress;
        ProgressNotes.Add(new HistoryEntry(e.Note, e.By, e.At));
        History.Add(new HistoryEntry($"progress: {e.Note}", e.By, e.At));
    }

    public void Apply(FollowUpDelivered e)
    {
        Status = FollowUpStatus.Delivered;
        Deliveries.Add(new Delivery(e.Note, e.Evidence, e.NoEvidenceReason, e.By, e.At));
        History.Add(new HistoryEntry($"delivered: {e.Note}", e.By, e.At));
    }

    public void Apply(FollowUpDeliveryAccepted e)
    {
        Status = FollowUpStatus.Accepted;
        Overdue = false;
        History.Add(new HistoryEntry($"delivery accepted: {e.Rationale}", e.By, e.At));
    }

    public void Apply(FollowUpDeliveryRejected e)
    {
        Status = FollowUpStatus.InProgress;
        History.Add(new HistoryEntry($"delivery rejected: {e.Rationale}", e.By, e.At));
    }

    public void Apply(FollowUpClosed e)
    {
        Status = FollowUpStatus.Closed;
        History.Add(new HistoryEntry($"closed: {e.Rationale}", e.By, e.At));
    }

    public void Apply(FollowUpCarriedOver e)
    {
        CarriedFrom.Add(e.FromRoundtableId);
        RoundtableId = e.ToRoundtableId;
        RoundtableDate = e.ToRoundtableDate;
        HostOrgs = [.. e.HostOrgs];
        DueOn = e.NewDueOn;
        Overdue = false;
        History.Add(new HistoryEntry($"carried over to roundtable {e.ToRoundtableId}, due {e.NewDueOn:yyyy-MM-dd} (was {e.PreviousDueOn:yyyy-MM-dd}): {e.Reason}", e.By, e.At));
    }

    public void Apply(FollowUpBecameOverdue e)
    {
        Overdue = true;
        History.Add(new HistoryEntry($"overdue (due {e.DueOn:yyyy-MM-dd})", e.By, e.At));
    }
}

public sealed record RoundtableWithItems(RoundtableDetails Roundtable, IReadOnlyList<FollowUpItemDetails> Items);

public static class RoundtableQueries
{
    /// <summary>
    /// One roundtable with its participants, minutes, take-aways and follow-up items (including those carried away from
    /// it), now or as of a moment (the items as they were then too) or a version of the roundtable's stream.
    /// </summary>
    [WolverineGet("/api/roundtables/{roundtableId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<RoundtableWithItems>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid roundtableId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null)
    {
        if (PointsInTime.Parse(asOf, version, now, out var point) is { } problem)
        {
            return Results.Problem(problem);
        }

        var roundtable = await PointsInTime.ReadAsync(session, roundtableId, point, () => session.LoadAsync<RoundtableDetails>(roundtableId, ct), r => r.Version, ct, shared: true);
        if (roundtable is null)
        {
            return await PointsInTime.OkAsync(session, roundtableId, roundtable, r => r.Version, point, response, $"No roundtable {roundtableId}.", ct);
        }

        var items = await session.Query<FollowUpItemDetails>().Where(i => i.RoundtableId == roundtableId || i.CarriedFrom.Contains(roundtableId))
            .OrderBy(i => i.DueOn).Take(1000).ToListAsync(ct);
        if (point.AsOf is { } at)
        {
            var then = new List<FollowUpItemDetails>();
            foreach (var item in items)
            {
                if (await PointsInTime.ReadAsync(session, item.Id, new PointInTime(at, null), () => Task.FromResult<FollowUpItemDetails?>(item), i => i.Version, ct, shared: true) is { } earlier)
                {
                    then.Add(earlier);
                }
            }

            items = [.. then.OrderBy(i => i.DueOn)];
        }

        return await PointsInTime.OkAsync(session, roundtableId, new RoundtableWithItems(roundtable, items), r => r.Roundtable.Version, point, response, "", ct);
    }

    /// <summary>All roundtables, by date.</summary>
    [WolverineGet("/api/roundtables"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<RoundtableDetails>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem
            ? Results.Problem(problem)
            : Results.Ok(await session.Query<RoundtableDetails>().OrderBy(r => r.Date).ToPageAsync(page, pageSize, ct));

    /// <summary>One follow-up item with its whole history (across carry-overs), now or as of a moment or version; ETag = version.</summary>
    [WolverineGet("/api/follow-up-items/{followUpItemId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<FollowUpItemDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Item(Guid followUpItemId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null) =>
        PointsInTime.Parse(asOf, version, now, out var point) is { } problem
            ? Results.Problem(problem)
            : await PointsInTime.OkAsync(session, followUpItemId,
                await PointsInTime.ReadAsync(session, followUpItemId, point, () => session.LoadAsync<FollowUpItemDetails>(followUpItemId, ct), i => i.Version, ct, shared: true),
                i => i.Version, point, response, $"No follow-up item {followUpItemId}.", ct);
}
