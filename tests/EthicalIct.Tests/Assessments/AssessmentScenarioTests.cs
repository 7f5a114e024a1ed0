using EthicalIct.Api.Assessments;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;
using static EthicalIct.Tests.Assessments.GivenAssessment;

namespace EthicalIct.Tests.Assessments;

/// <summary>EventModel.md, swimlane "Assessments": one test per Given/When/Then line.</summary>
public class AssessmentScenarioTests
{
    private static readonly Guid NewId = Guid.Parse("0197a000-0000-7000-8000-00000000ffff");

    [Fact]
    public void ASM1_1_open_an_assessment_of_a_registered_supplier()
    {
        var cmd = new OpenAssessment(Given.SupplierId, " PC-2026 ", [ProductCategory.Laptop], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Kari");
        OpenAssessmentEndpoint.Validate(cmd, Given.SupplierView(Given.Registered())).ShouldPass();
        OpenAssessmentEndpoint.Decide(cmd, NewId, Officer, Given.Now).ShouldBe(
            new AssessmentOpened(NewId, Given.SupplierId, "PC-2026", cmd.ProductCategories, cmd.PeriodFrom, cmd.PeriodTo, "Kari", Officer.Actor, Given.Now));
    }

    [Fact]
    public void ASM1_2_an_unknown_supplier_or_a_backwards_period_is_rejected()
    {
        var cmd = new OpenAssessment(Given.SupplierId, "PC", [ProductCategory.Laptop], new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1), "Kari");
        OpenAssessmentEndpoint.Validate(cmd, supplier: null).ShouldFail(400).Fields().ShouldBe(["supplierId", "periodTo"]);
    }

    [Fact]
    public void ASM2_1_identify_a_risk_at_a_disclosed_site()
    {
        var supplier = Given.SupplierView(Given.Registered(), Given.SiteRecorded());
        var cmd = new IdentifyRisk(RiskCode.FL, Tier.T2, "CN", "Uyghur labour transfer", "ASPI report", Given.SiteId);
        IdentifyRiskEndpoint.Validate(cmd, Fold(), supplier).ShouldPass();
        var e = IdentifyRiskEndpoint.Decide(cmd, Fold(), Officer, Given.Now);
        e.ShouldBe(new RiskIdentified(Id, e.RiskId, Given.SupplierId, RiskCode.FL, Tier.T2, "CN", Given.SiteId, "Uyghur labour transfer", "ASPI report", Officer.Actor, Given.Now));
        e.RiskId.ShouldNotBe(IdentifyRiskEndpoint.Decide(cmd, Fold(Risk()), Officer, Given.Now).RiskId, "a new id for each version of the stream");
    }

    [Fact]
    public void ASM2_2_an_unknown_site_or_country_is_rejected()
    {
        var supplier = Given.SupplierView(Given.Registered(), Given.SiteRecorded());
        IdentifyRiskEndpoint.Validate(new IdentifyRisk(RiskCode.FL, Tier.T2, "XX", "d", "s", Guid.NewGuid()), Fold(), supplier).ShouldFail(400).Fields().ShouldBe(["country", "siteId"]);
        IdentifyRiskEndpoint.Validate(new IdentifyRisk(RiskCode.FL, Tier.T2, "CN", " ", ""), Fold(), supplier).ShouldFail(400).Fields().ShouldBe(["description", "source"]);
    }

    [Fact]
    public void ASM3_1_assessing_a_risk_records_the_scores_and_the_derived_priority_with_its_rule()
    {
        var cmd = new AssessRisk(1, 1, 5, 1, Connection.Contribute, Leverage.High, "irremediable");
        AssessRiskEndpoint.Validate(cmd, Fold(Risk()), RiskId).ShouldPass();
        var e = AssessRiskEndpoint.Decide(cmd, Fold(Risk()), RiskId, Officer, Given.Now);
        e.Severity.ShouldBe(5);
        e.Priority.ShouldBe(Priority.Critical);
        e.Rank.ShouldBe(51);
        e.PriorityRule.ShouldBe("severity-dominates-v1");
        e.Connection.ShouldBe(Connection.Contribute);
        e.By.ShouldBe(Officer.Actor);
        e.At.ShouldBe(Given.Now);
    }

