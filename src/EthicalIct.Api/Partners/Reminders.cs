using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SupplierDialogues;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten.Subscriptions;

namespace EthicalIct.Api.Partners;

public enum DeadlineKind
{
    [JsonStringEnumMemberName("questionnaire")] Questionnaire,
    [JsonStringEnumMemberName("cap-action")] CapAction,
    [JsonStringEnumMemberName("follow-up-item")] FollowUpItem,
    [JsonStringEnumMemberName("consent")] Consent,
}

public enum ReminderStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("missed")] Missed,
    [JsonStringEnumMemberName("done")] Done,
}

/// <summary>A deadline of the organisation's comes due within the reminder window (default 3 days): sent to it alone, through the partner channels.</summary>
public sealed record DeadlineNeared(Guid ReminderId, DeadlineKind Kind, Guid CaseId, Guid ItemId, string Title, DateTimeOffset DueAt, Actor By, DateTimeOffset At);

/// <summary>A deadline of the organisation's passed without what it waited for (the overdue or expiry event of the case).</summary>
public sealed record DeadlineMissed(Guid ReminderId, DeadlineKind Kind, Guid CaseId, Guid ItemId, string Title, DateTimeOffset DueAt, Actor By, DateTimeOffset At);

/// <summary>The reminder stream's aggregate (one stream per reminder, in the responsible organisation's tenant).</summary>
public sealed class ReminderStream
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public static ReminderStream Create(DeadlineNeared e) => new() { Id = e.ReminderId };

    public static ReminderStream Create(DeadlineMissed e) => new() { Id = e.ReminderId };
}

/// <summary>One deadline an organisation is responsible for (single-tenanted; each reads only its own).</summary>
public sealed class ReminderView
{
    public Guid Id { get; set; }

    public string Org { get; set; } = "";

    public DeadlineKind Kind { get; set; }

    public Guid CaseId { get; set; }

    public Guid ItemId { get; set; }

    /// <summary>The plan an action belongs to (a rejected plan's actions are void).</summary>
    public Guid? GroupId { get; set; }

    public string Title { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }

    public ReminderStatus Status { get; set; }

    public long LastSequence { get; set; }
}

/// <summary>What a reminder needs done: a "due soon" event at the window's start, a "missed" event now.</summary>
public sealed record ReminderNotice(ReminderView Reminder, bool Missed);

