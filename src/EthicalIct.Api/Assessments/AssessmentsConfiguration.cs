using EthicalIct.Api.Evidence;
using JasperFx.Events.Projections;
using Marten;

namespace EthicalIct.Api.Assessments;

public static class AssessmentsConfiguration
{
    /// <summary>
    /// Assessments are private: tenanted streams; the details view is an inline tenanted snapshot; the risk register
    /// and the per-supplier outcome are async projections (tenanted documents, each organisation its own).
    /// </summary>
    public static StoreOptions ConfigureAssessments(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Assessment>(SnapshotLifecycle.Inline);
        opts.Projections.Add<RiskRegisterProjection>(ProjectionLifecycle.Async);
        opts.Projections.Add<SupplierAssessmentOutcomeProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<RiskRegisterEntry>().Index(r => r.Rank);
        opts.ConfigureEvidence();
        return opts;
    }
}