    [Fact]
    public void ASM3_2_re_assessment_keeps_the_history()
    {
        var risk = Details(Risk(), Scored(2, 2, 2, 2, daysAgo: 10), Scored(4, 4, 4, 4, daysAgo: 5)).Risk(RiskId)!;
        risk.ScoreHistory.Select(s => s.Rank).ShouldBe([22, 44]);
        risk.ScoreHistory.Select(s => s.At).ShouldBe([Given.Now.AddDays(-10), Given.Now.AddDays(-5)]);
        risk.Score!.Priority.ShouldBe(Priority.Critical);
    }

    [Theory]
    [InlineData(0, 1, 1, 1, "scale")]
    [InlineData(1, 6, 1, 1, "scope")]
    [InlineData(1, 1, 9, 1, "irremediability")]
    [InlineData(1, 1, 1, -2, "likelihood")]
    public void ASM3_3_a_score_outside_1_to_5_is_rejected(int scale, int scope, int irr, int likelihood, string field) =>
        AssessRiskEndpoint.Validate(new AssessRisk(scale, scope, irr, likelihood, Connection.Cause, Leverage.Low), Fold(Risk()), RiskId).ShouldFail(400).Fields().ShouldBe([field]);

    [Fact]
    public void ASM3_4_a_closed_or_unknown_risk_cannot_be_assessed()
    {
        var cmd = new AssessRisk(1, 1, 1, 1, Connection.Cause, Leverage.Low);
        AssessRiskEndpoint.Validate(cmd, Fold(Risk(), Closed()), RiskId).ShouldFail(409);
        AssessRiskEndpoint.Validate(cmd, Fold(Risk()), Guid.NewGuid()).ShouldFail(404);
    }

    [Fact]
    public void ASM4_1_a_mitigation_has_an_owner_and_a_due_date_not_in_the_past()
    {
        var today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
        DecideMitigationEndpoint.Validate(new DecideMitigation("map tier 2", "Supplier", today), Fold(Risk()), RiskId, Given.Now).ShouldPass();
        DecideMitigationEndpoint.Validate(new DecideMitigation("map tier 2", "", today.AddDays(-1)), Fold(Risk()), RiskId, Given.Now).ShouldFail(400).Fields()
            .ShouldBe(["owner", "dueDate"]);
        var e = DecideMitigationEndpoint.Decide(new DecideMitigation("map tier 2", "Supplier", today), Fold(Risk()), RiskId, Officer, Given.Now);
        Details(Risk(), e).Risk(RiskId)!.Mitigations.Single().ShouldBe(new Mitigation(e.MeasureId, "map tier 2", "Supplier", today, Officer.Actor, Given.Now));
    }

    [Fact]
    public void ASM5_1_a_risk_is_closed_with_a_reason()
    {
        CloseRiskEndpoint.Validate(new CloseRisk(" "), Fold(Risk()), RiskId).ShouldFail(400).Fields().ShouldBe(["reason"]);
        var e = CloseRiskEndpoint.Decide(new CloseRisk("remedied"), Fold(Risk()), RiskId, Officer, Given.Now);
        Fold(Risk(), e).RiskIsOpen(RiskId).ShouldBeFalse();
        var risk = Details(Risk(), e).Risk(RiskId)!;
        risk.Status.ShouldBe(RiskStatus.Closed);
        risk.ClosedAt.ShouldBe(Given.Now);
        risk.ClosedBy.ShouldBe(Officer.Actor);
    }