/// <summary>The reminders' pure rules: which events set, move, close or miss which organisation's deadline.</summary>
public static class ReminderRules
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);

    public static readonly Type[] EventTypes =
    [
        typeof(QuestionnaireSent), typeof(QuestionnaireResponseReceived), typeof(QuestionnaireBecameOverdue),
        typeof(CapSubmitted), typeof(CapRejected), typeof(CapActionDeadlineExtended), typeof(CapActionProgressReported), typeof(CapActionBecameOverdue),
        typeof(FollowUpAgreed), typeof(FollowUpCarriedOver), typeof(FollowUpDeliveryAccepted), typeof(FollowUpClosed), typeof(FollowUpBecameOverdue),
        typeof(ParticipationProposed), typeof(OrganisationJoinedDialogue), typeof(ParticipationDeclined), typeof(ParticipationProposalExpired),
        typeof(CoHostProposed), typeof(CoHostAccepted), typeof(CoHostDeclined), typeof(CoHostProposalExpired),
        typeof(EscalationProposed), typeof(EscalationCosigned), typeof(EscalationDeclined), typeof(EscalationProposalExpired),
    ];

    /// <summary>The reminder of one organisation for one item of a case (deterministic: a rebuild finds the same).</summary>
    public static Guid IdOf(string org, Guid caseId, Guid itemId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"ethicalict-reminder:{org}:{caseId}:{itemId}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static DateTimeOffset EndOf(DateOnly day) => Rules.DayAfter(day);

    /// <summary>
    /// Folds one event into the reminders (loaded by the caller: <paramref name="find"/> by id, <paramref name="inCase"/>
    /// by case); answers the notices it makes due: a reminder set or moved (its "due soon" is scheduled) and a deadline missed.
    /// </summary>
    public static IEnumerable<ReminderNotice> Fold(IEvent e, Func<Guid, ReminderView?> find, Func<Guid, IEnumerable<ReminderView>> inCase, Action<ReminderView> store)
    {
        ReminderView Set(string org, DeadlineKind kind, Guid caseId, Guid itemId, string title, DateTimeOffset due, Guid? group = null)
        {
            var reminder = find(IdOf(org, caseId, itemId)) ?? new ReminderView { Id = IdOf(org, caseId, itemId), Org = org, Kind = kind, CaseId = caseId, ItemId = itemId };
            (reminder.Title, reminder.DueAt, reminder.GroupId, reminder.Status, reminder.LastSequence) = (title, due, group ?? reminder.GroupId, ReminderStatus.Open, e.Sequence);
            store(reminder);
            return reminder;
        }

        IEnumerable<ReminderView> Items(Guid caseId, Guid itemId) => inCase(caseId).Where(r => r.ItemId == itemId && r.Status == ReminderStatus.Open);

        IEnumerable<ReminderNotice> Close(IEnumerable<ReminderView> reminders, bool missed)
        {
            foreach (var r in reminders.ToList())
            {
                (r.Status, r.LastSequence) = (missed ? ReminderStatus.Missed : ReminderStatus.Done, e.Sequence);
                store(r);
                if (missed)
                {
                    yield return new ReminderNotice(r, Missed: true);
                }
            }
        }

        switch (e.Data)
        {
            case QuestionnaireSent q:
                return [new(Set(q.By.Org, DeadlineKind.Questionnaire, q.DialogueId, q.QuestionnaireId, "The supplier's answer to a questionnaire", EndOf(q.DueOn)), false)];
            case QuestionnaireResponseReceived q:
                return Close(Items(q.DialogueId, q.QuestionnaireId), false).ToList();
            case QuestionnaireBecameOverdue q:
                return Close(Items(q.DialogueId, q.QuestionnaireId), true).ToList();
            case CapSubmitted c:
                return [.. c.Actions.Select(a => new ReminderNotice(
                    Set(c.By.Org, DeadlineKind.CapAction, c.DialogueId, a.ActionId, $"Corrective action: {a.Description}", EndOf(a.DueOn), c.CapId), false))];
            case CapRejected c:
                return Close(inCase(c.DialogueId).Where(r => r.GroupId == c.CapId && r.Status == ReminderStatus.Open), false).ToList();
            case CapActionDeadlineExtended c:
                return [.. Items(c.DialogueId, c.ActionId).ToList().Select(r => new ReminderNotice(Set(r.Org, r.Kind, r.CaseId, r.ItemId, r.Title, EndOf(c.NewDueOn)), false))];
            case CapActionProgressReported { Completed: true } c:
                return Close(Items(c.DialogueId, c.ActionId), false).ToList();
            case CapActionBecameOverdue c:
                return Close(Items(c.DialogueId, c.ActionId), true).ToList();
            case FollowUpAgreed f:
                return [.. (f.OwnerOrg is { } owner ? [owner] : f.HostOrgs).Select(org =>
                    new ReminderNotice(Set(org, DeadlineKind.FollowUpItem, f.FollowUpItemId, f.FollowUpItemId, $"Follow-up item: {f.Description}", EndOf(f.DueOn)), false))];
            case FollowUpCarriedOver f:
                return [.. Items(f.FollowUpItemId, f.FollowUpItemId).ToList().Select(r => new ReminderNotice(Set(r.Org, r.Kind, r.CaseId, r.ItemId, r.Title, EndOf(f.NewDueOn)), false))];
            case FollowUpDeliveryAccepted f:
                return Close(Items(f.FollowUpItemId, f.FollowUpItemId), false).ToList();
            case FollowUpClosed f:
                return Close(Items(f.FollowUpItemId, f.FollowUpItemId), false).ToList();
            case FollowUpBecameOverdue f:
                return Close(Items(f.FollowUpItemId, f.FollowUpItemId), true).ToList();
            case ParticipationProposed p:
                return [new(Set(p.Org, DeadlineKind.Consent, p.DialogueId, ConsentItem(p.Org), "An invitation to take part in a supplier dialogue", p.ExpiresAt), false)];
            case OrganisationJoinedDialogue p:
                return Close(Items(p.DialogueId, ConsentItem(p.Org)), false).ToList();
            case ParticipationDeclined p:
                return Close(Items(p.DialogueId, ConsentItem(p.Org)), false).ToList();
            case ParticipationProposalExpired p:
                return Close(Items(p.DialogueId, ConsentItem(p.Org)), true).ToList();
            case CoHostProposed c:
                return [new(Set(c.Org, DeadlineKind.Consent, c.RoundtableId, ConsentItem(c.Org), "A request to co-host a roundtable", c.ExpiresAt), false)];
            case CoHostAccepted c:
                return Close(Items(c.RoundtableId, ConsentItem(c.Org)), false).ToList();
            case CoHostDeclined c:
                return Close(Items(c.RoundtableId, ConsentItem(c.Org)), false).ToList();
            case CoHostProposalExpired c:
                return Close(Items(c.RoundtableId, ConsentItem(c.Org)), true).ToList();
            case EscalationProposed p:
                return [.. p.OnBehalfOf.Where(o => o != p.By.Org).Select(org =>
                    new ReminderNotice(Set(org, DeadlineKind.Consent, p.DialogueId, p.EscalationId, $"A joint escalation step to cosign: {p.Step}", p.ExpiresAt), false))];
            case EscalationCosigned c:
                return Close(inCase(c.DialogueId).Where(r => r.ItemId == c.EscalationId && r.Org == c.Org && r.Status == ReminderStatus.Open), false).ToList();
            case EscalationDeclined c:
                return Close(inCase(c.DialogueId).Where(r => r.ItemId == c.EscalationId && r.Org == c.Org && r.Status == ReminderStatus.Open), false).ToList();
            case EscalationProposalExpired x:
                return Close(Items(x.DialogueId, x.EscalationId), true).ToList();
            default:
                return [];
        }
    }

    /// <summary>A consent request's item id: one per invited organisation in a case.</summary>
    public static Guid ConsentItem(string org) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"consent:{org}")).AsSpan(0, 16));

    /// <summary>When the "due soon" event is sent: the window before the deadline, or at once when that has begun.</summary>
    public static DateTimeOffset ApproachingAt(ReminderView reminder, DateTimeOffset now) => reminder.DueAt - Window > now ? reminder.DueAt - Window : now;

    /// <summary>How a reminder stands at a moment: overdue, due soon (within 7 days) or upcoming; done and missed as recorded.</summary>
    public static string State(ReminderView reminder, DateTimeOffset now) => reminder.Status switch
    {
        ReminderStatus.Done => "done",
        ReminderStatus.Missed => "missed",
        _ when reminder.DueAt <= now => "overdue",
        _ when reminder.DueAt - now <= TimeSpan.FromDays(7) => "due-soon",
        _ => "upcoming",
    };
}

