using EthicalIct.Api.Assessments;
using EthicalIct.Api.ReferenceData;
using JasperFx.Events;
using Shouldly;
using static EthicalIct.Tests.Assessments.GivenAssessment;

namespace EthicalIct.Tests.Assessments;

/// <summary>EventModel.md, assessment views: the projections folded without a database.</summary>
public class AssessmentViewTests
{
    private static IEvent Wrap(object data) => (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;

    [Fact]
    public void ASM10_1_the_register_entry_follows_its_risk_with_time_from_the_events()
    {
        var projection = new RiskRegisterProjection();
        RiskRegisterEntry? entry = null;
        foreach (var e in new object[] { Risk(), Scored(1, 1, 5, 1), Closed() })
        {
            entry = projection.Evolve(entry, RiskId, Wrap(e));
        }

        entry!.Priority.ShouldBe(Priority.Critical);
        entry.Rank.ShouldBe(51);
        entry.Status.ShouldBe(RiskStatus.Closed);
        entry.SupplierId.ShouldBe(Given.SupplierId);
        entry.LastChangedAt.ShouldBe(Closed().At);
    }

    [Fact]
    public void ASM10_2_an_unassessed_risk_ranks_last()
    {
        var entry = new RiskRegisterProjection().Evolve(null, RiskId, Wrap(Risk()))!;
        entry.Rank.ShouldBe(0);
        entry.Priority.ShouldBeNull();
    }

    [Fact]
    public void ASM10_3_the_supplier_outcome_keeps_the_latest_conclusion_through_a_reopening()
    {
        var projection = new SupplierAssessmentOutcomeProjection();
        SupplierAssessmentOutcome? view = null;
        var reopened = new AssessmentReopened(Id, Given.SupplierId, "new alert", Coordinator.Actor, Given.Now);
        foreach (var e in new object[] { Opened(), Concluded(), reopened })
        {
            view = projection.Evolve(view, Given.SupplierId, Wrap(e));
        }

        view!.LatestOutcome.ShouldBe(AssessmentOutcome.NoSignificantRisk);
        view.LatestAssessmentStatus.ShouldBe(AssessmentStatus.Open);
        view.AssessmentCount.ShouldBe(1);
        view.LastChangedAt.ShouldBe(Given.Now);
    }

    [Fact]
    public void ASM10_5_the_summary_line_counts_risks_evidence_and_decisions_and_names_the_last_change()
    {
        var summary = AssessmentSummary.Create(Opened());
        summary.Apply(Risk());
        summary.Apply(Risk(Guid.NewGuid()));
        summary.Apply(Closed());
        summary.Apply(Evidence());
        summary.Apply(Concluded());
        summary.OpenRisks.ShouldBe(1);
        summary.ClosedRisks.ShouldBe(1);
        summary.EvidenceCount.ShouldBe(1);
        summary.Status.ShouldBe(AssessmentStatus.Concluded);
        summary.LastChangedBy.ShouldBe(Coordinator.Actor);
        summary.LastChangedAt.ShouldBe(Concluded().At);
    }
}
