using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Requirements;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Tests.Requirements;
using Shouldly;

namespace EthicalIct.Tests.SupplierDialogues;

/// <summary>EventModel.md, swimlane "Supplier dialogues": one test per Given/When/Then line.</summary>
public class DialogueScenarioTests
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";
    private static readonly Guid DialogueId = Guid.Parse("0197a000-0000-7000-8000-00000000e001");
    private static readonly Guid QuestionnaireId = Guid.Parse("0197a000-0000-7000-8000-00000000e002");
    private static readonly Guid FindingId = Guid.Parse("0197a000-0000-7000-8000-00000000e003");
    private static readonly Guid ActionId = Guid.Parse("0197a000-0000-7000-8000-00000000e004");
    private static readonly Caller OsloOfficer = new(Oslo, Role.CaseOfficer, "kari@oslo", null);
    private static readonly Caller DfoCoordinator = new(Dfo, Role.Coordinator, "per@dfo", null);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);

    private static SupplierDialogue Opened(params object[] then)
    {
        var d = SupplierDialogue.Create(new SupplierDialogueOpened(DialogueId, Given.SupplierId, "Joint 2026", Oslo, "kari@oslo", Given.Now.AddDays(-30)));
        d.Version = 1;
        foreach (var e in then)
        {
            typeof(SupplierDialogue).GetMethod("Apply", [e.GetType()])!.Invoke(d, [e]);
            d.Version++;
        }

        return d;
    }

    private static QuestionnaireSent Sent(DateOnly? dueOn = null) =>
        new(DialogueId, QuestionnaireId, RequirementSetTests.SetId, 1, SentQuestions.From(RequirementSetTests.Published().Find(1)!), dueOn ?? Today.AddDays(42), Oslo, "kari@oslo", Given.Now.AddDays(-20));

    private static FindingRaised Raised() =>
        new(DialogueId, FindingId, Given.SupplierId, FindingGrade.Major, RiskCode.HS, "blocked exits", null, [], "raised by a buyer", false, Oslo, "kari@oslo", Given.Now.AddDays(-10));

    private static CapSubmitted Cap(DateOnly? dueOn = null) =>
        new(DialogueId, FindingId, Guid.NewGuid(), [new CapAction(ActionId, "clear exits", "plant manager", dueOn ?? Today.AddDays(5))], Dfo, "per@dfo", Given.Now.AddDays(-9));

    private static CapApproved Approved() => new(DialogueId, FindingId, Guid.Empty, "ok", Dfo, "per@dfo", "coordinator", Given.Now.AddDays(-8));

    [Fact]
    public void DLG1_1_a_joint_dialogue_adds_a_participating_organisation_once()
    {
        var d = Opened();
        InviteOrganisationDecision.Check(new InviteOrganisation(Dfo), d).ShouldBeNull();
        var joined = InviteOrganisationDecision.Decide(new InviteOrganisation(Dfo), d, new Caller(Oslo, Role.Coordinator, "ola", null), Given.Now);
        d = Opened(joined);
        d.Participants.ShouldBe([Oslo, Dfo]);
        InviteOrganisationDecision.Check(new InviteOrganisation(Dfo), d)!.Status.ShouldBe(409);
        InviteOrganisationDecision.Check(new InviteOrganisation("999999999"), d)!.Status.ShouldBe(400);
    }

    [Fact]
    public void DLG1_2_an_organisation_leaves_but_the_last_participant_must_close()
    {
        LeaveDialogueDecision.Check(new LeaveDialogue("done"), Opened())!.Status.ShouldBe(409);
        var d = Opened(new OrganisationJoinedDialogue(DialogueId, Dfo, Oslo, "ola", Given.Now));
        LeaveDialogueDecision.Check(new LeaveDialogue("done"), d).ShouldBeNull();
        Opened(new OrganisationJoinedDialogue(DialogueId, Dfo, Oslo, "ola", Given.Now), LeaveDialogueDecision.Decide(new LeaveDialogue("done"), d, DfoCoordinator, Given.Now))
            .Participants.ShouldBe([Oslo]);
    }

    [Fact]
    public void DLG2_1_a_questionnaire_is_built_from_the_adopted_version_and_due_in_six_weeks_by_default()
    {
        var set = RequirementSetTests.Published((Oslo, 1));
        var cmd = new SendQuestionnaire(set.Id, 1);
        var due = SendQuestionnaireDecision.DueOn(cmd, new DialogueOptions(), Given.Now);
        due.ShouldBe(Today.AddDays(42));
        SendQuestionnaireDecision.Check(cmd, set, Oslo, due, Given.Now).ShouldBeNull();
        var e = SendQuestionnaireDecision.Decide(cmd, Opened(), set, QuestionnaireId, due, OsloOfficer, Given.Now);
        e.Questions.Select(q => (q.QuestionId, q.OecdStep, q.BreachIfNo)).ShouldBe([("Q1", 2, true), ("Q2", 2, false)]);
        SendQuestionnaireDecision.DueOn(cmd, new DialogueOptions { QuestionnaireWeeks = 2 }, Given.Now).ShouldBe(Today.AddDays(14));
    }

    [Fact]
    public void DLG2_2_a_version_not_adopted_by_the_sender_or_a_due_date_not_after_today_is_refused()
    {
        var set = RequirementSetTests.Published((Oslo, 1));
        SendQuestionnaireDecision.Check(new SendQuestionnaire(set.Id, 1), set, Dfo, Today.AddDays(42), Given.Now)!.Extensions["errors"].ShouldNotBeNull();
        SendQuestionnaireDecision.Check(new SendQuestionnaire(set.Id, 1), set, Oslo, Today, Given.Now)!.Detail!.ShouldStartWith("dueOn");
        SendQuestionnaireDecision.Check(new SendQuestionnaire(set.Id, 1), set, Oslo, Today.AddDays(1), Given.Now).ShouldBeNull();
        SendQuestionnaireDecision.Check(new SendQuestionnaire(set.Id, 1), null, Oslo, Today.AddDays(1), Given.Now)!.Detail!.ShouldStartWith("requirementSetId");
    }

    [Fact]
    public void DLG3_1_a_no_to_a_breach_question_raises_a_breach_finding_automatically()
    {
        var d = Opened(Sent());
        var cmd = new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.No, "in preparation"), new Answer("Q2", AnswerValue.No)]);
        RecordQuestionnaireResponseDecision.Check(cmd, d, Given.Now).ShouldBeNull();
        var events = RecordQuestionnaireResponseDecision.Decide(cmd, d, Guid.NewGuid, DfoCoordinator, Given.Now);
        events.Count.ShouldBe(2);
        events[0].ShouldBeOfType<QuestionnaireResponseReceived>();
        var finding = events[1].ShouldBeOfType<FindingRaised>();
        finding.Automatic.ShouldBeTrue();
        finding.Grade.ShouldBe(FindingGrade.Major);
        finding.Code.ShouldBe(RiskCode.FL);
        finding.Source.ShouldBe($"questionnaire {QuestionnaireId} question Q1");
        finding.Description.ShouldContain("in preparation");
    }

    [Fact]
    public void DLG3_2_yes_or_not_applicable_to_a_breach_question_raises_nothing()
    {
        var d = Opened(Sent());
        RecordQuestionnaireResponseDecision.Decide(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes)]), d, Guid.NewGuid, DfoCoordinator, Given.Now).Count.ShouldBe(1);
        RecordQuestionnaireResponseDecision.Decide(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.NotApplicable)]), d, Guid.NewGuid, DfoCoordinator, Given.Now).Count.ShouldBe(1);
    }

    [Fact]
    public void DLG3_3_answers_to_questions_of_another_version_dates_in_the_wrong_order_and_a_second_response_are_refused()
    {
        var d = Opened(Sent());
        var other = RecordQuestionnaireResponseDecision.Check(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("V2-Q9", AnswerValue.Yes)]), d, Given.Now)!;
        ((Dictionary<string, string[]>)other.Extensions["errors"]!).Keys.ShouldBe(["answers[0].questionId"]);
        var early = RecordQuestionnaireResponseDecision.Check(new RecordQuestionnaireResponse(QuestionnaireId, Today.AddDays(-21), [new Answer("Q1", AnswerValue.Yes)]), d, Given.Now)!;
        ((Dictionary<string, string[]>)early.Extensions["errors"]!).Keys.ShouldBe(["receivedOn"]);
        var twice = RecordQuestionnaireResponseDecision.Check(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes), new Answer("Q1", AnswerValue.No)]), d, Given.Now)!;
        ((Dictionary<string, string[]>)twice.Extensions["errors"]!).Keys.ShouldBe(["answers"]);

        var received = Opened(Sent(), new QuestionnaireResponseReceived(DialogueId, QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes)], [], Dfo, "per", Given.Now));
        RecordQuestionnaireResponseDecision.Check(new RecordQuestionnaireResponse(QuestionnaireId, Today, [new Answer("Q1", AnswerValue.Yes)]), received, Given.Now)!.Status.ShouldBe(409);
        received.Questionnaire(QuestionnaireId)!.Status.ShouldBe(QuestionnaireStatus.UnderReview);
    }

    [Fact]
    public void DLG4_1_the_questionnaire_overdue_rule_at_its_edges()
    {
        var check = new CheckQuestionnaireOverdue(DialogueId, QuestionnaireId, Today.AddDays(42));
        OverdueRules.Decide(check, Opened(Sent()), Given.Now).Single().ShouldBeOfType<QuestionnaireBecameOverdue>();
        var received = new QuestionnaireResponseReceived(DialogueId, QuestionnaireId, Today, [new Answer("Q2", AnswerValue.Yes)], [], Dfo, "per", Given.Now);
        OverdueRules.Decide(check, Opened(Sent(), received), Given.Now).ShouldBeEmpty();
        OverdueRules.Decide(check, Opened(Sent(), new QuestionnaireBecameOverdue(DialogueId, QuestionnaireId, check.DueOn, Given.Now)), Given.Now).ShouldBeEmpty();
        OverdueRules.Decide(check with { DueOn = check.DueOn.AddDays(-1) }, Opened(Sent()), Given.Now).ShouldBeEmpty();
        OverdueRules.Decide(check, Opened(Sent(), new SupplierDialogueClosed(DialogueId, "s", Oslo, "ola", Given.Now)), Given.Now).ShouldBeEmpty();
        Rules.DayAfter(new DateOnly(2026, 12, 31)).ShouldBe(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void DLG4_2_the_cap_action_overdue_rule_at_its_edges()
    {
        var due = Today.AddDays(5);
        var check = new CheckCapActionOverdue(DialogueId, FindingId, ActionId, due);
        OverdueRules.Decide(check, Opened(Raised(), Cap(due), Approved()), Given.Now).Single().ShouldBeOfType<CapActionBecameOverdue>();
        var done = new CapActionProgressReported(DialogueId, FindingId, ActionId, "done", true, Dfo, "per", Given.Now);
        OverdueRules.Decide(check, Opened(Raised(), Cap(due), Approved(), done), Given.Now).ShouldBeEmpty();
        var extended = new CapActionDeadlineExtended(DialogueId, FindingId, ActionId, due, due.AddDays(10), "parts", Dfo, "per", Given.Now);
        OverdueRules.Decide(check, Opened(Raised(), Cap(due), Approved(), extended), Given.Now).ShouldBeEmpty();
        OverdueRules.Decide(check with { DueOn = due.AddDays(10) }, Opened(Raised(), Cap(due), Approved(), extended), Given.Now).Count.ShouldBe(1);
        var overdue = new CapActionBecameOverdue(DialogueId, FindingId, ActionId, due, Given.Now);
        OverdueRules.Decide(check, Opened(Raised(), Cap(due), Approved(), overdue), Given.Now).ShouldBeEmpty();
        Opened(Raised(), Cap(due), Approved(), overdue, extended).Finding(FindingId)!.Action(ActionId)!.Overdue.ShouldBeFalse();
    }

    [Fact]
    public void DLG5_1_a_plan_needs_actions_with_owners_and_due_dates_not_in_the_past()
    {
        var d = Opened(Raised());
        SubmitCapDecision.Check(new SubmitCap([new PlannedAction("a", "o", Today)]), d, FindingId, Given.Now).ShouldBeNull();
        var bad = SubmitCapDecision.Check(new SubmitCap([new PlannedAction("", "o", Today.AddDays(-1))]), d, FindingId, Given.Now)!;
        ((Dictionary<string, string[]>)bad.Extensions["errors"]!).Keys.ShouldBe(["actions[0].description", "actions[0].dueOn"]);
        SubmitCapDecision.Check(new SubmitCap([new PlannedAction("a", "o", Today)]), Opened(Raised(), Cap()), FindingId, Given.Now)!.Status.ShouldBe(409);
        var cap = SubmitCapDecision.Decide(new SubmitCap([new PlannedAction("a", "o", Today.AddDays(3))]), d, FindingId, Guid.NewGuid, OsloOfficer, Given.Now);
        SubmitCapDecision.Checks(cap).Count.ShouldBe(1);
    }

    [Fact]
    public void DLG5_2_a_plan_cannot_be_approved_for_a_closed_finding_and_a_rejection_allows_a_new_plan()
    {
        var closed = Opened(Raised(), Cap(), new FindingVerified(DialogueId, FindingId, VerificationMethod.Desk, VerificationResult.Passed, "n", [], Dfo, "per", Given.Now),
            new FindingClosed(DialogueId, FindingId, "ok", Oslo, "ola", Given.Now));
        DecideCapDecision.Check(new DecideCap(true, "ok"), closed, FindingId)!.Extensions["findingStatus"].ShouldBe("closed");
        var d = Opened(Raised(), Cap());
        DecideCapDecision.Check(new DecideCap(true, " "), d, FindingId)!.Status.ShouldBe(400);
        var rejected = DecideCapDecision.Decide(new DecideCap(false, "too vague"), d, FindingId, DfoCoordinator, Given.Now).ShouldBeOfType<CapRejected>();
        rejected.DecidedByRole.ShouldBe("coordinator");
        SubmitCapDecision.Check(new SubmitCap([new PlannedAction("a", "o", Today)]), Opened(Raised(), Cap(), rejected), FindingId, Given.Now).ShouldBeNull();
    }

    [Fact]
    public void DLG5_3_an_extension_must_move_the_deadline_later()
    {
        var action = Opened(Raised(), Cap(Today.AddDays(5)), Approved()).Finding(FindingId)!.Action(ActionId)!;
        CapActionDecisions.Validate(new ExtendCapDeadline(Today.AddDays(5), "r"), action).Select(e => e.Field).ShouldBe(["newDueOn"]);
        CapActionDecisions.Validate(new ExtendCapDeadline(Today.AddDays(6), "r"), action).ShouldBeEmpty();
        CapActionDecisions.ActionOfApprovedPlan(Opened(Raised(), Cap()), FindingId, ActionId)!.Status.ShouldBe(409);
    }

    [Fact]
    public void DLG6_1_a_finding_is_closed_only_after_a_passed_verification()
    {
        FindingClosureDecisions.MustBeVerified(Opened(Raised()), FindingId)!.Status.ShouldBe(409);
        var failed = new FindingVerified(DialogueId, FindingId, VerificationMethod.OnSite, VerificationResult.Failed, "still blocked", [], Dfo, "per", Given.Now);
        FindingClosureDecisions.MustBeVerified(Opened(Raised(), failed), FindingId)!.Status.ShouldBe(409);
        var passed = failed with { Result = VerificationResult.Passed };
        FindingClosureDecisions.MustBeVerified(Opened(Raised(), failed, passed), FindingId).ShouldBeNull();
    }

    [Fact]
    public void DLG7_1_an_escalation_is_a_decision_and_a_joint_letter_is_signed_by_all_participants_by_default()
    {
        var d = Opened(new OrganisationJoinedDialogue(DialogueId, Dfo, Oslo, "ola", Given.Now));
        EscalateDecision.Validate(new Escalate(EscalationStep.JointLetter, ""), d, Oslo).Select(e => e.Field).ShouldBe(["rationale"]);
        EscalateDecision.Validate(new Escalate(EscalationStep.JointLetter, "r", OnBehalfOf: [Oslo, "916879067"]), d, Oslo).Select(e => e.Field).ShouldBe(["onBehalfOf[1]"]);
        EscalateDecision.Validate(new Escalate(EscalationStep.JointLetter, "r", OnBehalfOf: [Dfo]), d, Oslo).Select(e => e.Field).ShouldBe(["onBehalfOf"]);
        var e = EscalateDecision.Decide(new Escalate(EscalationStep.JointLetter, "no progress"), d, Guid.NewGuid(), DfoCoordinator, Given.Now);
        e.OnBehalfOf.ShouldBe([Oslo, Dfo]);
        e.DecidedByRole.ShouldBe("coordinator");
        EscalateDecision.Decide(new Escalate(EscalationStep.Reminder, "late"), d, Guid.NewGuid(), OsloOfficer, Given.Now).OnBehalfOf.ShouldBe([Oslo]);
    }

    [Fact]
    public void DLG8_1_a_closed_dialogue_refuses_every_change()
    {
        var d = Opened(new SupplierDialogueClosed(DialogueId, "done", Oslo, "ola", Given.Now));
        DialogueRules.MustBeOpen(d)!.Extensions["dialogueStatus"].ShouldBe("closed");
    }

    [Fact]
    public void DLG9_1_open_caps_by_deadline_and_the_questionnaire_pipeline()
    {
        var d = Opened(Sent(), Raised(), Cap(Today.AddDays(20)), Approved());
        var rows = DialogueQueries.OpenCaps([d], Today).ToList();
        rows.Single().State.ShouldBe(CapDeadlineState.DueSoon);
        DialogueQueries.OpenCaps([d], Today.AddDays(-11)).Single().State.ShouldBe(CapDeadlineState.Later);
        DialogueQueries.OpenCaps([d], Today.AddDays(21)).Single().State.ShouldBe(CapDeadlineState.Overdue);
        DialogueQueries.Pipeline([d]).Single().ShouldBe(new QuestionnairePipelineRow(Given.SupplierId, 1, 0, 0, 0, 0));
    }
}