    [Fact]
    public void ASM6_1_evidence_is_registered_with_the_uploaded_files_hash_size_and_type()
    {
        var cmd = new RegisterEvidence("Audit", EvidenceKind.AuditReport, new DateOnly(2026, 10, 1), "RBA", AccessClass.Exempt, Sha, "audit.pdf", "offl. § 13");
        RegisterEvidenceEndpoint.Validate(cmd, Fold(), Uploaded, Given.Now).ShouldPass();
        var e = RegisterEvidenceEndpoint.Decide(cmd, Fold(), Uploaded, Officer, Given.Now);
        e.Sha256.ShouldBe(Sha);
        e.SizeBytes.ShouldBe(10);
        e.ContentType.ShouldBe("application/pdf");
        e.LegalBasis.ShouldBe("offl. § 13");
    }

    [Fact]
    public void ASM6_2_the_access_class_and_its_legal_basis_go_together()
    {
        var exempt = new RegisterEvidence("A", EvidenceKind.Other, new DateOnly(2026, 1, 1), "s", AccessClass.Exempt, Sha, "f");
        RegisterEvidenceEndpoint.Validate(exempt, Fold(), Uploaded, Given.Now).ShouldFail(400).Fields().ShouldBe(["legalBasis"]);
        var open = exempt with { AccessClass = AccessClass.Open, LegalBasis = "offl. § 13" };
        RegisterEvidenceEndpoint.Validate(open, Fold(), Uploaded, Given.Now).ShouldFail(400).Fields().ShouldBe(["legalBasis"]);
    }

    [Fact]
    public void ASM6_3_the_file_must_have_been_uploaded_by_the_organisation_and_the_date_be_past()
    {
        var cmd = new RegisterEvidence("A", EvidenceKind.Other, DateOnly.FromDateTime(Given.Now.UtcDateTime).AddDays(1), "s", AccessClass.Open, Sha, "f");
        RegisterEvidenceEndpoint.Validate(cmd, Fold(), file: null, Given.Now).ShouldFail(400).Fields().ShouldBe(["receivedOn", "sha256"]);
        RegisterEvidenceEndpoint.Validate(cmd with { Sha256 = "ABC", ReceivedOn = new DateOnly(2026, 1, 1) }, Fold(), null, Given.Now).ShouldFail(400).Fields().ShouldBe(["sha256"]);
    }

    [Fact]
    public void ASM6_4_corrected_evidence_supersedes_the_old_once()
    {
        var replacement = Guid.NewGuid();
        var view = Details(Evidence(), Evidence(replacement, supersedes: EvidenceId));
        view.Evidence[0].SupersededBy.ShouldBe(replacement);
        view.Evidence[1].Supersedes.ShouldBe(EvidenceId);

        var a = Fold(Evidence(), Evidence(replacement, supersedes: EvidenceId));
        var again = new RegisterEvidence("A", EvidenceKind.Other, new DateOnly(2026, 1, 1), "s", AccessClass.Open, Sha, "f", Supersedes: EvidenceId);
        RegisterEvidenceEndpoint.Validate(again, a, Uploaded, Given.Now).ShouldFail(400).Fields().ShouldBe(["supersedes"]);
        RegisterEvidenceEndpoint.Validate(again with { Supersedes = Guid.NewGuid() }, a, Uploaded, Given.Now).ShouldFail(400).Fields().ShouldBe(["supersedes"]);
    }

    [Fact]
    public void ASM7_1_a_decision_records_kind_rationale_evidence_person_and_role()
    {
        var a = Fold(Risk(), Evidence());
        var cmd = new RecordDecision(DecisionKind.RequestAudit, " audit the Chongqing plant ", [EvidenceId], [RiskId]);
        RecordDecisionEndpoint.Validate(cmd, a).ShouldPass();
        var e = RecordDecisionEndpoint.Decide(cmd, a, Coordinator, Given.Now);
        e.Kind.ShouldBe(DecisionKind.RequestAudit);
        e.Rationale.ShouldBe("audit the Chongqing plant");
        e.EvidenceIds.ShouldBe([EvidenceId]);
        e.RiskIds.ShouldBe([RiskId]);
        e.By.ShouldBe(new EthicalIct.Api.Identity.Actor(Oslo, "ola@oslo", "Ola", "coordinator"));
        e.At.ShouldBe(Given.Now);
    }

