using EthicalIct.Api.Evidence;
using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;
using static EthicalIct.Tests.Assessments.GivenAssessment;

namespace EthicalIct.Tests.Assessments;

/// <summary>EventModel.md, swimlane "Assessments": one test per Given/When/Then line.</summary>
public class AssessmentScenarioTests
{
    private static readonly Caller Officer = new(Oslo, Role.CaseOfficer, "kari@oslo", "Kari");
    private static readonly Caller Coordinator = new(Oslo, Role.Coordinator, "ola@oslo", "Ola");
    private static readonly Guid NewId = Guid.Parse("0197a000-0000-7000-8000-00000000ffff");

    private static string[] Fields(IEnumerable<EthicalIct.Api.Infrastructure.FieldError> errors) => [.. errors.Select(e => e.Field)];

    [Fact]
    public void ASM1_1_open_an_assessment_of_a_registered_supplier()
    {
        var cmd = new OpenAssessment(Given.SupplierId, " PC-2026 ", [ProductCategory.Laptop], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Kari");
        OpenAssessmentDecision.Validate(cmd, supplierExists: true).ShouldBeEmpty();
        OpenAssessmentDecision.Decide(cmd, NewId, Officer, Given.Now).ShouldBe(
            new AssessmentOpened(NewId, Given.SupplierId, "PC-2026", cmd.ProductCategories, cmd.PeriodFrom, cmd.PeriodTo, "Kari", Oslo, "kari@oslo", Given.Now));
    }

    [Fact]
    public void ASM1_2_an_unknown_supplier_or_a_backwards_period_is_rejected()
    {
        var cmd = new OpenAssessment(Given.SupplierId, "PC", [ProductCategory.Laptop], new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1), "Kari");
        Fields(OpenAssessmentDecision.Validate(cmd, supplierExists: false)).ShouldBe(["supplierId", "periodTo"]);
    }

