using JasperFx.Events.Projections;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// How every async projection reads and writes (P3 in docs/benchmarks.md): pages of 5,000 events instead of
/// Marten's 500, and a hopper that holds four pages (identity tracking within a batch was tried and made no
/// difference).
/// </summary>
public static class ProjectionTuning
{
    public const int BatchSize = 5_000;

    public static void Apply(AsyncOptions options)
    {
        options.BatchSize = BatchSize;
        options.MaximumHopperSize = 4 * BatchSize;
    }
}