/// <summary>A page of the deadline events for the reminders' handler.</summary>
public sealed record ReminderPage(long Floor, IReadOnlyList<IEvent> Events)
{
    public bool FromScratch => Floor == 0;
}

/// <summary>Send the "due soon" event of a reminder if its deadline still stands (scheduled for the window's start).</summary>
public sealed record RemindDeadline(Guid ReminderId, DateTimeOffset DueAt);

/// <summary>The Marten subscription over every organisation's deadline events, feeding <see cref="ReminderHandler"/>.</summary>
public sealed class ReminderSubscription : BatchSubscription
{
    public const string Name = "reminders";

    public const string Tenant = "reminders";

    public ReminderSubscription()
        : base(Name)
    {
        foreach (var type in ReminderRules.EventTypes)
        {
            IncludeType(type);
        }

        Options.BatchSize = 500;
    }

    public override Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken) =>
        bus.InvokeForTenantAsync(Tenant, new ReminderPage(page.SequenceFloor, page.Events), cancellationToken);
}

/// <summary>
/// Folds a page into the reminders (one transaction, like the shared view's handler), stores each reminder's "due
/// soon" check (sent when the service's clock reaches it, docs/adr/0023) and appends each missed deadline's event to the responsible organisation's reminder stream,
/// once: a page seen again (or a rebuild) finds the event already there.
/// </summary>
public static class ReminderHandler
{
    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug, FailureLogLevel = LogLevel.None)]
    public static async Task Handle(ReminderPage page, IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        if (page.FromScratch)
        {
            session.DeleteWhere<ReminderView>(_ => true);
        }

        var cases = page.Events.Select(e => e.StreamId).Distinct().ToArray();
        var known = page.FromScratch ? [] : (await session.Query<ReminderView>().Where(r => cases.Contains(r.CaseId)).ToListAsync(ct)).ToDictionary(r => r.Id);
        var changed = new Dictionary<Guid, ReminderView>();
        var notices = new List<ReminderNotice>();
        foreach (var e in page.Events)
        {
            notices.AddRange(ReminderRules.Fold(e, id => known.GetValueOrDefault(id), c => known.Values.Where(r => r.CaseId == c),
                r => known[r.Id] = changed[r.Id] = r));
        }

        if (changed.Count > 0)
        {
            session.Store(changed.Values.ToArray());
        }

        foreach (var notice in notices)
        {
            if (notice.Missed)
            {
                await ReminderEvents.AppendOnceAsync(session.DocumentStore, notice.Reminder, missed: true, now, ct);
            }
            else if (notice.Reminder.DueAt > now)
            {
                session.Store(Deadlines.Check(new RemindDeadline(notice.Reminder.Id, notice.Reminder.DueAt), ReminderRules.ApproachingAt(notice.Reminder, now)));
            }
        }
    }

    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug)]
    public static async Task Handle(RemindDeadline message, IDocumentStore store, DateTimeOffset now, CancellationToken ct)
    {
        await using var query = store.QuerySession(ReminderSubscription.Tenant);
        var reminder = await query.LoadAsync<ReminderView>(message.ReminderId, ct);
        if (reminder is { Status: ReminderStatus.Open } && reminder.DueAt == message.DueAt && reminder.DueAt > now)
        {
            await ReminderEvents.AppendOnceAsync(store, reminder, missed: false, now, ct);
        }
    }
}