    [Fact]
    public void ASM2_1_identify_a_risk_at_a_disclosed_site()
    {
        var siteId = Guid.NewGuid();
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded() with { SiteId = siteId });
        var cmd = new IdentifyRisk(RiskCode.FL, Tier.T2, "CN", "Uyghur labour transfer", "ASPI report", siteId);
        IdentifyRiskDecision.Validate(cmd, supplier).ShouldBeEmpty();
        var e = IdentifyRiskDecision.Decide(cmd, Fold(), NewId, Officer, Given.Now);
        e.ShouldBe(new RiskIdentified(Id, NewId, Given.SupplierId, RiskCode.FL, Tier.T2, "CN", siteId, "Uyghur labour transfer", "ASPI report", Oslo, "kari@oslo", Given.Now));
    }

    [Fact]
    public void ASM2_2_an_unknown_site_or_country_is_rejected()
    {
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded());
        Fields(IdentifyRiskDecision.Validate(new IdentifyRisk(RiskCode.FL, Tier.T2, "XX", "d", "s", Guid.NewGuid()), supplier)).ShouldBe(["country", "siteId"]);
        Fields(IdentifyRiskDecision.Validate(new IdentifyRisk(RiskCode.FL, Tier.T2, "CN", " ", ""), supplier)).ShouldBe(["description", "source"]);
    }

    [Fact]
    public void ASM3_1_assessing_a_risk_records_the_scores_and_the_derived_priority_with_its_rule()
    {
        var e = AssessRiskDecision.Decide(new AssessRisk(1, 1, 5, 1, Connection.Contribute, Leverage.High, "irremediable"), Fold(Risk()), RiskId, Officer, Given.Now);
        e.Severity.ShouldBe(5);
        e.Priority.ShouldBe(Priority.Critical);
        e.Rank.ShouldBe(51);
        e.PriorityRule.ShouldBe("severity-dominates-v1");
        e.Connection.ShouldBe(Connection.Contribute);
        e.AssessedAt.ShouldBe(Given.Now);
    }

    [Fact]
    public void ASM3_2_re_assessment_keeps_the_history()
    {
        var a = Fold(Risk(), Scored(2, 2, 2, 2, daysAgo: 10), Scored(4, 4, 4, 4, daysAgo: 5));
        var risk = a.Risk(RiskId)!;
        risk.ScoreHistory.Select(s => s.Rank).ShouldBe([22, 44]);
        risk.Score!.Priority.ShouldBe(Priority.Critical);
    }

    [Theory]
    [InlineData(0, 1, 1, 1, "scale")]
    [InlineData(1, 6, 1, 1, "scope")]
    [InlineData(1, 1, 9, 1, "irremediability")]
    [InlineData(1, 1, 1, -2, "likelihood")]
    public void ASM3_3_a_score_outside_1_to_5_is_rejected(int scale, int scope, int irr, int likelihood, string field) =>
        Fields(AssessRiskDecision.Validate(new AssessRisk(scale, scope, irr, likelihood, Connection.Cause, Leverage.Low))).ShouldBe([field]);

    [Fact]
    public void ASM3_4_a_closed_or_unknown_risk_cannot_be_assessed()
    {
        var a = Fold(Risk(), Closed());
        AssessmentRules.RiskMustBeOpen(a, RiskId)!.Status.ShouldBe(409);
        AssessmentRules.RiskMustExist(a, Guid.NewGuid())!.Status.ShouldBe(404);
    }

    [Fact]
    public void ASM4_1_a_mitigation_has_an_owner_and_a_due_date_not_in_the_past()
    {
        var today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
        DecideMitigationDecision.Validate(new DecideMitigation("map tier 2", "Supplier", today), Given.Now).ShouldBeEmpty();
        Fields(DecideMitigationDecision.Validate(new DecideMitigation("map tier 2", "", today.AddDays(-1)), Given.Now)).ShouldBe(["owner", "dueDate"]);
        var e = DecideMitigationDecision.Decide(new DecideMitigation("map tier 2", "Supplier", today), Fold(Risk()), RiskId, NewId, Officer, Given.Now);
        Fold(Risk(), e).Risk(RiskId)!.Mitigations.Single().DueDate.ShouldBe(today);
    }

    [Fact]
    public void ASM5_1_a_risk_is_closed_with_a_reason()
    {
        Fields(CloseRiskDecision.Validate(new CloseRisk(" "))).ShouldBe(["reason"]);
        var e = CloseRiskDecision.Decide(new CloseRisk("remedied"), Fold(Risk()), RiskId, Officer, Given.Now);
        var risk = Fold(Risk(), e).Risk(RiskId)!;
        risk.Status.ShouldBe(RiskStatus.Closed);
        risk.ClosedAt.ShouldBe(Given.Now);
    }

    [Fact]
    public void ASM6_1_evidence_is_registered_with_the_uploaded_files_hash_size_and_type()
    {
        var cmd = new RegisterEvidence("Audit", EvidenceKind.AuditReport, new DateOnly(2026, 10, 1), "RBA", AccessClass.Exempt, Sha, "audit.pdf", "offl. § 13");
        RegisterEvidenceDecision.Validate(cmd, Fold(), Uploaded, Given.Now).ShouldBeEmpty();
        var e = RegisterEvidenceDecision.Decide(cmd, Fold(), Uploaded, NewId, Officer, Given.Now);
        e.Sha256.ShouldBe(Sha);
        e.SizeBytes.ShouldBe(10);
        e.ContentType.ShouldBe("application/pdf");
        e.LegalBasis.ShouldBe("offl. § 13");
    }

    [Fact]
    public void ASM6_2_the_access_class_and_its_legal_basis_go_together()
    {
        var exempt = new RegisterEvidence("A", EvidenceKind.Other, new DateOnly(2026, 1, 1), "s", AccessClass.Exempt, Sha, "f");
        Fields(RegisterEvidenceDecision.Validate(exempt, Fold(), Uploaded, Given.Now)).ShouldBe(["legalBasis"]);
        var open = exempt with { AccessClass = AccessClass.Open, LegalBasis = "offl. § 13" };
        Fields(RegisterEvidenceDecision.Validate(open, Fold(), Uploaded, Given.Now)).ShouldBe(["legalBasis"]);
    }

    [Fact]
    public void ASM6_3_the_file_must_have_been_uploaded_by_the_organisation_and_the_date_be_past()
    {
        var cmd = new RegisterEvidence("A", EvidenceKind.Other, DateOnly.FromDateTime(Given.Now.UtcDateTime).AddDays(1), "s", AccessClass.Open, Sha, "f");
        Fields(RegisterEvidenceDecision.Validate(cmd, Fold(), file: null, Given.Now)).ShouldBe(["receivedOn", "sha256"]);
        Fields(RegisterEvidenceDecision.Validate(cmd with { Sha256 = "ABC", ReceivedOn = new DateOnly(2026, 1, 1) }, Fold(), null, Given.Now)).ShouldBe(["sha256"]);
    }

    [Fact]
    public void ASM6_4_corrected_evidence_supersedes_the_old_once()
    {
        var replacement = Guid.NewGuid();
        var a = Fold(Evidence(), Evidence(replacement, supersedes: EvidenceId));
        a.Evidence[0].SupersededBy.ShouldBe(replacement);
        a.Evidence[1].Supersedes.ShouldBe(EvidenceId);

        var again = new RegisterEvidence("A", EvidenceKind.Other, new DateOnly(2026, 1, 1), "s", AccessClass.Open, Sha, "f", Supersedes: EvidenceId);
        Fields(RegisterEvidenceDecision.Validate(again, a, Uploaded, Given.Now)).ShouldBe(["supersedes"]);
        Fields(RegisterEvidenceDecision.Validate(again with { Supersedes = Guid.NewGuid() }, a, Uploaded, Given.Now)).ShouldBe(["supersedes"]);
    }

    [Fact]
    public void ASM7_1_a_decision_records_kind_rationale_evidence_person_and_role()
    {
        var a = Fold(Risk(), Evidence());
        var cmd = new RecordDecision(DecisionKind.RequestAudit, " audit the Chongqing plant ", [EvidenceId], [RiskId]);
        RecordDecisionDecision.Validate(cmd, a).ShouldBeEmpty();
        RecordDecisionDecision.Decide(cmd, a, NewId, Coordinator, Given.Now).ShouldBe(new DecisionRecorded(
            Id, NewId, DecisionKind.RequestAudit, "audit the Chongqing plant", [EvidenceId], [RiskId], Oslo, "ola@oslo", "coordinator", Given.Now),
            new DecisionRecordedComparer());
    }

    [Fact]
    public void ASM7_2_a_decision_without_a_rationale_or_citing_evidence_not_in_this_assessment_is_rejected()
    {
        var a = Fold(Risk(), Evidence());
        Fields(RecordDecisionDecision.Validate(new RecordDecision(DecisionKind.Escalate, " "), a)).ShouldBe(["rationale"]);
        Fields(RecordDecisionDecision.Validate(new RecordDecision(DecisionKind.Escalate, "r", [EvidenceId, Guid.NewGuid()]), a)).ShouldBe(["evidenceIds[1]"]);
        Fields(RecordDecisionDecision.Validate(new RecordDecision(DecisionKind.Escalate, "r", [EvidenceId, EvidenceId]), a)).ShouldBe(["evidenceIds"]);
    }

    [Fact]
    public void ASM7_3_prioritising_and_accepting_a_mitigation_name_their_risks_and_concluding_has_its_own_command()
    {
        var a = Fold(Risk());
        Fields(RecordDecisionDecision.Validate(new RecordDecision(DecisionKind.Prioritise, "r"), a)).ShouldBe(["riskIds"]);
        Fields(RecordDecisionDecision.Validate(new RecordDecision(DecisionKind.AcceptMitigation, "r", RiskIds: [Guid.NewGuid()]), a)).ShouldBe(["riskIds[0]"]);
        Fields(RecordDecisionDecision.Validate(new RecordDecision(DecisionKind.Conclude, "r"), a)).ShouldBe(["kind"]);
    }

    [Fact]
    public void ASM8_1_concluding_records_the_conclude_decision_and_the_conclusion()
    {
        var events = ConcludeAssessmentDecision.Decide(new ConcludeAssessment(AssessmentOutcome.Escalated, "no response", [EvidenceId]), Fold(Evidence()), NewId, Coordinator, Given.Now);
        events.Length.ShouldBe(2);
        var decision = events[0].ShouldBeOfType<DecisionRecorded>();
        decision.Kind.ShouldBe(DecisionKind.Conclude);
        decision.DecidedByRole.ShouldBe("coordinator");
        events[1].ShouldBe(new AssessmentConcluded(Id, Given.SupplierId, AssessmentOutcome.Escalated, "no response", NewId, Oslo, "ola@oslo", Given.Now));
        Fields(ConcludeAssessmentDecision.Validate(new ConcludeAssessment(AssessmentOutcome.Escalated, ""), Fold())).ShouldBe(["rationale"]);
    }

    [Fact]
    public void ASM8_2_a_concluded_assessment_refuses_every_change_but_reopening()
    {
        var a = Fold(Risk(), Concluded());
        a.Status.ShouldBe(AssessmentStatus.Concluded);
        AssessmentRules.MustBeOpen(a)!.Status.ShouldBe(409);
        ReopenAssessmentDecision.MustBeConcluded(a).ShouldBeNull();
    }

    [Fact]
    public void ASM9_1_reopening_needs_a_concluded_assessment_and_a_reason()
    {
        ReopenAssessmentDecision.MustBeConcluded(Fold())!.Status.ShouldBe(409);
        Fields(ReopenAssessmentDecision.Validate(new ReopenAssessment(""))).ShouldBe(["reason"]);
        var e = ReopenAssessmentDecision.Decide(new ReopenAssessment("new alert"), Fold(Concluded()), Coordinator, Given.Now);
        var a = Fold(Concluded(), e);
        a.Status.ShouldBe(AssessmentStatus.Open);
        a.Outcome.ShouldBe(AssessmentOutcome.NoSignificantRisk);
    }

    private sealed class DecisionRecordedComparer : IEqualityComparer<DecisionRecorded>
    {
        public bool Equals(DecisionRecorded? x, DecisionRecorded? y) =>
            x is not null && y is not null && x with { EvidenceIds = [], RiskIds = [] } == y with { EvidenceIds = [], RiskIds = [] }
            && x.EvidenceIds.SequenceEqual(y.EvidenceIds) && x.RiskIds.SequenceEqual(y.RiskIds);

        public int GetHashCode(DecisionRecorded obj) => obj.DecisionId.GetHashCode();
    }
}
