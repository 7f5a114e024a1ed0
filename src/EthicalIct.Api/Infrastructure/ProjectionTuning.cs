using JasperFx.Events.Projections;
using Marten;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// How every async projection reads and writes (P3 in docs/benchmarks.md): pages of 5,000 events instead of
/// Marten's 500, and a hopper that holds four pages (identity tracking within a batch was tried and made no
/// difference). Applied once to the whole store, after every feature has registered its projections.
/// </summary>
public static class ProjectionTuning
{
    public const int BatchSize = 5_000;

    public static StoreOptions TuneAsyncProjections(this StoreOptions opts)
    {
        foreach (var projection in opts.Projections.All.OfType<ProjectionBase>().Where(p => p.Lifecycle == ProjectionLifecycle.Async))
        {
            projection.Options.BatchSize = BatchSize;
            projection.Options.MaximumHopperSize = 4 * BatchSize;
        }

        return opts;
    }
}
