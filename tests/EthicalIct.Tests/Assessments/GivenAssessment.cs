using EthicalIct.Api.Assessments;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Tests.Assessments;

/// <summary>Events and folds for the assessment scenarios.</summary>
public static class GivenAssessment
{
    public static readonly Guid Id = Guid.Parse("0197a000-0000-7000-8000-00000000a001");
    public static readonly Guid RiskId = Guid.Parse("0197a000-0000-7000-8000-00000000b001");
    public static readonly Guid EvidenceId = Guid.Parse("0197a000-0000-7000-8000-00000000c001");
    public static readonly string Sha = new('a', 64);
    public const string Oslo = "958935420";
    public static readonly Caller Officer = new(Oslo, Role.CaseOfficer, "kari@oslo", "Kari");
    public static readonly Caller Coordinator = new(Oslo, Role.Coordinator, "ola@oslo", "Ola");

    public static AssessmentOpened Opened() =>
        new(Id, Given.SupplierId, "PC-2026", [ProductCategory.Laptop], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Kari", Officer.Actor, Given.Now.AddDays(-30));

    public static RiskIdentified Risk(Guid? riskId = null, RiskCode code = RiskCode.FL) =>
        new(Id, riskId ?? RiskId, Given.SupplierId, code, Tier.T2, "CN", null, "forced labour", "EW report", Officer.Actor, Given.Now.AddDays(-20));

    public static RiskAssessed Scored(int scale, int scope, int irremediability, int likelihood, Guid? riskId = null, int daysAgo = 10)
    {
        var p = PriorityRule.Derive(scale, scope, irremediability, likelihood);
        return new RiskAssessed(Id, riskId ?? RiskId, scale, scope, irremediability, likelihood, Connection.DirectlyLinked, Leverage.Medium,
            p.Severity, p.Priority, p.Rank, PriorityRule.RuleId, null, Officer.Actor, Given.Now.AddDays(-daysAgo));
    }

    public static EvidenceRegistered Evidence(Guid? evidenceId = null, Guid? supersedes = null) =>
        new(Id, evidenceId ?? EvidenceId, "Audit", EvidenceKind.AuditReport, new DateOnly(2026, 10, 1), "RBA", AccessClass.Open, null, Sha, 10,
            "audit.pdf", "application/pdf", supersedes, Officer.Actor, Given.Now.AddDays(-5));

    public static RiskClosed Closed(Guid? riskId = null) => new(Id, riskId ?? RiskId, "not substantiated", Officer.Actor, Given.Now.AddDays(-2));

    public static AssessmentConcluded Concluded() =>
        new(Id, Given.SupplierId, AssessmentOutcome.NoSignificantRisk, "fine", Guid.NewGuid(), VerificationRule.RuleId, Coordinator.Actor, Given.Now.AddDays(-1));

    public static StoredFile Uploaded => new(Sha, 10, "application/pdf");

    /// <summary>The write model after the given events (as the inline snapshot folds them), with its version.</summary>
    public static Assessment Fold(params object[] then)
    {
        var a = Assessment.Create(Opened());
        a.Version = 1;
        foreach (var e in then)
        {
            switch (e)
            {
                case RiskIdentified x: a.Apply(x); break;
                case RiskClosed x: a.Apply(x); break;
                case EvidenceRegistered x: a.Apply(x); break;
                case AssessmentConcluded x: a.Apply(x); break;
                case AssessmentReopened x: a.Apply(x); break;
                case RiskAssessed x: a.Apply(x); break;
                case DecisionRecorded x: a.Apply(x); break;
                case SignalRaisedRisk x: a.Apply(x); break;
                case MitigationDecided: break;
                default: throw new ArgumentException(e.GetType().Name);
            }

            a.Version++;
        }

        return a;
    }

    /// <summary>The details view after the given events (as it is folded live when read).</summary>
    public static AssessmentDetails Details(params object[] then)
    {
        var d = AssessmentDetails.Create(Opened());
        foreach (var e in then)
        {
            switch (e)
            {
                case RiskIdentified x: d.Apply(x); break;
                case RiskAssessed x: d.Apply(x); break;
                case MitigationDecided x: d.Apply(x); break;
                case RiskClosed x: d.Apply(x); break;
                case EvidenceRegistered x: d.Apply(x); break;
                case DecisionRecorded x: d.Apply(x); break;
                case AssessmentConcluded x: d.Apply(x); break;
                case AssessmentReopened x: d.Apply(x); break;
                case SignalRaisedRisk x: d.Apply(x); break;
                default: throw new ArgumentException(e.GetType().Name);
            }
        }

        return d;
    }
}
