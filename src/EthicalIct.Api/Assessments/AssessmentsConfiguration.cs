using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Assessments", "Assessments", "Each organisation's own due-diligence assessments of a supplier: risks identified, scored and mitigated, evidence, decisions, and the shared risk register and outcome views.")]

namespace EthicalIct.Api.Assessments;

public static class AssessmentsConfiguration
{
    /// <summary>
    /// Assessments are private: tenanted streams. The write model <see cref="Assessment"/> is an inline snapshot (the
    /// one document a command reads and writes); the details (<see cref="AssessmentDetails"/>) are folded live from the
    /// stream when read; the list line <see cref="AssessmentSummary"/>, the risk register and the per-supplier outcome
    /// are async projections (tenanted documents, each organisation its own), so a command pays for none of them
    /// (docs/benchmarks.md: an inline list line cost a round trip and an upsert on every command).
    /// </summary>
    public static StoreOptions ConfigureAssessments(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Assessment>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<AssessmentSummary, Guid>(), ProjectionLifecycle.Async);
        opts.Projections.Add<RiskRegisterProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<SupplierAssessmentOutcomeProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<RiskRegisterEntry>().Index(r => r.Rank);
        opts.Schema.For<AssessmentSummary>().Index(a => a.LastChangedAt);
        return opts;
    }
}