/// <summary>The reminder events, appended to the responsible organisation's own stream at most once each per deadline.</summary>
public static class ReminderEvents
{
    public static async Task AppendOnceAsync(IDocumentStore store, ReminderView reminder, bool missed, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(reminder.Org);
        var existing = await session.Events.FetchStreamAsync(reminder.Id, token: ct);
        if (existing.Any(e => missed ? e.Data is DeadlineMissed m && m.DueAt == reminder.DueAt : e.Data is DeadlineNeared a && a.DueAt == reminder.DueAt))
        {
            return;
        }

        object @event = missed
            ? new DeadlineMissed(reminder.Id, reminder.Kind, reminder.CaseId, reminder.ItemId, reminder.Title, reminder.DueAt, Actor.System, now)
            : new DeadlineNeared(reminder.Id, reminder.Kind, reminder.CaseId, reminder.ItemId, reminder.Title, reminder.DueAt, Actor.System, now);
        if (existing.Count == 0)
        {
            session.Events.StartStream<ReminderStream>(reminder.Id, @event);
        }
        else
        {
            session.Events.Append(reminder.Id, existing.Count + 1, @event);
        }

        await session.SaveChangesAsync(ct);
    }
}

/// <summary>One of my organisation's deadlines and how it stands now.</summary>
public sealed record ReminderLine(Guid ReminderId, DeadlineKind Kind, Guid CaseId, Guid ItemId, string Title, DateTimeOffset DueAt, string State);

public static class ReminderQueries
{
    /// <summary>
    /// My organisation's deadlines — questionnaire answers it waits for, corrective actions it follows up, follow-up
    /// items it owns (or hosts, for a supplier's), consent it was asked for — soonest first; <c>all=true</c> adds the
    /// done and missed ones.
    /// </summary>
    [WolverineGet("/api/reminders"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<IReadOnlyList<ReminderLine>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<ReminderLine>> Get(IDocumentStore store, Caller caller, DateTimeOffset now, CancellationToken ct, bool all = false)
    {
        await using var session = store.QuerySession(ReminderSubscription.Tenant);
        var query = session.Query<ReminderView>().Where(r => r.Org == caller.OrgNumber);
        if (!all)
        {
            query = query.Where(r => r.Status == ReminderStatus.Open);
        }

        var reminders = await query.OrderBy(r => r.DueAt).Take(1000).ToListAsync(ct);
        return [.. reminders.Select(r => new ReminderLine(r.Id, r.Kind, r.CaseId, r.ItemId, r.Title, r.DueAt, ReminderRules.State(r, now)))];
    }
}
