using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;

namespace EthicalIct.Api.Development;

/// <summary>
/// A demo assessment by Oslo kommune: two scored risks, a decision and a mitigation (fictional), and the disclosure of one risk to
/// the parties, decided by the same functions as the API.
/// </summary>
internal static class DemoAssessment
{
    public static void Add(IDocumentSession session, Supplier supplier, Caller officer, Caller coordinator, DateTimeOffset now)
    {
        var opened = OpenAssessmentEndpoint.Decide(new OpenAssessment(supplier.Id, "Oslo PC framework 2026 (demo)", [ProductCategory.Laptop, ProductCategory.Desktop],
            new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), officer.Name ?? officer.UserId), Guid.CreateVersion7(now), officer, now);
        var assessment = Assessment.Create(opened);
        assessment.Version = 1;
        var events = new List<object> { opened };

        void Add(object e)
        {
            events.Add(e);
            switch (e)
            {
                case RiskIdentified x: assessment.Apply(x); break;
                case RiskClosed x: assessment.Apply(x); break;
            }

            assessment.Version++;
        }

        var site = supplier.Sites.FirstOrDefault();
        var forced = IdentifyRiskEndpoint.Decide(new IdentifyRisk(RiskCode.FL, Tier.T2, site?.Country ?? "CN",
            "Indications of state-imposed labour transfer programmes at final assembly (demo)", "Open-source research (demo)", site?.SiteId), assessment, officer, now);
        Add(forced);
        Add(AssessRiskEndpoint.Decide(new AssessRisk(4, 3, 5, 2, Connection.DirectlyLinked, Leverage.Medium, "Cannot be remedied once it occurs"), assessment, forced.RiskId, officer, now));
        var hours = IdentifyRiskEndpoint.Decide(new IdentifyRisk(RiskCode.WH, Tier.T2, site?.Country ?? "CN",
            "Peak-season overtime above 60 hours a week (demo)", "Supplier self-assessment (demo)"), assessment, officer, now);
        Add(hours);
        Add(AssessRiskEndpoint.Decide(new AssessRisk(3, 3, 2, 4, Connection.Contribute, Leverage.High), assessment, hours.RiskId, officer, now));
        Add(RecordDecisionEndpoint.Decide(new RecordDecision(DecisionKind.RequestAudit, "Forced-labour indicators need an independent audit (demo)",
            RiskIds: [forced.RiskId]), assessment, coordinator, now));
        Add(DecideMitigationEndpoint.Decide(new DecideMitigation("Supplier to disclose tier-2 labour agencies (demo)", supplier.LegalName,
            DateOnly.FromDateTime(now.UtcDateTime).AddMonths(3)), assessment, hours.RiskId, officer, now));

        session.Events.StartStream<Assessment>(opened.AssessmentId, events);

        // Oslo's coordinator discloses the forced-labour risk to the parties, with its description (the shared view shows it).
        var details = AssessmentDetails.Create(opened);
        foreach (var e in events.Skip(1))
        {
            switch (e)
            {
                case RiskIdentified x: details.Apply(x); break;
                case RiskAssessed x: details.Apply(x); break;
                case MitigationDecided x: details.Apply(x); break;
                case DecisionRecorded x: details.Apply(x); break;
            }
        }

        var disclosed = Disclosures.DiscloseRiskSummaryEndpoint.Decide(new Disclosures.DiscloseRiskSummary(ShowDescription: true), details, forced.RiskId, coordinator, now);
        session.Events.StartStream<Disclosures.Disclosure>(disclosed.DisclosureId, disclosed);
    }
}
