using EthicalIct.Api.Assessments;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Tests.Assessments;
using Shouldly;

namespace EthicalIct.Tests.Disclosures;

/// <summary>EventModel.md, swimlane "Disclosure": one test per Given/When/Then line (the redaction rules).</summary>
public class DisclosureScenarioTests
{
    private static readonly Caller Coordinator = GivenAssessment.Coordinator;
    private static readonly Guid DialogueId = Guid.Parse("0197a000-0000-7000-8000-00000000d001");
    private static readonly Guid FindingId = Guid.Parse("0197a000-0000-7000-8000-00000000d002");
    private static readonly Guid ActionId = Guid.Parse("0197a000-0000-7000-8000-00000000d003");

    private static SupplierDialogueDetails Dialogue(bool withPlan = true)
    {
        var d = SupplierDialogueDetails.Create(new SupplierDialogueOpened(DialogueId, Given.SupplierId, "Follow-up", Coordinator.Actor, Given.Now.AddDays(-20)));
        d.Apply(new FindingRaised(DialogueId, FindingId, Given.SupplierId, FindingGrade.Major, RiskCode.FL, "passports withheld", null, [], "raised by a buyer", false,
            Coordinator.Actor, Given.Now.AddDays(-10)));
        if (withPlan)
        {
            d.Apply(new CapSubmitted(DialogueId, FindingId, Guid.NewGuid(), [new CapAction(ActionId, "return passports", "HR", new DateOnly(2026, 12, 24))],
                Coordinator.Actor, Given.Now.AddDays(-5)));
        }

        return d;
    }

    [Fact]
    public void DIS1_1_a_risk_summary_shows_code_tier_country_priority_and_status_and_the_description_and_measures_only_when_chosen()
    {
        var assessment = GivenAssessment.Details(GivenAssessment.Risk(), GivenAssessment.Scored(3, 3, 5, 4));
        DiscloseRiskSummaryEndpoint.Validate(new DiscloseRiskSummary(), assessment, GivenAssessment.Id, GivenAssessment.RiskId).ShouldPass();
        var minimal = DiscloseRiskSummaryEndpoint.Decide(new DiscloseRiskSummary(), assessment, GivenAssessment.RiskId, Coordinator, Given.Now);
        (minimal.Code, minimal.Tier, minimal.Country, minimal.Status).ShouldBe((RiskCode.FL, Tier.T2, "CN", RiskStatus.Open));
        minimal.Priority.ShouldBe(assessment.Risks[0].Score!.Priority);
        minimal.Description.ShouldBeNull();
        minimal.Measures.ShouldBeNull();
        minimal.By.ShouldBe(Coordinator.Actor);

        var full = DiscloseRiskSummaryEndpoint.Decide(new DiscloseRiskSummary(ShowDescription: true, ShowMeasures: true), assessment, GivenAssessment.RiskId, Coordinator,
            Given.Now);
        full.Description.ShouldBe("forced labour");
        full.Measures.ShouldBeEmpty();
    }

    [Fact]
    public void DIS1_2_another_organisations_or_an_unknown_assessment_or_risk_is_not_found()
    {
        DiscloseRiskSummaryEndpoint.Validate(new DiscloseRiskSummary(), null, GivenAssessment.Id, GivenAssessment.RiskId).ShouldFail(404);
        DiscloseRiskSummaryEndpoint.Validate(new DiscloseRiskSummary(), GivenAssessment.Details(), GivenAssessment.Id, GivenAssessment.RiskId).ShouldFail(404);
    }

    [Fact]
    public void DIS2_1_a_finding_is_disclosed_with_its_plan_status_and_due_dates_and_its_texts_only_when_chosen()
    {
        var dialogue = Dialogue();
        DiscloseFindingEndpoint.Validate(new DiscloseFinding(), dialogue, DialogueId, FindingId, Coordinator).ShouldPass();
        var e = DiscloseFindingEndpoint.Decide(new DiscloseFinding(), dialogue, FindingId, Coordinator, Given.Now);
        (e.Grade, e.Code, e.Status, e.CapStatus).ShouldBe((FindingGrade.Major, RiskCode.FL, FindingStatus.Open, CapStatus.Submitted));
        e.Actions.ShouldBe([new DisclosedAction(ActionId, new DateOnly(2026, 12, 24), false, false, null)]);
        e.Description.ShouldBeNull();

        var shown = DiscloseFindingEndpoint.Decide(new DiscloseFinding(ShowDescription: true, ShowActions: true), dialogue, FindingId, Coordinator, Given.Now);
        shown.Description.ShouldBe("passports withheld");
        shown.Actions[0].Description.ShouldBe("return passports");
        DiscloseFindingEndpoint.Decide(new DiscloseFinding(), Dialogue(withPlan: false), FindingId, Coordinator, Given.Now).CapStatus.ShouldBeNull();
    }

