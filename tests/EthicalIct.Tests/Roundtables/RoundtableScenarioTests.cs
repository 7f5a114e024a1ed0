using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.Roundtables;

/// <summary>EventModel.md, swimlane "Roundtables": one test per Given/When/Then line.</summary>
public class RoundtableScenarioTests
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";
    private const string Shi = "916879067";
    private static readonly Guid RtId = Guid.Parse("0197a000-0000-7000-8000-00000000f001");
    private static readonly Guid ItemId = Guid.Parse("0197a000-0000-7000-8000-00000000f002");
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
    private static readonly Caller OsloCoordinator = new(Oslo, Role.Coordinator, "ola", null);
    private static readonly Caller OsloOfficer = new(Oslo, Role.CaseOfficer, "kari", null);

    private static Roundtable Scheduled(int inDays = 10, string[]? hosts = null) =>
        Roundtable.Create(ScheduleRoundtableDecision.Decide(new ScheduleRoundtable("Forced labour", Today.AddDays(inDays), hosts ?? [Oslo, Dfo], "Oslo"), RtId, OsloCoordinator, Given.Now));

    private static FollowUpItem Item(string? ownerOrg = Dfo, Guid? ownerSupplier = null, int dueInDays = 30, params Action<FollowUpItem>[] then)
    {
        var item = FollowUpItem.Create(new FollowUpAgreed(ItemId, RtId, Today.AddDays(10), [Oslo, Dfo], "Publish list", ownerOrg, ownerSupplier, "owner",
            Today.AddDays(dueInDays), new FollowUpLinks([], [], []), Oslo, "ola", Given.Now));
        item.Version = 1;
        foreach (var a in then)
        {
            a(item);
            item.Version++;
        }

        return item;
    }

    [Fact]
    public void RT1_1_a_coordinator_schedules_a_roundtable_hosted_by_its_own_organisation()
    {
        ScheduleRoundtableDecision.Validate(new ScheduleRoundtable("Forced labour", Today, [Oslo, Dfo], Online: true), OsloCoordinator, Given.Now).ShouldBeEmpty();
        ScheduleRoundtableDecision.Validate(new ScheduleRoundtable(" ", Today.AddDays(-1), [Dfo, "123"]), OsloCoordinator, Given.Now)
            .Select(e => e.Field).ShouldBe(["topic", "date", "place", "hostOrgs[1]", "hostOrgs"]);
        Scheduled().HostOrgs.ShouldBe([Oslo, Dfo]);
    }

    [Fact]
    public void RT1_2_only_coordinators_of_hosting_organisations_manage_and_owners_report()
    {
        RoundtableAccess.Hosts([Oslo, Dfo], OsloCoordinator).ShouldBeTrue();
        RoundtableAccess.Hosts([Oslo, Dfo], OsloOfficer).ShouldBeFalse();
        RoundtableAccess.Hosts([Oslo, Dfo], new Caller(Shi, Role.Coordinator, "x", null)).ShouldBeFalse();
        RoundtableAccess.Owns(Item(Dfo), new Caller(Dfo, Role.CaseOfficer, "x", null)).ShouldBeTrue();
        RoundtableAccess.Owns(Item(Dfo), OsloOfficer).ShouldBeFalse();
        RoundtableAccess.Owns(Item(Dfo), new Caller(Dfo, Role.Auditor, "x", null)).ShouldBeFalse();
        RoundtableAccess.Owns(Item(null, Guid.NewGuid()), OsloOfficer).ShouldBeTrue("a host reports on a supplier's behalf");
        RoundtableAccess.Owns(Item(null, Guid.NewGuid()), new Caller(Shi, Role.CaseOfficer, "x", null)).ShouldBeFalse();
        RoundtableAccess.IsOwnerAction("/api/follow-up-items/x/delivery").ShouldBeTrue();
        RoundtableAccess.IsOwnerAction("/api/follow-up-items/x/review").ShouldBeFalse();
    }

    [Fact]
    public void RT2_1_held_cancelled_and_rescheduled_roundtables_keep_their_history()
    {
        var rt = Scheduled();
        rt.Apply(new RoundtableRescheduled(RtId, rt.Date, rt.Date.AddDays(7), "venue", Oslo, "ola", Given.Now));
        rt.Date.ShouldBe(Today.AddDays(17));
        rt.Apply(new RoundtableHeld(RtId, Today, "minutes", [], Oslo, "ola", Given.Now));
        RoundtableRules.MustBeScheduled(rt)!.Status.ShouldBe(409);
        rt.History.Count.ShouldBe(3);
        RecordRoundtableHeldDecision.Validate(new RecordRoundtableHeld(Today.AddDays(1), ""), new HashSet<string>(), Given.Now).Select(e => e.Field).ShouldBe(["heldOn", "minutes"]);
    }

    [Fact]
    public void RT2_2_participants_are_buyers_registered_suppliers_or_stakeholders()
    {
        RegisterRoundtableParticipantDecision.Validate(new RegisterRoundtableParticipant(ParticipantKind.Organisation, "n", "r", "123"), false).Select(e => e.Field).ShouldBe(["orgNumber"]);
        RegisterRoundtableParticipantDecision.Validate(new RegisterRoundtableParticipant(ParticipantKind.Supplier, "n", "r", SupplierId: Guid.NewGuid()), false).Select(e => e.Field).ShouldBe(["supplierId"]);
        RegisterRoundtableParticipantDecision.Validate(new RegisterRoundtableParticipant(ParticipantKind.Stakeholder, "Electronics Watch", "monitor"), false).ShouldBeEmpty();
    }

    [Fact]
    public void RT3_1_an_item_is_owned_by_one_buyer_or_a_registered_supplier_and_due_no_earlier_than_the_roundtable()
    {
        var rt = Scheduled(10);
        var supplier = Given.Supplier(Given.Registered());
        AgreeFollowUpDecision.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: Dfo), rt, null, new HashSet<Guid>()).ShouldBeEmpty();
        AgreeFollowUpDecision.Validate(new AgreeFollowUp("d", rt.Date.AddDays(-1), OwnerOrg: Dfo), rt, null, new HashSet<Guid>()).Select(e => e.Field).ShouldBe(["dueOn"]);
        AgreeFollowUpDecision.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: "999999999"), rt, null, new HashSet<Guid>()).Select(e => e.Field).ShouldBe(["ownerOrg"]);
        AgreeFollowUpDecision.Validate(new AgreeFollowUp("d", rt.Date, OwnerSupplierId: Guid.NewGuid()), rt, null, new HashSet<Guid>()).Select(e => e.Field).ShouldBe(["ownerSupplierId"]);
        AgreeFollowUpDecision.Validate(new AgreeFollowUp("d", rt.Date), rt, null, new HashSet<Guid>()).Select(e => e.Field).ShouldBe(["ownerOrg"]);
        var linked = new FollowUpLinks([Guid.NewGuid()], [], []);
        AgreeFollowUpDecision.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: Dfo, Links: linked), rt, null, new HashSet<Guid>()).Select(e => e.Field).ShouldBe(["links.supplierIds[0]"]);
        var agreed = AgreeFollowUpDecision.Decide(new AgreeFollowUp("d", rt.Date, OwnerSupplierId: supplier.Id), rt, supplier, ItemId, OsloCoordinator, Given.Now);
        agreed.OwnerName.ShouldBe("Fjordtek AS");
        agreed.HostOrgs.ShouldBe([Oslo, Dfo]);
        Rules.DayAfter(rt.Date).ShouldBe(new DateTimeOffset(rt.Date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [Fact]
    public void RT4_1_a_delivery_needs_evidence_or_an_explicit_no_evidence_reason()
    {
        var sha = new string('b', 64);
        FollowUpDecisions.Validate(new DeliverFollowUp("done"), new HashSet<string>()).Select(e => e.Field).ShouldBe(["evidence"]);
        FollowUpDecisions.Validate(new DeliverFollowUp("done", NoEvidenceReason: "verbal"), new HashSet<string>()).ShouldBeEmpty();
        FollowUpDecisions.Validate(new DeliverFollowUp("done", [new EvidenceRef("list", sha)]), new HashSet<string> { sha }).ShouldBeEmpty();
        FollowUpDecisions.Validate(new DeliverFollowUp("done", [new EvidenceRef("list", sha)]), new HashSet<string>()).Select(e => e.Field).ShouldBe(["evidence[0].sha256"]);
        FollowUpDecisions.Validate(new DeliverFollowUp("done", [new EvidenceRef("list", sha)], "both"), new HashSet<string> { sha }).Select(e => e.Field).ShouldBe(["noEvidenceReason"]);
    }

    [Fact]
    public void RT4_2_the_lifecycle_agreed_in_progress_delivered_accepted_closed_and_rejection_returns_it_to_work()
    {
        var item = Item(then:
        [
            i => i.Apply(new FollowUpProgressNoted(ItemId, "started", Dfo, "per", Given.Now)),
            i => i.Apply(new FollowUpDelivered(ItemId, "done", [], "verbal", Dfo, "per", Given.Now)),
        ]);
        item.Status.ShouldBe(FollowUpStatus.Delivered);
        FollowUpDecisions.CanReport(item)!.Status.ShouldBe(409);
        FollowUpDecisions.MustBeDelivered(item).ShouldBeNull();
        var rejected = FollowUpDecisions.Decide(new ReviewFollowUpDelivery(false, "no evidence"), item, OsloCoordinator, Given.Now).ShouldBeOfType<FollowUpDeliveryRejected>();
        item.Apply(rejected);
        item.Status.ShouldBe(FollowUpStatus.InProgress);
        FollowUpDecisions.MustBeAccepted(item)!.Status.ShouldBe(409);
        item.Apply(new FollowUpDelivered(ItemId, "done", [], "verbal", Dfo, "per", Given.Now));
        item.Apply((FollowUpDeliveryAccepted)FollowUpDecisions.Decide(new ReviewFollowUpDelivery(true, "ok"), item, OsloCoordinator, Given.Now));
        FollowUpDecisions.MustBeAccepted(item).ShouldBeNull();
        item.Apply(new FollowUpClosed(ItemId, "done", Oslo, "ola", Given.Now));
        RoundtableRules.MustBeOpen(item)!.Extensions["itemStatus"].ShouldBe("closed");
        FollowUpDecisions.CanReport(item)!.Status.ShouldBe(409);
    }

    [Fact]
    public void RT5_1_carrying_over_moves_the_item_to_a_later_roundtable_and_keeps_its_history()
    {
        var item = Item(dueInDays: 15, then: [i => i.Apply(new FollowUpProgressNoted(ItemId, "started", Dfo, "per", Given.Now))]);
        var later = Roundtable.Create(new RoundtableScheduled(Guid.NewGuid(), "RT 2", Today.AddDays(40), null, true, [Dfo], Dfo, "per", Given.Now));
        FollowUpDecisions.CheckCarryOver(new CarryOverFollowUp(later.Id, "slipped"), item, later).ShouldBeNull();
        FollowUpDecisions.NewDueOn(new CarryOverFollowUp(later.Id, "slipped"), item, later).ShouldBe(later.Date);
        var e = FollowUpDecisions.Decide(new CarryOverFollowUp(later.Id, "slipped"), item, later, OsloCoordinator, Given.Now);
        item.Apply(e);
        item.RoundtableId.ShouldBe(later.Id);
        item.CarriedFrom.ShouldBe([RtId]);
        item.HostOrgs.ShouldBe([Dfo]);
        item.ProgressNotes.ShouldBe(["started"]);
        item.History.Count.ShouldBe(3);
    }

    [Fact]
    public void RT5_2_a_carry_over_goes_to_a_later_uncancelled_roundtable_with_a_due_date_not_before_it()
    {
        var item = Item(dueInDays: 15);
        var earlier = Roundtable.Create(new RoundtableScheduled(Guid.NewGuid(), "old", Today.AddDays(5), null, true, [Oslo], Oslo, "o", Given.Now));
        ((Dictionary<string, string[]>)FollowUpDecisions.CheckCarryOver(new CarryOverFollowUp(earlier.Id, "r"), item, earlier)!.Extensions["errors"]!).Keys.ShouldBe(["toRoundtableId"]);
        var later = Roundtable.Create(new RoundtableScheduled(Guid.NewGuid(), "new", Today.AddDays(40), null, true, [Oslo], Oslo, "o", Given.Now));
        ((Dictionary<string, string[]>)FollowUpDecisions.CheckCarryOver(new CarryOverFollowUp(later.Id, "r", Today.AddDays(39)), item, later)!.Extensions["errors"]!).Keys.ShouldBe(["newDueOn"]);
        later.Apply(new RoundtableCancelled(later.Id, "x", Oslo, "o", Given.Now));
        FollowUpDecisions.CheckCarryOver(new CarryOverFollowUp(later.Id, "r"), item, later)!.Status.ShouldBe(400);
        FollowUpDecisions.CheckCarryOver(new CarryOverFollowUp(later.Id, "r"), item, null)!.Status.ShouldBe(400);
    }

    [Fact]
    public void RT6_1_the_overdue_rule_at_its_edges()
    {
        var due = Today.AddDays(30);
        var check = new CheckFollowUpOverdue(ItemId, due);
        FollowUpOverdueRule.Decide(check, Item(), Given.Now).Single().ShouldBeOfType<FollowUpBecameOverdue>();
        FollowUpOverdueRule.Decide(check, Item(then: [i => i.Apply(new FollowUpDelivered(ItemId, "d", [], "r", Dfo, "p", Given.Now))]), Given.Now).Count.ShouldBe(1, "delivered but not accepted is still overdue");
        FollowUpOverdueRule.Decide(check, Item(then: [i => i.Apply(new FollowUpDeliveryAccepted(ItemId, "ok", Oslo, "o", "coordinator", Given.Now))]), Given.Now).ShouldBeEmpty();
        FollowUpOverdueRule.Decide(check, Item(then: [i => i.Apply(new FollowUpBecameOverdue(ItemId, due, Given.Now))]), Given.Now).ShouldBeEmpty();
        FollowUpOverdueRule.Decide(check with { DueOn = due.AddDays(-1) }, Item(), Given.Now).ShouldBeEmpty();
    }

    [Fact]
    public void RT7_1_the_board_entry_follows_the_item()
    {
        var agreed = new FollowUpAgreed(ItemId, RtId, Today, [Oslo], "d", null, Given.SupplierId, "Fjordtek AS", Today.AddDays(5), new FollowUpLinks([], [], []), Oslo, "o", Given.Now);
        var board = FollowUpBoardProjection.Create(agreed);
        FollowUpBoardProjection.Apply(new FollowUpBecameOverdue(ItemId, Today.AddDays(5), Given.Now), board);
        board.Overdue.ShouldBeTrue();
        FollowUpBoardProjection.Apply(new FollowUpCarriedOver(ItemId, RtId, Guid.NewGuid(), Today.AddDays(40), [Oslo], Today.AddDays(5), Today.AddDays(40), "r", Oslo, "o", Given.Now.AddDays(1)), board);
        board.Overdue.ShouldBeFalse();
        board.CarryOvers.ShouldBe(1);
        board.LastChangedAt.ShouldBe(Given.Now.AddDays(1));
    }
}
