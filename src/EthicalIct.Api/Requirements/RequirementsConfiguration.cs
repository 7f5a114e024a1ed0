using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Requirements", "Requirement sets", "Harmonised contract requirements and questionnaires, drafted, published and adopted by the organisations, with the harmonisation view.")]

namespace EthicalIct.Api.Requirements;

public static class RequirementsConfiguration
{
    /// <summary>Requirement sets are shared: global streams; the write model and the view are single-tenanted inline projections.</summary>
    public static StoreOptions ConfigureRequirements(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<RequirementSet, Guid>(), ProjectionLifecycle.Live);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<RequirementSetDetails, Guid>(), ProjectionLifecycle.Inline);
        return opts;
    }
}
