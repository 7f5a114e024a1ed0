using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Roundtables", "Roundtables", "Joint roundtables of the buyers: scheduling, agendas, take-aways, and the follow-up items agreed there with their owners and deadlines.")]

namespace EthicalIct.Api.Roundtables;

public static class RoundtablesConfiguration
{
    /// <summary>Shared: global streams; the write models and the details views are single-tenanted inline projections; the board is async.</summary>
    public static StoreOptions ConfigureRoundtables(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<Roundtable, Guid>(), ProjectionLifecycle.Live);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<RoundtableDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<FollowUpItem, Guid>(), ProjectionLifecycle.Live);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<FollowUpItemDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new FollowUpBoardProjection(), ProjectionLifecycle.Async);
        opts.Schema.For<FollowUpItemDetails>().Index(i => i.RoundtableId);
        return opts;
    }
}
