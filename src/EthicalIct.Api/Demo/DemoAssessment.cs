using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;

namespace EthicalIct.Api.Demo;

/// <summary>A demo assessment by Oslo kommune: two scored risks, a decision and a mitigation (fictional).</summary>
internal static class DemoAssessment
{
    public static void Add(IDocumentSession session, Supplier supplier, Caller officer, Caller coordinator, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        var open = new OpenAssessment(supplier.Id, "Oslo PC framework 2026 (demo)", [ProductCategory.Laptop, ProductCategory.Desktop],
            new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), officer.Name ?? officer.UserId);
        var assessment = Assessment.Create(OpenAssessmentDecision.Decide(open, id, officer, now));
        var events = new List<object> { OpenAssessmentDecision.Decide(open, id, officer, now) };

        void Add(object e, Action<Assessment> apply)
        {
            apply(assessment);
            events.Add(e);
        }

        var site = supplier.Sites.FirstOrDefault();
        var forced = IdentifyRiskDecision.Decide(new IdentifyRisk(RiskCode.FL, Tier.T2, site?.Country ?? "CN",
            "Indications of state-imposed labour transfer programmes at final assembly (demo)", "Open-source research (demo)", site?.SiteId), assessment, Guid.CreateVersion7(), officer, now);
        Add(forced, a => a.Apply(forced));
        var forcedScore = AssessRiskDecision.Decide(new AssessRisk(4, 3, 5, 2, Connection.DirectlyLinked, Leverage.Medium, "Cannot be remedied once it occurs"), assessment, forced.RiskId, officer, now);
        Add(forcedScore, a => a.Apply(forcedScore));
        var hours = IdentifyRiskDecision.Decide(new IdentifyRisk(RiskCode.WH, Tier.T2, site?.Country ?? "CN",
            "Peak-season overtime above 60 hours a week (demo)", "Supplier self-assessment (demo)"), assessment, Guid.CreateVersion7(), officer, now);
        Add(hours, a => a.Apply(hours));
        var hoursScore = AssessRiskDecision.Decide(new AssessRisk(3, 3, 2, 4, Connection.Contribute, Leverage.High), assessment, hours.RiskId, officer, now);
        Add(hoursScore, a => a.Apply(hoursScore));
        var decision = RecordDecisionDecision.Decide(new RecordDecision(DecisionKind.RequestAudit, "Forced-labour indicators need an independent audit (demo)",
            RiskIds: [forced.RiskId]), assessment, Guid.CreateVersion7(), coordinator, now);
        Add(decision, a => a.Apply(decision));
        var measure = DecideMitigationDecision.Decide(new DecideMitigation("Supplier to disclose tier-2 labour agencies (demo)", supplier.LegalName,
            DateOnly.FromDateTime(now.UtcDateTime).AddMonths(3)), assessment, hours.RiskId, Guid.CreateVersion7(), officer, now);
        Add(measure, a => a.Apply(measure));

        session.Events.StartStream<Assessment>(id, events);
    }
}
