using EthicalIct.Api.Identity;
using EthicalIct.Api.Partners;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SupplierDialogues;
using JasperFx.Events;
using Shouldly;

namespace EthicalIct.Tests.Partners;

/// <summary>EventModel.md, "Partner channels", reminders: which events set, move, close and miss whose deadline (pure).</summary>
public class ReminderRulesTests
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";
    private static readonly Guid Dialogue = Guid.Parse("0197a000-0000-7000-8000-00000000e001");
    private static readonly Guid Item = Guid.Parse("0197a000-0000-7000-8000-00000000e002");
    private static readonly Actor OsloCoordinator = new(Oslo, "kari@oslo", "Kari", "coordinator");
    private readonly Dictionary<Guid, ReminderView> _reminders = [];
    private long _sequence;

    private List<ReminderNotice> Fold(object data, Guid stream)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.Sequence = ++_sequence;
        e.StreamId = stream;
        return [.. ReminderRules.Fold(e, id => _reminders.GetValueOrDefault(id), c => _reminders.Values.Where(r => r.CaseId == c), r => _reminders[r.Id] = r)];
    }

    [Fact]
    public void REM1_a_follow_up_item_is_its_owners_deadline_moved_by_a_carry_over_and_missed_when_overdue()
    {
        var due = new DateOnly(2026, 12, 10);
        var notices = Fold(new FollowUpAgreed(Item, Guid.NewGuid(), due, [Oslo], "Share the audit schedule", Dfo, null, "DFØ", due, new([], [], []), OsloCoordinator, Given.Now), Item);
        var reminder = notices.ShouldHaveSingleItem().Reminder;
        (reminder.Org, reminder.Kind, reminder.DueAt, notices[0].Missed).ShouldBe((Dfo, DeadlineKind.FollowUpItem, new DateTimeOffset(2026, 12, 11, 0, 0, 0, TimeSpan.Zero), false));
        ReminderRules.ApproachingAt(reminder, Given.Now).ShouldBe(new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero));

        Fold(new FollowUpCarriedOver(Item, Guid.NewGuid(), Guid.NewGuid(), due.AddDays(30), [Oslo], due, due.AddDays(30), "next roundtable", OsloCoordinator, Given.Now), Item)
            .ShouldHaveSingleItem().Reminder.DueAt.ShouldBe(new DateTimeOffset(2027, 1, 10, 0, 0, 0, TimeSpan.Zero));
        var missed = Fold(new FollowUpBecameOverdue(Item, due.AddDays(30), Actor.System, Given.Now), Item).ShouldHaveSingleItem();
        (missed.Missed, missed.Reminder.Status).ShouldBe((true, ReminderStatus.Missed));
        Fold(new FollowUpBecameOverdue(Item, due.AddDays(30), Actor.System, Given.Now), Item).ShouldBeEmpty("missed once");
    }

    [Fact]
    public void REM2_a_supplier_owned_item_is_the_hosts_deadline_and_an_accepted_delivery_closes_it()
    {
        var due = new DateOnly(2026, 12, 10);
        Fold(new FollowUpAgreed(Item, Guid.NewGuid(), due, [Oslo, Dfo], "Publish the smelter list", null, Guid.NewGuid(), "Fjordtek AS", due, new([], [], []), OsloCoordinator, Given.Now), Item)
            .Select(n => n.Reminder.Org).ShouldBe([Oslo, Dfo]);
        Fold(new FollowUpDeliveryAccepted(Item, "delivered", OsloCoordinator, Given.Now), Item).ShouldBeEmpty();
        _reminders.Values.ShouldAllBe(r => r.Status == ReminderStatus.Done);
    }

    [Fact]
    public void REM3_a_plans_actions_are_the_recorders_deadlines_a_rejected_plan_voids_them_and_an_extension_or_completion_moves_or_closes_one()
    {
        Guid a1 = Guid.NewGuid(), a2 = Guid.NewGuid(), cap = Guid.NewGuid(), finding = Guid.NewGuid();
        var due = new DateOnly(2026, 12, 20);
        Fold(new CapSubmitted(Dialogue, finding, cap, [new CapAction(a1, "Pay overtime", "supplier", due), new CapAction(a2, "Train managers", "supplier", due)], OsloCoordinator, Given.Now),
            Dialogue).Count.ShouldBe(2);
        Fold(new CapActionDeadlineExtended(Dialogue, finding, a1, due, due.AddDays(14), "payroll cycle", OsloCoordinator, Given.Now), Dialogue).ShouldHaveSingleItem()
            .Reminder.DueAt.ShouldBe(new DateTimeOffset(2027, 1, 4, 0, 0, 0, TimeSpan.Zero));
        Fold(new CapActionProgressReported(Dialogue, finding, a2, "done", true, OsloCoordinator, Given.Now), Dialogue).ShouldBeEmpty();
        Fold(new CapRejected(Dialogue, finding, cap, "not enough", OsloCoordinator, Given.Now), Dialogue).ShouldBeEmpty();
        _reminders.Values.ShouldAllBe(r => r.Status == ReminderStatus.Done && r.Org == Oslo);
    }

    [Fact]
    public void REM4_consent_is_the_invited_organisations_deadline_answered_or_expired()
    {
        var expires = Given.Now.AddDays(14);
        Fold(new ParticipationProposed(Dialogue, Dfo, expires, OsloCoordinator, Given.Now), Dialogue).ShouldHaveSingleItem().Reminder.Org.ShouldBe(Dfo);
        Fold(new ParticipationProposalExpired(Dialogue, Dfo, Actor.System, expires), Dialogue).ShouldHaveSingleItem().Missed.ShouldBeTrue();
        Fold(new ParticipationProposed(Dialogue, Dfo, expires.AddDays(30), OsloCoordinator, Given.Now), Dialogue).ShouldHaveSingleItem().Reminder.Status.ShouldBe(ReminderStatus.Open);
        Fold(new OrganisationJoinedDialogue(Dialogue, Dfo, new Actor(Dfo, "ola@dfo", "Ola", "coordinator"), Given.Now), Dialogue).ShouldBeEmpty();
        _reminders.Values.Single().Status.ShouldBe(ReminderStatus.Done);
    }

    [Fact]
    public void REM5_a_reminder_stands_overdue_due_soon_or_upcoming_by_the_moment_asked()
    {
        var reminder = new ReminderView { DueAt = Given.Now.AddDays(5), Status = ReminderStatus.Open };
        (ReminderRules.State(reminder, Given.Now), ReminderRules.State(reminder, Given.Now.AddDays(-10)), ReminderRules.State(reminder, Given.Now.AddDays(6)))
            .ShouldBe(("due-soon", "upcoming", "overdue"));
        ReminderRules.State(new ReminderView { Status = ReminderStatus.Missed }, Given.Now).ShouldBe("missed");
    }
}
