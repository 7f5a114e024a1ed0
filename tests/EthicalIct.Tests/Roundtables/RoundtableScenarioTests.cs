using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Roundtables;
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
    private static readonly Caller OsloCoordinator = new(Oslo, Role.Coordinator, "ola", "Ola");
    private static readonly Caller OsloOfficer = new(Oslo, Role.CaseOfficer, "kari", "Kari");
    private static readonly Caller DfoOfficer = new(Dfo, Role.CaseOfficer, "per", "Per");
    private static readonly UploadedFiles None = new(new HashSet<string>());

    private static (RoundtableScheduled Scheduled, IReadOnlyList<CoHostProposed> Proposals) Decided(int inDays = 10, string[]? hosts = null) =>
        ScheduleRoundtableEndpoint.Decide(new ScheduleRoundtable("Forced labour", Today.AddDays(inDays), hosts ?? [Oslo, Dfo], "Oslo"), RtId, OsloCoordinator, Given.Now);

    private static RoundtableScheduled ScheduledEvent(int inDays = 10, string[]? hosts = null) => Decided(inDays, hosts).Scheduled;

    /// <summary>The roundtable after scheduling, with every named co-host having accepted.</summary>
    private static Roundtable Scheduled(int inDays = 10, string[]? hosts = null)
    {
        var (scheduled, proposals) = Decided(inDays, hosts);
        var rt = Roundtable.Create(scheduled);
        rt.Version = 1;
        foreach (var p in proposals)
        {
            rt.Apply(p);
            rt.Apply(AcceptCoHostingEndpoint.Decide(new AcceptCoHosting(), rt, new Caller(p.Org, Role.Coordinator, "co-host", null), Given.Now));
            rt.Version += 2;
        }

        return rt;
    }

    /// <summary>The roundtable's view after scheduling, with every named co-host having accepted.</summary>
    private static RoundtableDetails ScheduledView(int inDays = 10)
    {
        var (scheduled, proposals) = Decided(inDays);
        var view = RoundtableDetails.Create(scheduled);
        foreach (var p in proposals)
        {
            view.Apply(p);
            view.Apply(new CoHostAccepted(RtId, p.Org, new Caller(p.Org, Role.Coordinator, "co-host", null).Actor, Given.Now));
        }

        return view;
    }

    private static FollowUpAgreed Agreed(string? ownerOrg = Dfo, Guid? ownerSupplier = null, int dueInDays = 30) =>
        new(ItemId, RtId, Today.AddDays(10), [Oslo, Dfo], "Publish list", ownerOrg, ownerSupplier, "owner", Today.AddDays(dueInDays), new FollowUpLinks([], [], []),
            OsloCoordinator.Actor, Given.Now);

    /// <summary>The item's write model and view after the given events.</summary>
    private static (FollowUpItem Item, FollowUpItemDetails View) Item(FollowUpAgreed? agreed = null, params object[] then)
    {
        agreed ??= Agreed();
        var item = FollowUpItem.Create(agreed);
        var view = FollowUpItemDetails.Create(agreed);
        item.Version = 1;
        foreach (var e in then)
        {
            typeof(FollowUpItem).GetMethod("Apply", [e.GetType()])!.Invoke(item, [e]);
            typeof(FollowUpItemDetails).GetMethod("Apply", [e.GetType()])!.Invoke(view, [e]);
            item.Version++;
        }

        return (item, view);
    }

    [Fact]
    public void RT1_1_a_coordinator_schedules_a_roundtable_hosted_by_its_own_organisation()
    {
        ScheduleRoundtableEndpoint.Validate(new ScheduleRoundtable("Forced labour", Today, [Oslo, Dfo], Online: true), OsloCoordinator, Given.Parties, Given.Now).ShouldPass();
        ScheduleRoundtableEndpoint.Validate(new ScheduleRoundtable(" ", Today.AddDays(-1), [Dfo, "123"]), OsloCoordinator, Given.Parties, Given.Now).ShouldFail(400).Fields()
            .ShouldBe(["topic", "date", "place", "hostOrgs[1]", "hostOrgs"]);
        Scheduled().HostOrgs.ShouldBe([Oslo, Dfo]);
    }

    [Fact]
    public void RT1_3_a_named_co_host_hosts_only_when_its_coordinator_accepts()
    {
        var (scheduled, proposals) = Decided(10, [Oslo, Dfo]);
        scheduled.HostOrgs.ShouldBe([Oslo], "the scheduling organisation hosts; the others are asked");
        proposals.ShouldHaveSingleItem().Org.ShouldBe(Dfo);
        var rt = Roundtable.Create(scheduled);
        rt.Apply(proposals[0]);
        var dfo = new Caller(Dfo, Role.Coordinator, "per", "Per");
        SetRoundtableAgendaEndpoint.Validate(new SetRoundtableAgenda(["a"]), rt, dfo).ShouldFail(403);
        AcceptCoHostingEndpoint.Validate(new AcceptCoHosting(), rt, OsloCoordinator, Given.Now).ShouldFail(403);
        AcceptCoHostingEndpoint.Validate(new AcceptCoHosting(), rt, new Caller(Shi, Role.Coordinator, "x", null), Given.Now).ShouldFail(403);
        AcceptCoHostingEndpoint.Validate(new AcceptCoHosting(), rt, dfo, proposals[0].ExpiresAt).ShouldFail(403);
        AcceptCoHostingEndpoint.Validate(new AcceptCoHosting(), rt, dfo, Given.Now).ShouldPass();
        var accepted = AcceptCoHostingEndpoint.Decide(new AcceptCoHosting(), rt, dfo, Given.Now);
        accepted.By.Org.ShouldBe(Dfo);
        rt.Apply(accepted);
        rt.HostOrgs.ShouldBe([Oslo, Dfo]);
        SetRoundtableAgendaEndpoint.Validate(new SetRoundtableAgenda(["a"]), rt, dfo).ShouldPass();
    }

    [Fact]
    public void RT1_4_a_declined_or_expired_co_host_request_leaves_the_hosts_as_they_were()
    {
        var (scheduled, proposals) = Decided(30, [Oslo, Dfo]);
        proposals[0].ExpiresAt.ShouldBe(Given.Now + Consent.AnswerWithin, "14 days, when the roundtable is later");
        Decided(3, [Oslo, Dfo]).Proposals[0].ExpiresAt.ShouldBe(new DateTimeOffset(Today.AddDays(3).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), "no later than its day");
        var rt = Roundtable.Create(scheduled);
        rt.Apply(proposals[0]);
        var dfo = new Caller(Dfo, Role.Coordinator, "per", "Per");
        DeclineCoHostingEndpoint.Validate(new DeclineCoHosting(""), rt, dfo, Given.Now).ShouldFail(400).Fields().ShouldBe(["reason"]);
        var check = new ExpireCoHostProposal(RtId, Dfo, proposals[0].ExpiresAt);
        ExpireCoHostProposalHandler.Decide(check, rt, Given.Now).ShouldBeEmpty();
        ExpireCoHostProposalHandler.Decide(check, rt, proposals[0].ExpiresAt).ShouldHaveSingleItem().ShouldBeOfType<CoHostProposalExpired>();
        rt.Apply(DeclineCoHostingEndpoint.Decide(new DeclineCoHosting("no capacity"), rt, dfo, Given.Now));
        rt.HostOrgs.ShouldBe([Oslo]);
        ExpireCoHostProposalHandler.Decide(check, rt, proposals[0].ExpiresAt).ShouldBeEmpty("answered already");
    }

    [Fact]
    public void RT1_2_only_coordinators_of_hosting_organisations_manage_and_owners_report()
    {
        var rt = Scheduled();
        SetRoundtableAgendaEndpoint.Validate(new SetRoundtableAgenda(["a"]), rt, OsloCoordinator).ShouldPass();
        SetRoundtableAgendaEndpoint.Validate(new SetRoundtableAgenda(["a"]), rt, OsloOfficer).ShouldFail(403);
        SetRoundtableAgendaEndpoint.Validate(new SetRoundtableAgenda(["a"]), rt, new Caller(Shi, Role.Coordinator, "x", null)).ShouldFail(403);

        var (dfoOwned, _) = Item(Agreed(Dfo));
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("n"), dfoOwned, DfoOfficer).ShouldPass();
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("n"), dfoOwned, OsloOfficer).ShouldFail(403);
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("n"), dfoOwned, new Caller(Dfo, Role.Auditor, "x", null)).ShouldFail(403);
        DeliverFollowUpEndpoint.Validate(new DeliverFollowUp("d", NoEvidenceReason: "r"), dfoOwned, None, OsloOfficer).ShouldFail(403);
        ReviewFollowUpDeliveryEndpoint.Validate(new ReviewFollowUpDelivery(true, "ok"), dfoOwned, DfoOfficer).ShouldFail(403); // a case officer of a host does not decide

        var (supplierOwned, _) = Item(Agreed(null, Guid.NewGuid()));
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("n"), supplierOwned, OsloOfficer).ShouldPass(); // a host reports on a supplier's behalf
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("n"), supplierOwned, new Caller(Shi, Role.CaseOfficer, "x", null)).ShouldFail(403);
    }

    [Fact]
    public void RT2_1_held_cancelled_and_rescheduled_roundtables_keep_their_history()
    {
        var rt = Scheduled();
        var view = RoundtableDetails.Create(ScheduledEvent());
        var rescheduled = RescheduleRoundtableEndpoint.Decide(new RescheduleRoundtable(rt.Date.AddDays(7), "venue"), rt, OsloCoordinator, Given.Now);
        rt.Apply(rescheduled);
        view.Apply(rescheduled);
        rt.Date.ShouldBe(Today.AddDays(17));
        var held = new RoundtableHeld(RtId, Today, "minutes", [], OsloCoordinator.Actor, Given.Now);
        rt.Apply(held);
        view.Apply(held);
        SetRoundtableAgendaEndpoint.Validate(new SetRoundtableAgenda(["a"]), rt, OsloCoordinator).ShouldFail(409);
        view.History.Count.ShouldBe(3);
        view.History.All(h => h.By == OsloCoordinator.Actor).ShouldBeTrue();
        RecordRoundtableHeldEndpoint.Validate(new RecordRoundtableHeld(Today.AddDays(1), ""), Scheduled(), None, OsloCoordinator, Given.Now).ShouldFail(400).Fields()
            .ShouldBe(["heldOn", "minutes"]);
    }

    [Fact]
    public void RT2_2_participants_are_buyers_registered_suppliers_or_stakeholders()
    {
        var rt = Scheduled();
        RegisterRoundtableParticipantEndpoint.Validate(new RegisterRoundtableParticipant(ParticipantKind.Organisation, "n", "r", "123"), rt, null, OsloCoordinator, Given.Parties).ShouldFail(400).Fields()
            .ShouldBe(["orgNumber"]);
        RegisterRoundtableParticipantEndpoint.Validate(new RegisterRoundtableParticipant(ParticipantKind.Supplier, "n", "r", SupplierId: Guid.NewGuid()), rt, null, OsloCoordinator, Given.Parties)
            .ShouldFail(400).Fields().ShouldBe(["supplierId"]);
        RegisterRoundtableParticipantEndpoint.Validate(new RegisterRoundtableParticipant(ParticipantKind.Stakeholder, "Electronics Watch", "monitor"), rt, null, OsloCoordinator, Given.Parties).ShouldPass();
    }

    [Fact]
    public void RT3_1_an_item_is_owned_by_one_buyer_or_a_registered_supplier_and_due_no_earlier_than_the_roundtable()
    {
        var rt = Scheduled(10);
        var view = ScheduledView(10);
        var supplier = Given.SupplierView(Given.Registered());
        AgreeFollowUpContext Context(EthicalIct.Api.Suppliers.SupplierDetails? owner = null) => new(view, owner, new HashSet<Guid>());
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: Dfo), Context(), RtId, OsloCoordinator, Given.Parties).ShouldPass();
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date.AddDays(-1), OwnerOrg: Dfo), Context(), RtId, OsloCoordinator, Given.Parties).ShouldFail(400).Fields().ShouldBe(["dueOn"]);
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: "999999999"), Context(), RtId, OsloCoordinator, Given.Parties).ShouldFail(400).Fields().ShouldBe(["ownerOrg"]);
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date, OwnerSupplierId: Guid.NewGuid()), Context(), RtId, OsloCoordinator, Given.Parties).ShouldFail(400).Fields().ShouldBe(["ownerSupplierId"]);
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date), Context(), RtId, OsloCoordinator, Given.Parties).ShouldFail(400).Fields().ShouldBe(["ownerOrg"]);
        var linked = new FollowUpLinks([Guid.NewGuid()], [], []);
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: Dfo, Links: linked), Context(), RtId, OsloCoordinator, Given.Parties).ShouldFail(400).Fields()
            .ShouldBe(["links.supplierIds[0]"]);
        AgreeFollowUpEndpoint.Validate(new AgreeFollowUp("d", rt.Date, OwnerOrg: Dfo), new AgreeFollowUpContext(null, null, new HashSet<Guid>()), RtId, OsloCoordinator, Given.Parties).ShouldFail(404);
        var agreed = AgreeFollowUpEndpoint.Decide(new AgreeFollowUp("d", rt.Date, OwnerSupplierId: supplier.Id), Context(supplier), ItemId, Given.Parties, OsloCoordinator, Given.Now);
        agreed.OwnerName.ShouldBe("Fjordtek AS");
        agreed.HostOrgs.ShouldBe([Oslo, Dfo]);
        Rules.DayAfter(rt.Date).ShouldBe(new DateTimeOffset(rt.Date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    [Fact]
    public void RT4_1_a_delivery_needs_evidence_or_an_explicit_no_evidence_reason()
    {
        var sha = new string('b', 64);
        var (item, _) = Item();
        var uploaded = new UploadedFiles(new HashSet<string> { sha });
        DeliverFollowUpEndpoint.Validate(new DeliverFollowUp("done"), item, None, DfoOfficer).ShouldFail(400).Fields().ShouldBe(["evidence"]);
        DeliverFollowUpEndpoint.Validate(new DeliverFollowUp("done", NoEvidenceReason: "verbal"), item, None, DfoOfficer).ShouldPass();
        DeliverFollowUpEndpoint.Validate(new DeliverFollowUp("done", [new EvidenceRef("list", sha)]), item, uploaded, DfoOfficer).ShouldPass();
        DeliverFollowUpEndpoint.Validate(new DeliverFollowUp("done", [new EvidenceRef("list", sha)]), item, None, DfoOfficer).ShouldFail(400).Fields().ShouldBe(["evidence[0].sha256"]);
        DeliverFollowUpEndpoint.Validate(new DeliverFollowUp("done", [new EvidenceRef("list", sha)], "both"), item, uploaded, DfoOfficer).ShouldFail(400).Fields().ShouldBe(["noEvidenceReason"]);
    }

    [Fact]
    public void RT4_2_the_lifecycle_agreed_in_progress_delivered_accepted_closed_and_rejection_returns_it_to_work()
    {
        var progress = new FollowUpProgressNoted(ItemId, "started", DfoOfficer.Actor, Given.Now);
        var delivered = new FollowUpDelivered(ItemId, "done", [], "verbal", DfoOfficer.Actor, Given.Now);
        var (item, _) = Item(null, progress, delivered);
        item.Status.ShouldBe(FollowUpStatus.Delivered);
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("more"), item, DfoOfficer).ShouldFail(409);
        ReviewFollowUpDeliveryEndpoint.Validate(new ReviewFollowUpDelivery(false, "no evidence"), item, OsloCoordinator).ShouldPass();
        var rejected = ReviewFollowUpDeliveryEndpoint.Decide(new ReviewFollowUpDelivery(false, "no evidence"), item, OsloCoordinator, Given.Now).ShouldBeOfType<FollowUpDeliveryRejected>();
        (item, _) = Item(null, progress, delivered, rejected);
        item.Status.ShouldBe(FollowUpStatus.InProgress);
        CloseFollowUpEndpoint.Validate(new CloseFollowUp("done"), item, OsloCoordinator).ShouldFail(409);
        var accepted = ReviewFollowUpDeliveryEndpoint.Decide(new ReviewFollowUpDelivery(true, "ok"), Item(null, progress, delivered, rejected, delivered).Item, OsloCoordinator, Given.Now);
        (item, var view) = Item(null, progress, delivered, rejected, delivered, accepted);
        CloseFollowUpEndpoint.Validate(new CloseFollowUp("done"), item, OsloCoordinator).ShouldPass();
        (item, view) = Item(null, progress, delivered, rejected, delivered, accepted, CloseFollowUpEndpoint.Decide(new CloseFollowUp("done"), item, OsloCoordinator, Given.Now));
        NoteFollowUpProgressEndpoint.Validate(new NoteFollowUpProgress("more"), item, DfoOfficer).ShouldFail(409).Extensions["itemStatus"].ShouldBe("closed");
        view.Deliveries.Count.ShouldBe(2);
        view.History.Select(h => h.By.Org).ShouldBe([Oslo, Dfo, Dfo, Oslo, Dfo, Oslo, Oslo]);
    }

    [Fact]
    public void RT5_1_carrying_over_moves_the_item_to_a_later_roundtable_and_keeps_its_history()
    {
        var progress = new FollowUpProgressNoted(ItemId, "started", DfoOfficer.Actor, Given.Now);
        var (item, _) = Item(Agreed(dueInDays: 15), progress);
        var later = RoundtableDetails.Create(new RoundtableScheduled(Guid.NewGuid(), "RT 2", Today.AddDays(40), null, true, [Dfo], DfoOfficer.Actor, Given.Now));
        CarryOverFollowUpEndpoint.Validate(new CarryOverFollowUp(later.Id, "slipped"), item, later, OsloCoordinator).ShouldPass();
        CarryOverFollowUpEndpoint.NewDueOn(new CarryOverFollowUp(later.Id, "slipped"), item, later).ShouldBe(later.Date);
        var e = CarryOverFollowUpEndpoint.Decide(new CarryOverFollowUp(later.Id, "slipped"), item, later, OsloCoordinator, Given.Now);
        var (moved, view) = Item(Agreed(dueInDays: 15), progress, e);
        moved.RoundtableId.ShouldBe(later.Id);
        moved.HostOrgs.ShouldBe([Dfo]);
        view.CarriedFrom.ShouldBe([RtId]);
        view.ProgressNotes.Select(p => p.What).ShouldBe(["started"]);
        view.History.Count.ShouldBe(3);
    }

    [Fact]
    public void RT5_2_a_carry_over_goes_to_a_later_uncancelled_roundtable_with_a_due_date_not_before_it()
    {
        var (item, _) = Item(Agreed(dueInDays: 15));
        var earlier = RoundtableDetails.Create(new RoundtableScheduled(Guid.NewGuid(), "old", Today.AddDays(5), null, true, [Oslo], OsloCoordinator.Actor, Given.Now));
        CarryOverFollowUpEndpoint.Validate(new CarryOverFollowUp(earlier.Id, "r"), item, earlier, OsloCoordinator).ShouldFail(400).Fields().ShouldBe(["toRoundtableId"]);
        var later = RoundtableDetails.Create(new RoundtableScheduled(Guid.NewGuid(), "new", Today.AddDays(40), null, true, [Oslo], OsloCoordinator.Actor, Given.Now));
        CarryOverFollowUpEndpoint.Validate(new CarryOverFollowUp(later.Id, "r", Today.AddDays(39)), item, later, OsloCoordinator).ShouldFail(400).Fields().ShouldBe(["newDueOn"]);
        later.Apply(new RoundtableCancelled(later.Id, "x", OsloCoordinator.Actor, Given.Now));
        CarryOverFollowUpEndpoint.Validate(new CarryOverFollowUp(later.Id, "r"), item, later, OsloCoordinator).ShouldFail(400);
        CarryOverFollowUpEndpoint.Validate(new CarryOverFollowUp(later.Id, "r"), item, null, OsloCoordinator).ShouldFail(400);
    }

    [Fact]
    public void RT6_1_the_overdue_rule_at_its_edges()
    {
        var due = Today.AddDays(30);
        var check = new CheckFollowUpOverdue(ItemId, due);
        FollowUpOverdueHandler.Decide(check, Item().Item, Given.Now).Single().ShouldBeOfType<FollowUpBecameOverdue>().By.ShouldBe(Actor.System);
        FollowUpOverdueHandler.Decide(check, Item(null, new FollowUpDelivered(ItemId, "d", [], "r", DfoOfficer.Actor, Given.Now)).Item, Given.Now)
            .Count.ShouldBe(1, "delivered but not accepted is still overdue");
        FollowUpOverdueHandler.Decide(check, Item(null, new FollowUpDeliveryAccepted(ItemId, "ok", OsloCoordinator.Actor, Given.Now)).Item, Given.Now).ShouldBeEmpty();
        FollowUpOverdueHandler.Decide(check, Item(null, new FollowUpBecameOverdue(ItemId, due, Actor.System, Given.Now)).Item, Given.Now).ShouldBeEmpty();
        FollowUpOverdueHandler.Decide(check with { DueOn = due.AddDays(-1) }, Item().Item, Given.Now).ShouldBeEmpty();
    }

    [Fact]
    public void RT7_1_the_board_entry_follows_the_item()
    {
        var agreed = new FollowUpAgreed(ItemId, RtId, Today, [Oslo], "d", null, Given.SupplierId, "Fjordtek AS", Today.AddDays(5), new FollowUpLinks([], [], []),
            OsloCoordinator.Actor, Given.Now);
        var board = FollowUpBoardProjection.Create(agreed);
        FollowUpBoardProjection.Apply(new FollowUpBecameOverdue(ItemId, Today.AddDays(5), Actor.System, Given.Now), board);
        board.Overdue.ShouldBeTrue();
        FollowUpBoardProjection.Apply(new FollowUpCarriedOver(ItemId, RtId, Guid.NewGuid(), Today.AddDays(40), [Oslo], Today.AddDays(5), Today.AddDays(40), "r",
            OsloCoordinator.Actor, Given.Now.AddDays(1)), board);
        board.Overdue.ShouldBeFalse();
        board.CarryOvers.ShouldBe(1);
        board.LastChangedAt.ShouldBe(Given.Now.AddDays(1));
    }
}
