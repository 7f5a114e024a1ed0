using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SupplierDialogues;
using Shouldly;
using static EthicalIct.Tests.Assessments.GivenAssessment;

namespace EthicalIct.Tests.ReferenceData;

/// <summary>EventModel.md, "Verification that fits the risk" (VR): the rule fl-cl-beyond-audit-v1 on findings and on conclusions.</summary>
public class VerificationRuleTests
{
    private static readonly Guid DialogueId = Guid.Parse("0197a000-0000-7000-8000-00000000f001");
    private static readonly Guid FindingId = Guid.Parse("0197a000-0000-7000-8000-00000000f002");
    private static readonly Caller OsloOfficer = new("958935420", Role.CaseOfficer, "kari@oslo", "Kari");

    private static SupplierDialogue Dialogue(RiskCode code, params (VerificationMethod Method, VerificationResult Result)[] verifications)
    {
        var d = SupplierDialogue.Create(new SupplierDialogueOpened(DialogueId, Given.SupplierId, "d", OsloOfficer.Actor, Given.Now.AddDays(-30)));
        d.Apply(new FindingRaised(DialogueId, FindingId, Given.SupplierId, FindingGrade.Priority, code, "f", null, [], "raised by a buyer", false, OsloOfficer.Actor, Given.Now.AddDays(-20)));
        foreach (var (method, result) in verifications)
        {
            d.Apply(new FindingVerified(DialogueId, FindingId, method, result, "n", [], OsloOfficer.Actor, Given.Now.AddDays(-5)));
        }

        d.Version = 2 + verifications.Length;
        return d;
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails Close(SupplierDialogue d) => CloseFindingEndpoint.Validate(new CloseFinding("verified"), d, FindingId, OsloOfficer);

    [Fact]
    public void VR1_1_a_forced_labour_finding_does_not_close_on_a_desk_review_or_an_announced_audit()
    {
        var refused = Close(Dialogue(RiskCode.FL, (VerificationMethod.Desk, VerificationResult.Passed), (VerificationMethod.OnSite, VerificationResult.Passed))).ShouldFail(409);
        refused.Extensions["rule"].ShouldBe(VerificationRule.RuleId);
        refused.Extensions["field"].ShouldBe("findingId");
        refused.Detail!.ShouldContain("so far: desk, on-site");
    }

    [Theory]
    [InlineData(VerificationMethod.UnannouncedAudit)]
    [InlineData(VerificationMethod.WorkerInterviews)]
    [InlineData(VerificationMethod.WorkerVoiceSurvey)]
    [InlineData(VerificationMethod.Traceability)]
    [InlineData(VerificationMethod.IndependentMonitor)]
    public void VR1_2_a_forced_or_child_labour_finding_closes_with_a_source_the_supplier_does_not_arrange(VerificationMethod method)
    {
        Close(Dialogue(RiskCode.FL, (VerificationMethod.OnSite, VerificationResult.Passed), (method, VerificationResult.Passed))).ShouldPass();
        Close(Dialogue(RiskCode.CL, (method, VerificationResult.Passed))).ShouldPass();
    }

    [Fact]
    public void VR1_3_a_failed_independent_verification_does_not_count()
    {
        Close(Dialogue(RiskCode.CL, (VerificationMethod.WorkerInterviews, VerificationResult.Failed), (VerificationMethod.OnSite, VerificationResult.Passed))).ShouldFail(409);
        Close(Dialogue(RiskCode.CL, (VerificationMethod.WorkerInterviews, VerificationResult.Failed))).ShouldFail(409).Detail.ShouldBe("A finding is closed only after a verification that passed.");
    }

    [Fact]
    public void VR1_4_other_findings_close_after_any_passed_verification_and_the_closure_names_the_rule()
    {
        var d = Dialogue(RiskCode.HS, (VerificationMethod.Desk, VerificationResult.Passed));
        Close(d).ShouldPass();
        CloseFindingEndpoint.Decide(new CloseFinding(" fixed "), d, FindingId, OsloOfficer, Given.Now)
            .ShouldBe(new FindingClosed(DialogueId, FindingId, "fixed", "fl-cl-beyond-audit-v1", OsloOfficer.Actor, Given.Now));
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails Conclude(AssessmentOutcome outcome, params object[] events) =>
        ConcludeAssessmentEndpoint.Validate(new ConcludeAssessment(outcome, "done"), Fold(events));

    private static DecisionRecorded Decided(bool withEvidence) =>
        new(Id, Guid.NewGuid(), DecisionKind.AcceptMitigation, "audit and interviews", withEvidence ? [EvidenceId] : [], [RiskId], Coordinator.Actor, Given.Now.AddDays(-3));

    [Fact]
    public void VR2_1_no_significant_risk_is_refused_while_a_critical_forced_labour_risk_is_open()
    {
        var refused = Conclude(AssessmentOutcome.NoSignificantRisk, Risk(), Scored(5, 4, 5, 4)).ShouldFail(409);
        (refused.Extensions["field"], refused.Extensions["rule"]).ShouldBe(("outcome", "fl-cl-beyond-audit-v1"));
        Conclude(AssessmentOutcome.RisksMitigated, Risk(), Scored(5, 4, 5, 4)).ShouldPass();
        Conclude(AssessmentOutcome.Escalated, Risk(), Scored(5, 4, 5, 4)).ShouldPass();
    }

    [Fact]
    public void VR2_2_a_closed_critical_child_labour_risk_needs_evidence_behind_it()
    {
        var closedBare = new object[] { Risk(code: RiskCode.CL), Scored(5, 4, 5, 4), Evidence(), Closed() };
        Conclude(AssessmentOutcome.NoSignificantRisk, closedBare).ShouldFail(409).Detail!.ShouldContain("backed by no evidence");
        Conclude(AssessmentOutcome.NoSignificantRisk, [.. closedBare, Decided(withEvidence: false)]).ShouldFail(409);
        Conclude(AssessmentOutcome.NoSignificantRisk, [.. closedBare, Decided(withEvidence: true)]).ShouldPass();
    }

    [Fact]
    public void VR2_3_the_rule_reads_the_latest_score_and_only_forced_and_child_labour()
    {
        Conclude(AssessmentOutcome.NoSignificantRisk, Risk(), Scored(4, 4, 4, 2)).ShouldPass();
        Conclude(AssessmentOutcome.NoSignificantRisk, Risk(), Scored(5, 5, 5, 5), Scored(4, 4, 4, 2, daysAgo: 1)).ShouldPass();
        Conclude(AssessmentOutcome.NoSignificantRisk, Risk(), Scored(4, 4, 4, 2), Scored(5, 5, 5, 5, daysAgo: 1)).ShouldFail(409);
        Conclude(AssessmentOutcome.NoSignificantRisk, Risk(code: RiskCode.WH), Scored(5, 5, 5, 5)).ShouldPass();
        Conclude(AssessmentOutcome.NoSignificantRisk, Risk()).ShouldPass();
    }

    [Fact]
    public void VR2_4_the_conclusion_names_the_rule()
    {
        var (_, concluded) = ConcludeAssessmentEndpoint.Decide(new ConcludeAssessment(AssessmentOutcome.NoSignificantRisk, "done"), Fold(), Coordinator, Given.Now);
        concluded.VerificationRule.ShouldBe("fl-cl-beyond-audit-v1");
    }
}
