using JasperFx.Events.Projections;
using Marten;

namespace EthicalIct.Api.Assessments;

public static class AssessmentsConfiguration
{
    /// <summary>Assessments are private: tenanted streams, and a tenanted inline snapshot.</summary>
    public static StoreOptions ConfigureAssessments(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Assessment>(SnapshotLifecycle.Inline);
        return opts;
    }
}