    [Fact]
    public void ASM7_2_a_decision_without_a_rationale_or_citing_evidence_not_in_this_assessment_is_rejected()
    {
        var a = Fold(Risk(), Evidence());
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.Escalate, " "), a).ShouldFail(400).Fields().ShouldBe(["rationale"]);
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.Escalate, "r", [EvidenceId, Guid.NewGuid()]), a).ShouldFail(400).Fields().ShouldBe(["evidenceIds[1]"]);
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.Escalate, "r", [EvidenceId, EvidenceId]), a).ShouldFail(400).Fields().ShouldBe(["evidenceIds"]);
    }

    [Fact]
    public void ASM7_3_prioritising_and_accepting_a_mitigation_name_their_risks_and_concluding_has_its_own_command()
    {
        var a = Fold(Risk());
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.Prioritise, "r"), a).ShouldFail(400).Fields().ShouldBe(["riskIds"]);
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.AcceptMitigation, "r", RiskIds: [Guid.NewGuid()]), a).ShouldFail(400).Fields().ShouldBe(["riskIds[0]"]);
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.Conclude, "r"), a).ShouldFail(400).Fields().ShouldBe(["kind"]);
    }

    [Fact]
    public void ASM8_1_concluding_records_the_conclude_decision_and_the_conclusion()
    {
        var (decision, conclusion) = ConcludeAssessmentEndpoint.Decide(new ConcludeAssessment(AssessmentOutcome.Escalated, "no response", [EvidenceId]), Fold(Evidence()), Coordinator, Given.Now);
        decision.Kind.ShouldBe(DecisionKind.Conclude);
        decision.By.Role.ShouldBe("coordinator");
        conclusion.ShouldBe(new AssessmentConcluded(Id, Given.SupplierId, AssessmentOutcome.Escalated, "no response", decision.DecisionId, VerificationRule.RuleId, Coordinator.Actor, Given.Now));
        ConcludeAssessmentEndpoint.Validate(new ConcludeAssessment(AssessmentOutcome.Escalated, ""), Fold()).ShouldFail(400).Fields().ShouldBe(["rationale"]);
    }

    [Fact]
    public void ASM8_2_a_concluded_assessment_refuses_every_change_but_reopening()
    {
        var a = Fold(Risk(), Concluded());
        a.Status.ShouldBe(AssessmentStatus.Concluded);
        IdentifyRiskEndpoint.Validate(new IdentifyRisk(RiskCode.FL, Tier.T2, "CN", "d", "s"), a, null).ShouldFail(409).Extensions["assessmentStatus"].ShouldBe("concluded");
        CloseRiskEndpoint.Validate(new CloseRisk("r"), a, RiskId).ShouldFail(409);
        RecordDecisionEndpoint.Validate(new RecordDecision(DecisionKind.Escalate, "r"), a).ShouldFail(409);
        ReopenAssessmentEndpoint.Validate(new ReopenAssessment("new alert"), a).ShouldPass();
    }

    [Fact]
    public void ASM9_1_reopening_needs_a_concluded_assessment_and_a_reason()
    {
        ReopenAssessmentEndpoint.Validate(new ReopenAssessment("r"), Fold()).ShouldFail(409);
        ReopenAssessmentEndpoint.Validate(new ReopenAssessment(""), Fold(Concluded())).ShouldFail(400).Fields().ShouldBe(["reason"]);
        var e = ReopenAssessmentEndpoint.Decide(new ReopenAssessment("new alert"), Fold(Concluded()), Coordinator, Given.Now);
        Fold(Concluded(), e).Status.ShouldBe(AssessmentStatus.Open);
        var view = Details(Concluded(), e);
        view.Status.ShouldBe(AssessmentStatus.Open);
        view.Outcome.ShouldBe(AssessmentOutcome.NoSignificantRisk);
        view.StatusHistory.Select(s => s.Status).ShouldBe([AssessmentStatus.Concluded, AssessmentStatus.Open]);
        view.StatusHistory[1].Reason.ShouldBe("new alert");
    }
}
