using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Tests.Requirements;
using Shouldly;

namespace EthicalIct.Tests.SupplierDialogues;

/// <summary>EventModel.md, swimlane "Supplier dialogues": one test per Given/When/Then line.</summary>
public class DialogueScenarioTests
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";
    private const string Sykehus = "916879067";
    private static readonly Guid DialogueId = Guid.Parse("0197a000-0000-7000-8000-00000000e001");
    private static readonly Guid QuestionnaireId = Guid.Parse("0197a000-0000-7000-8000-00000000e002");
    private static readonly Guid FindingId = Guid.Parse("0197a000-0000-7000-8000-00000000e003");
    private static readonly Guid ActionId = Guid.Parse("0197a000-0000-7000-8000-00000000e004");
    private static readonly Caller OsloOfficer = new(Oslo, Role.CaseOfficer, "kari@oslo", "Kari");
    private static readonly Caller OsloCoordinator = new(Oslo, Role.Coordinator, "ola@oslo", "Ola");
    private static readonly Caller DfoCoordinator = new(Dfo, Role.Coordinator, "per@dfo", "Per");
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);

    private static SupplierDialogueOpened Start() => new(DialogueId, Given.SupplierId, "Joint 2026", OsloOfficer.Actor, Given.Now.AddDays(-30));

    /// <summary>The write model after the given events.</summary>
    private static SupplierDialogue Opened(params object[] then)
    {
        var d = SupplierDialogue.Create(Start());
        d.Version = 1;
        foreach (var e in then)
        {
            typeof(SupplierDialogue).GetMethod("Apply", [e.GetType()])?.Invoke(d, [e]);
            d.Version++;
        }

        return d;
    }

    /// <summary>The details view and the overview after the given events.</summary>
    private static (SupplierDialogueDetails Details, DialogueOverview Overview) Views(params object[] then)
    {
        var details = SupplierDialogueDetails.Create(Start());
        var overview = DialogueOverview.Create(Start());
        foreach (var e in then)
        {
            typeof(SupplierDialogueDetails).GetMethod("Apply", [e.GetType()])?.Invoke(details, [e]);
            typeof(DialogueOverview).GetMethod("Apply", [e.GetType()])?.Invoke(overview, [e]);
        }

        return (details, overview);
    }

    private static OrganisationJoinedDialogue Joined(string org = Dfo) => new(DialogueId, org, OsloCoordinator.Actor, Given.Now.AddDays(-29));

    private static QuestionnaireSent Sent(DateOnly? dueOn = null) =>
        new(DialogueId, QuestionnaireId, RequirementSetTests.SetId, 1, SentQuestions.From(RequirementSetTests.Published().View.Find(1)!), dueOn ?? Today.AddDays(42),
            OsloOfficer.Actor, Given.Now.AddDays(-20));

    private static FindingRaised Raised() =>
        new(DialogueId, FindingId, Given.SupplierId, FindingGrade.Major, RiskCode.HS, "blocked exits", null, [], "raised by a buyer", false, OsloOfficer.Actor, Given.Now.AddDays(-10));

    private static CapSubmitted Cap(DateOnly? dueOn = null) =>
        new(DialogueId, FindingId, Guid.NewGuid(), [new CapAction(ActionId, "clear exits", "plant manager", dueOn ?? Today.AddDays(5))], DfoCoordinator.Actor, Given.Now.AddDays(-9));

    private static CapApproved Approved() => new(DialogueId, FindingId, Guid.Empty, "ok", DfoCoordinator.Actor, Given.Now.AddDays(-8));

    [Fact]
    public void DLG1_1_an_invitation_is_a_proposal_and_the_organisation_takes_part_only_when_its_coordinator_accepts()
    {
        var d = Opened();
        InviteOrganisationEndpoint.Validate(new InviteOrganisation(Dfo), d, OsloCoordinator, Given.Parties).ShouldPass();
        var proposed = InviteOrganisationEndpoint.Decide(new InviteOrganisation(Dfo), d, OsloCoordinator, Given.Now);
        proposed.ExpiresAt.ShouldBe(Given.Now + EthicalIct.Api.Infrastructure.Consent.AnswerWithin);
        d = Opened(proposed);
        d.Participants.ShouldBe([Oslo], "a proposal changes nothing until it is accepted");
        InviteOrganisationEndpoint.Validate(new InviteOrganisation(Dfo), d, OsloCoordinator, Given.Parties).ShouldFail(409);
        InviteOrganisationEndpoint.Validate(new InviteOrganisation("999999999"), d, OsloCoordinator, Given.Parties).ShouldFail(400);

        AcceptParticipationEndpoint.Validate(new AcceptParticipation(), d, DfoCoordinator, Given.Now).ShouldPass();
        var joined = AcceptParticipationEndpoint.Decide(new AcceptParticipation(), d, DfoCoordinator, Given.Now);
        joined.By.Org.ShouldBe(Dfo, "the joining organisation acts for itself");
        Opened(proposed, joined).Participants.ShouldBe([Oslo, Dfo]);
        InviteOrganisationEndpoint.Validate(new InviteOrganisation(Dfo), Opened(proposed, joined), OsloCoordinator, Given.Parties).ShouldFail(409);
        var views = Views(proposed, joined);
        views.Details.Memberships.Select(m => (m.Org, m.Joined, m.By.Org)).ShouldBe([(Oslo, true, Oslo), (Dfo, true, Dfo)]);
        views.Details.Proposals.Single().ShouldSatisfyAllConditions(p => p.Outcome.ShouldBe("accepted"), p => p.ProposedBy.Org.ShouldBe(Oslo));
        views.Overview.Proposed.ShouldBeEmpty();
    }

    [Fact]
    public void DLG1_4_only_the_proposed_organisation_answers_and_only_while_the_proposal_stands()
    {
        var proposed = InviteOrganisationEndpoint.Decide(new InviteOrganisation(Dfo), Opened(), OsloCoordinator, Given.Now);
        var d = Opened(proposed);
        var sykehus = new Caller(Sykehus, Role.Coordinator, "x", null);
        AcceptParticipationEndpoint.Validate(new AcceptParticipation(), d, sykehus, Given.Now).ShouldFail(404);
        AcceptParticipationEndpoint.Validate(new AcceptParticipation(), d, OsloCoordinator, Given.Now).ShouldFail(404); // the proposer cannot accept in the other's name
        AcceptParticipationEndpoint.Validate(new AcceptParticipation(), d, DfoCoordinator, proposed.ExpiresAt).ShouldFail(404);
        DeclineParticipationEndpoint.Validate(new DeclineParticipation(" "), d, DfoCoordinator, Given.Now).ShouldFail(400).Fields().ShouldBe(["reason"]);
    }

    [Fact]
    public void DLG1_5_a_declined_or_expired_proposal_leaves_the_organisation_outside_and_a_stale_expiry_does_nothing()
    {
        var proposed = InviteOrganisationEndpoint.Decide(new InviteOrganisation(Dfo), Opened(), OsloCoordinator, Given.Now);
        var declined = DeclineParticipationEndpoint.Decide(new DeclineParticipation("no contract with this supplier"), Opened(proposed), DfoCoordinator, Given.Now);
        Opened(proposed, declined).Participants.ShouldBe([Oslo]);
        Opened(proposed, declined).Proposals.ShouldBeEmpty();
        Views(proposed, declined).Details.Proposals.Single().ShouldSatisfyAllConditions(p => p.Outcome.ShouldBe("declined"), p => p.Reason.ShouldBe("no contract with this supplier"));

        var check = new ExpireParticipationProposal(DialogueId, Dfo, proposed.ExpiresAt);
        ExpireParticipationProposalHandler.Decide(check, Opened(proposed), proposed.ExpiresAt.AddMinutes(-1)).ShouldBeEmpty("not before it expires");
        var expired = ExpireParticipationProposalHandler.Decide(check, Opened(proposed), proposed.ExpiresAt).ShouldHaveSingleItem().ShouldBeOfType<ParticipationProposalExpired>();
        expired.By.ShouldBe(Actor.System);
        ExpireParticipationProposalHandler.Decide(check, Opened(proposed, declined), proposed.ExpiresAt).ShouldBeEmpty("answered already");
        InviteOrganisationEndpoint.Validate(new InviteOrganisation(Dfo), Opened(proposed, expired), OsloCoordinator, Given.Parties).ShouldPass(); // it can be asked again
    }

    [Fact]
    public void DLG1_2_an_organisation_leaves_but_the_last_participant_must_close()
    {
        LeaveDialogueEndpoint.Validate(new LeaveDialogue("done"), Opened(), OsloCoordinator).ShouldFail(409);
        var d = Opened(Joined());
        LeaveDialogueEndpoint.Validate(new LeaveDialogue("done"), d, DfoCoordinator).ShouldPass();
        Opened(Joined(), LeaveDialogueEndpoint.Decide(new LeaveDialogue("done"), d, DfoCoordinator, Given.Now)).Participants.ShouldBe([Oslo]);
    }

    [Fact]
    public void DLG1_3_a_non_participant_finds_no_dialogue_whatever_it_sends()
    {
        var d = Opened(Joined());
        var sykehus = new Caller(Sykehus, Role.Coordinator, "x", null);
        InviteOrganisationEndpoint.Validate(new InviteOrganisation(Sykehus), d, sykehus, Given.Parties).ShouldFail(404).Detail.ShouldBe($"No supplier dialogue {DialogueId}.");
        RaiseFindingEndpoint.Validate(new RaiseFinding(FindingGrade.Minor, RiskCode.HS, "x"), d, null, sykehus).ShouldFail(404);
        CloseSupplierDialogueEndpoint.Validate(new CloseSupplierDialogue("x"), d, sykehus).ShouldFail(404);
        DialogueAccess.Visible(Views(Joined()).Details, v => v.Participants, sykehus).ShouldBeNull();
        DialogueAccess.Visible(Views(Joined()).Details, v => v.Participants, DfoCoordinator).ShouldNotBeNull();
    }

    [Fact]
    public void DLG2_1_a_questionnaire_is_built_from_the_adopted_version_and_due_in_six_weeks_by_default()
    {
        var set = RequirementSetTests.Published((Oslo, 1)).View;
        var cmd = new SendQuestionnaire(set.Id, 1);
        SendQuestionnaireEndpoint.DueOn(cmd, new DialogueOptions(), Given.Now).ShouldBe(Today.AddDays(42));
        SendQuestionnaireEndpoint.Validate(cmd, Opened(), set, OsloOfficer, new DialogueOptions(), Given.Now).ShouldPass();
        var e = SendQuestionnaireEndpoint.Decide(cmd, Opened(), set, new DialogueOptions(), OsloOfficer, Given.Now);
        e.DueOn.ShouldBe(Today.AddDays(42));
        e.Questions.Select(q => (q.QuestionId, q.OecdStep, q.BreachIfNo)).ShouldBe([("Q1", 2, true), ("Q2", 2, false)]);
        SendQuestionnaireEndpoint.DueOn(cmd, new DialogueOptions { QuestionnaireWeeks = 2 }, Given.Now).ShouldBe(Today.AddDays(14));
    }

    [Fact]
    public void DLG2_2_a_version_not_adopted_by_the_sender_or_a_due_date_not_after_today_is_refused()
    {
        var set = RequirementSetTests.Published((Oslo, 1)).View;
        var d = Opened(Joined());
        var options = new DialogueOptions();
        SendQuestionnaireEndpoint.Validate(new SendQuestionnaire(set.Id, 1), d, set, DfoCoordinator, options, Given.Now).ShouldFail(400).Fields().ShouldBe(["setVersion"]);
        SendQuestionnaireEndpoint.Validate(new SendQuestionnaire(set.Id, 1, Today), d, set, OsloOfficer, options, Given.Now).ShouldFail(400).Fields().ShouldBe(["dueOn"]);
        SendQuestionnaireEndpoint.Validate(new SendQuestionnaire(set.Id, 1, Today.AddDays(1)), d, set, OsloOfficer, options, Given.Now).ShouldPass();
        SendQuestionnaireEndpoint.Validate(new SendQuestionnaire(set.Id, 1), d, null, OsloOfficer, options, Given.Now).ShouldFail(400).Fields().ShouldBe(["requirementSetId"]);
    }

    [Fact]
    public void DLG3_1_a_no_to_a_breach_question_raises_a_breach_finding_automatically()
    {
        var d = Opened(Sent());
        var cmd = new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.No, "in preparation"), new Answer("Q2", AnswerValue.No)]);
        RecordQuestionnaireResponseEndpoint.Validate(cmd, d, OsloOfficer, Given.Now).ShouldPass();
        var events = RecordQuestionnaireResponseEndpoint.Decide(cmd, d, OsloOfficer, Given.Now);
        events.Count.ShouldBe(2);
        events[0].ShouldBeOfType<QuestionnaireResponseReceived>().BreachQuestionIds.ShouldBe(["Q1"]);
        var finding = events[1].ShouldBeOfType<FindingRaised>();
        finding.Automatic.ShouldBeTrue();
        finding.Grade.ShouldBe(FindingGrade.Major);
        finding.Code.ShouldBe(RiskCode.FL);
        finding.Source.ShouldBe($"questionnaire {QuestionnaireId} question Q1");
        finding.Description.ShouldContain("in preparation");
        var (details, overview) = Views([Sent(), .. events]);
        details.Questionnaire(QuestionnaireId)!.Breach.ShouldBeTrue();
        overview.Questionnaires.Single().Breach.ShouldBeTrue();
    }

    [Fact]
    public void DLG3_2_yes_or_not_applicable_to_a_breach_question_raises_nothing()
    {
        var d = Opened(Sent());
        RecordQuestionnaireResponseEndpoint.Decide(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes)]), d, OsloOfficer, Given.Now).Count.ShouldBe(1);
        RecordQuestionnaireResponseEndpoint.Decide(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.NotApplicable)]), d, OsloOfficer, Given.Now).Count.ShouldBe(1);
    }

    [Fact]
    public void DLG3_3_answers_to_questions_of_another_version_dates_in_the_wrong_order_and_a_second_response_are_refused()
    {
        var d = Opened(Sent());
        RecordQuestionnaireResponseEndpoint.Validate(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("V2-Q9", AnswerValue.Yes)]), d, OsloOfficer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["answers[0].questionId"]);
        RecordQuestionnaireResponseEndpoint.Validate(new RecordQuestionnaireResponse(QuestionnaireId, Today.AddDays(-21), [new Answer("Q1", AnswerValue.Yes)]), d, OsloOfficer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["receivedOn"]);
        RecordQuestionnaireResponseEndpoint.Validate(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes), new Answer("Q1", AnswerValue.No)]), d, OsloOfficer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["answers"]);

        var received = Opened(Sent(), new QuestionnaireResponseReceived(DialogueId, QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes)], [], [], DfoCoordinator.Actor, Given.Now));
        RecordQuestionnaireResponseEndpoint.Validate(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes)]), received, OsloOfficer, Given.Now)
            .ShouldFail(409);
        received.Questionnaire(QuestionnaireId)!.Status.ShouldBe(QuestionnaireStatus.UnderReview);
    }

    [Fact]
    public void DLG4_1_the_questionnaire_overdue_rule_at_its_edges()
    {
        var check = new CheckQuestionnaireOverdue(DialogueId, QuestionnaireId, Today.AddDays(42));
        var overdue = OverdueCheckHandler.Decide(check, Opened(Sent()), Given.Now).Single().ShouldBeOfType<QuestionnaireBecameOverdue>();
        overdue.By.ShouldBe(Actor.System);
        var received = new QuestionnaireResponseReceived(DialogueId, QuestionnaireId, Today, [new Answer("Q2", AnswerValue.Yes)], [], [], DfoCoordinator.Actor, Given.Now);
        OverdueCheckHandler.Decide(check, Opened(Sent(), received), Given.Now).ShouldBeEmpty();
        OverdueCheckHandler.Decide(check, Opened(Sent(), overdue), Given.Now).ShouldBeEmpty();
        OverdueCheckHandler.Decide(check with { DueOn = check.DueOn.AddDays(-1) }, Opened(Sent()), Given.Now).ShouldBeEmpty();
        OverdueCheckHandler.Decide(check, Opened(Sent(), new SupplierDialogueClosed(DialogueId, "s", OsloCoordinator.Actor, Given.Now)), Given.Now).ShouldBeEmpty();
        Rules.DayAfter(new DateOnly(2026, 12, 31)).ShouldBe(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void DLG4_2_the_cap_action_overdue_rule_at_its_edges()
    {
        var due = Today.AddDays(5);
        var check = new CheckCapActionOverdue(DialogueId, FindingId, ActionId, due);
        OverdueCheckHandler.Decide(check, Opened(Raised(), Cap(due), Approved()), Given.Now).Single().ShouldBeOfType<CapActionBecameOverdue>();
        var done = new CapActionProgressReported(DialogueId, FindingId, ActionId, "done", true, DfoCoordinator.Actor, Given.Now);
        OverdueCheckHandler.Decide(check, Opened(Raised(), Cap(due), Approved(), done), Given.Now).ShouldBeEmpty();
        var extended = new CapActionDeadlineExtended(DialogueId, FindingId, ActionId, due, due.AddDays(10), "parts", DfoCoordinator.Actor, Given.Now);
        OverdueCheckHandler.Decide(check, Opened(Raised(), Cap(due), Approved(), extended), Given.Now).ShouldBeEmpty();
        OverdueCheckHandler.Decide(check with { DueOn = due.AddDays(10) }, Opened(Raised(), Cap(due), Approved(), extended), Given.Now).Count.ShouldBe(1);
        var overdue = new CapActionBecameOverdue(DialogueId, FindingId, ActionId, due, Actor.System, Given.Now);
        OverdueCheckHandler.Decide(check, Opened(Raised(), Cap(due), Approved(), overdue), Given.Now).ShouldBeEmpty();
        Opened(Raised(), Cap(due), Approved(), overdue, extended).Finding(FindingId)!.Action(ActionId)!.Overdue.ShouldBeFalse();
    }

    [Fact]
    public void DLG5_1_a_plan_needs_actions_with_owners_and_due_dates_not_in_the_past()
    {
        var d = Opened(Raised());
        SubmitCapEndpoint.Validate(new SubmitCap([new PlannedAction("a", "o", Today)]), d, FindingId, OsloOfficer, Given.Now).ShouldPass();
        SubmitCapEndpoint.Validate(new SubmitCap([new PlannedAction("", "o", Today.AddDays(-1))]), d, FindingId, OsloOfficer, Given.Now)
            .ShouldFail(400).Fields().ShouldBe(["actions[0].description", "actions[0].dueOn"]);
        SubmitCapEndpoint.Validate(new SubmitCap([new PlannedAction("a", "o", Today)]), Opened(Raised(), Cap()), FindingId, OsloOfficer, Given.Now).ShouldFail(409);
        var cap = SubmitCapEndpoint.Decide(new SubmitCap([new PlannedAction("a", "o", Today.AddDays(3))]), d, FindingId, OsloOfficer, Given.Now);
        SubmitCapEndpoint.Checks(cap).Length.ShouldBe(1);
        cap.Actions.Single().ActionId.ShouldNotBe(cap.CapId);
    }

    [Fact]
    public void DLG5_2_a_plan_cannot_be_approved_for_a_closed_finding_and_a_rejection_allows_a_new_plan()
    {
        var closed = Opened(Raised(), Cap(), new FindingVerified(DialogueId, FindingId, VerificationMethod.Desk, VerificationResult.Passed, "n", [], DfoCoordinator.Actor, Given.Now),
            new FindingClosed(DialogueId, FindingId, "ok", VerificationRule.RuleId, OsloCoordinator.Actor, Given.Now));
        DecideCapEndpoint.Validate(new DecideCap(true, "ok"), closed, FindingId, OsloOfficer).ShouldFail(409).Extensions["findingStatus"].ShouldBe("closed");
        var d = Opened(Raised(), Cap());
        DecideCapEndpoint.Validate(new DecideCap(true, " "), d, FindingId, OsloOfficer).ShouldFail(400);
        var rejected = DecideCapEndpoint.Decide(new DecideCap(false, "too vague"), d, FindingId, DfoCoordinator, Given.Now).ShouldBeOfType<CapRejected>();
        rejected.By.Role.ShouldBe("coordinator");
        SubmitCapEndpoint.Validate(new SubmitCap([new PlannedAction("a", "o", Today)]), Opened(Raised(), Cap(), rejected), FindingId, OsloOfficer, Given.Now).ShouldPass();
        var secondPlan = Cap();
        var (details, _) = Views(Raised(), Cap(), rejected, secondPlan);
        details.Finding(FindingId)!.Plans.Count.ShouldBe(2, "a rejected plan stays in the view when the next is submitted");
        details.Finding(FindingId)!.Plans[0].Decision!.By.ShouldBe(DfoCoordinator.Actor);
    }

    [Fact]
    public void DLG5_3_an_extension_must_move_the_deadline_later()
    {
        var d = Opened(Raised(), Cap(Today.AddDays(5)), Approved());
        ExtendCapDeadlineEndpoint.Validate(new ExtendCapDeadline(Today.AddDays(5), "r"), d, FindingId, ActionId, OsloOfficer).ShouldFail(400).Fields().ShouldBe(["newDueOn"]);
        ExtendCapDeadlineEndpoint.Validate(new ExtendCapDeadline(Today.AddDays(6), "r"), d, FindingId, ActionId, OsloOfficer).ShouldPass();
        ExtendCapDeadlineEndpoint.Validate(new ExtendCapDeadline(Today.AddDays(6), "r"), Opened(Raised(), Cap()), FindingId, ActionId, OsloOfficer).ShouldFail(409);
        var extended = ExtendCapDeadlineEndpoint.Decide(new ExtendCapDeadline(Today.AddDays(6), "parts"), d, FindingId, ActionId, OsloOfficer, Given.Now);
        extended.PreviousDueOn.ShouldBe(Today.AddDays(5));
        var action = Views(Raised(), Cap(Today.AddDays(5)), Approved(), extended).Details.Finding(FindingId)!.Plan()!.Actions.Single();
        action.Extensions.Single().PreviousDueOn.ShouldBe(Today.AddDays(5), "an extension keeps the earlier due date in the view");
        action.DueOn.ShouldBe(Today.AddDays(6));
    }

    [Fact]
    public void DLG6_1_a_finding_is_closed_only_after_a_passed_verification()
    {
        CloseFindingEndpoint.Validate(new CloseFinding("ok"), Opened(Raised()), FindingId, OsloOfficer).ShouldFail(409);
        var failed = new FindingVerified(DialogueId, FindingId, VerificationMethod.OnSite, VerificationResult.Failed, "still blocked", [], DfoCoordinator.Actor, Given.Now);
        CloseFindingEndpoint.Validate(new CloseFinding("ok"), Opened(Raised(), failed), FindingId, OsloOfficer).ShouldFail(409);
        var passed = failed with { Result = VerificationResult.Passed };
        CloseFindingEndpoint.Validate(new CloseFinding("ok"), Opened(Raised(), failed, passed), FindingId, OsloOfficer).ShouldPass();
    }

    [Fact]
    public void DLG7_1_an_escalation_is_a_decision_and_a_joint_letter_is_signed_by_all_participants_by_default()
    {
        var d = Opened(Joined());
        EscalateEndpoint.Validate(new Escalate(EscalationStep.JointLetter, ""), d, OsloCoordinator).ShouldFail(400).Fields().ShouldBe(["rationale"]);
        EscalateEndpoint.Validate(new Escalate(EscalationStep.JointLetter, "r", OnBehalfOf: [Oslo, Sykehus]), d, OsloCoordinator).ShouldFail(400).Fields().ShouldBe(["onBehalfOf[1]"]);
        EscalateEndpoint.Validate(new Escalate(EscalationStep.JointLetter, "r", OnBehalfOf: [Dfo]), d, OsloCoordinator).ShouldFail(400).Fields().ShouldBe(["onBehalfOf"]);
        var e = EscalateEndpoint.Decide(new Escalate(EscalationStep.JointLetter, "no progress"), d, DfoCoordinator, Given.Now).ShouldBeOfType<EscalationProposed>();
        e.OnBehalfOf.ShouldBe([Oslo, Dfo]);
        e.By.Role.ShouldBe("coordinator");
        EscalateEndpoint.Decide(new Escalate(EscalationStep.Reminder, "late"), d, OsloCoordinator, Given.Now).ShouldBeOfType<EscalationStepTaken>().OnBehalfOf.ShouldBe([Oslo]);
    }

    [Fact]
    public void DLG7_2_a_joint_letter_is_sent_only_when_every_named_organisation_has_signed()
    {
        var d = Opened(Joined());
        var proposed = EscalateEndpoint.Decide(new Escalate(EscalationStep.JointLetter, "no progress"), d, OsloCoordinator, Given.Now).ShouldBeOfType<EscalationProposed>();
        d = Opened(Joined(), proposed);
        d.PendingEscalations[proposed.EscalationId].StillToSign().ShouldBe([Dfo], "the proposer has signed by proposing");
        Views(Joined(), proposed).Details.Escalations.ShouldBeEmpty("not sent yet");
        CosignEscalationEndpoint.Validate(new CosignEscalation(), d, proposed.EscalationId, OsloCoordinator, Given.Now).ShouldFail(409);
        CosignEscalationEndpoint.Validate(new CosignEscalation(), d, Guid.NewGuid(), DfoCoordinator, Given.Now).ShouldFail(404);
        CosignEscalationEndpoint.Validate(new CosignEscalation(), d, proposed.EscalationId, DfoCoordinator, proposed.ExpiresAt).ShouldFail(409);
        CosignEscalationEndpoint.Validate(new CosignEscalation(), d, proposed.EscalationId, DfoCoordinator, Given.Now).ShouldPass();
        var signed = CosignEscalationEndpoint.Decide(new CosignEscalation(), d, proposed.EscalationId, DfoCoordinator, Given.Now);
        signed.Select(x => x.GetType()).ShouldBe([typeof(EscalationCosigned), typeof(EscalationStepTaken)]);
        var taken = (EscalationStepTaken)signed[1];
        taken.OnBehalfOf.ShouldBe([Oslo, Dfo]);
        var views = Views([Joined(), proposed, .. signed]);
        views.Details.Escalations.ShouldHaveSingleItem().EscalationId.ShouldBe(proposed.EscalationId);
        views.Details.ProposedEscalations.Single().ShouldSatisfyAllConditions(p => p.Outcome.ShouldBe("taken"), p => p.Signatures.Select(x => x.Org).ShouldBe([Oslo, Dfo]));
    }

    [Fact]
    public void DLG7_3_a_declined_or_expired_joint_letter_is_not_sent()
    {
        var d = Opened(Joined());
        var proposed = (EscalationProposed)EscalateEndpoint.Decide(new Escalate(EscalationStep.JointLetter, "no progress"), d, OsloCoordinator, Given.Now);
        d = Opened(Joined(), proposed);
        DeclineEscalationEndpoint.Validate(new DeclineEscalation(""), d, proposed.EscalationId, DfoCoordinator, Given.Now).ShouldFail(400).Fields().ShouldBe(["reason"]);
        var declined = DeclineEscalationEndpoint.Decide(new DeclineEscalation("we prefer a meeting first"), d, proposed.EscalationId, DfoCoordinator, Given.Now);
        Opened(Joined(), proposed, declined).PendingEscalations.ShouldBeEmpty();
        Views(Joined(), proposed, declined).Details.Escalations.ShouldBeEmpty();
        var check = new ExpireEscalationProposal(DialogueId, proposed.EscalationId, proposed.ExpiresAt);
        ExpireEscalationProposalHandler.Decide(check, d, proposed.ExpiresAt).ShouldHaveSingleItem().ShouldBeOfType<EscalationProposalExpired>();
        ExpireEscalationProposalHandler.Decide(check, d, Given.Now).ShouldBeEmpty();
        ExpireEscalationProposalHandler.Decide(check, Opened(Joined(), proposed, declined), proposed.ExpiresAt).ShouldBeEmpty();
    }

    [Fact]
    public void DLG8_1_a_closed_dialogue_refuses_every_change()
    {
        var d = Opened(new SupplierDialogueClosed(DialogueId, "done", OsloCoordinator.Actor, Given.Now));
        RaiseFindingEndpoint.Validate(new RaiseFinding(FindingGrade.Minor, RiskCode.HS, "x"), d, null, OsloOfficer).ShouldFail(409).Extensions["dialogueStatus"].ShouldBe("closed");
        HoldMeetingEndpoint.Validate(new HoldMeeting(Today, ["a"], "m"), d, OsloOfficer, Given.Now).ShouldFail(409);
        InviteOrganisationEndpoint.Validate(new InviteOrganisation(Dfo), d, OsloCoordinator, Given.Parties).ShouldFail(409);
    }

    [Fact]
    public void DLG9_1_open_caps_by_deadline_and_the_questionnaire_pipeline()
    {
        var overview = Views(Sent(), Raised(), Cap(Today.AddDays(20)), Approved()).Overview;
        DialogueQueries.OpenCaps([overview], Today).Single().State.ShouldBe(CapDeadlineState.DueSoon);
        DialogueQueries.OpenCaps([overview], Today.AddDays(-11)).Single().State.ShouldBe(CapDeadlineState.Later);
        DialogueQueries.OpenCaps([overview], Today.AddDays(21)).Single().State.ShouldBe(CapDeadlineState.Overdue);
        DialogueQueries.Pipeline([overview]).Single().ShouldBe(new QuestionnairePipelineRow(Given.SupplierId, 1, 0, 0, 0, 0));
        var done = new CapActionProgressReported(DialogueId, FindingId, ActionId, "done", true, DfoCoordinator.Actor, Given.Now);
        DialogueQueries.OpenCaps([Views(Sent(), Raised(), Cap(Today.AddDays(20)), Approved(), done).Overview], Today).ShouldBeEmpty();
    }
}