    [Fact]
    public void DIS2_2_a_non_participant_or_an_unknown_finding_is_not_found()
    {
        DiscloseFindingEndpoint.Validate(new DiscloseFinding(), Dialogue(), DialogueId, FindingId, Given.DfoCoordinator).ShouldFail(404);
        DiscloseFindingEndpoint.Validate(new DiscloseFinding(), Dialogue(), DialogueId, Guid.NewGuid(), Coordinator).ShouldFail(404);
        DiscloseFindingEndpoint.Validate(new DiscloseFinding(), null, DialogueId, FindingId, Coordinator).ShouldFail(404);
    }

    [Fact]
    public void DIS3_1_only_a_concluded_assessment_has_an_outcome_to_disclose_and_the_rationale_is_shown_only_when_chosen()
    {
        DiscloseAssessmentOutcomeEndpoint.Validate(new DiscloseAssessmentOutcome(), GivenAssessment.Details(), GivenAssessment.Id).ShouldFail(409);
        var concluded = GivenAssessment.Details(GivenAssessment.Concluded());
        DiscloseAssessmentOutcomeEndpoint.Validate(new DiscloseAssessmentOutcome(), concluded, GivenAssessment.Id).ShouldPass();
        var e = DiscloseAssessmentOutcomeEndpoint.Decide(new DiscloseAssessmentOutcome(), concluded, Coordinator, Given.Now);
        (e.Outcome, e.Rationale).ShouldBe((AssessmentOutcome.NoSignificantRisk, null));
        e.ConcludedAt.ShouldBe(Given.Now.AddDays(-1));
        DiscloseAssessmentOutcomeEndpoint.Decide(new DiscloseAssessmentOutcome(ShowRationale: true), concluded, Coordinator, Given.Now).Rationale.ShouldBe("fine");
    }

    [Fact]
    public void DIS4_1_evidence_is_disclosed_by_its_hash_and_the_file_and_source_only_when_chosen()
    {
        var assessment = GivenAssessment.Details(GivenAssessment.Evidence());
        DiscloseEvidenceEndpoint.Validate(new DiscloseEvidence(), assessment, GivenAssessment.Id, Guid.NewGuid()).ShouldFail(404);
        var hidden = DiscloseEvidenceEndpoint.Decide(new DiscloseEvidence(), assessment, GivenAssessment.EvidenceId, Coordinator, Given.Now);
        (hidden.Sha256, hidden.FileShown, hidden.FileName, hidden.Source).ShouldBe((GivenAssessment.Sha, false, null, null));
        var shown = DiscloseEvidenceEndpoint.Decide(new DiscloseEvidence(ShowFile: true, ShowSource: true), assessment, GivenAssessment.EvidenceId, Coordinator, Given.Now);
        (shown.FileShown, shown.FileName, shown.ContentType, shown.Source).ShouldBe((true, "audit.pdf", "application/pdf", "RBA"));
    }

    [Fact]
    public void DIS5_1_a_withdrawal_is_a_second_fact_with_a_reason_and_happens_once()
    {
        var disclosed = DiscloseFindingEndpoint.Decide(new DiscloseFinding(), Dialogue(), FindingId, Coordinator, Given.Now);
        var disclosure = Disclosure.Create(disclosed);
        disclosure.Version = 1;
        WithdrawDisclosureEndpoint.Validate(new WithdrawDisclosure(" "), disclosure).ShouldFail(400).Fields().ShouldBe(["reason"]);
        WithdrawDisclosureEndpoint.Validate(new WithdrawDisclosure("shared by mistake"), disclosure).ShouldPass();
        var withdrawn = WithdrawDisclosureEndpoint.Decide(new WithdrawDisclosure(" shared by mistake "), disclosure, Coordinator, Given.Now);
        (withdrawn.DisclosureId, withdrawn.Reason).ShouldBe((disclosed.DisclosureId, "shared by mistake"));
        disclosure.Apply(withdrawn);
        WithdrawDisclosureEndpoint.Validate(new WithdrawDisclosure("again"), disclosure).ShouldFail(409);
    }
}
