using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Contracts", "Contracts",
    "Each organisation's contracts with suppliers and their annual value in NOK: what the parties buy from a supplier, the basis of their combined leverage.")]

namespace EthicalIct.Api.Contracts;

public static class ContractsConfiguration
{
    /// <summary>Each organisation's own: tenanted streams; the write model and the view are inline (tenanted) projections.</summary>
    public static StoreOptions ConfigureContracts(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Contract>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<ContractView, Guid>(), ProjectionLifecycle.Inline);
        opts.Schema.For<ContractView>().Index(c => c.SupplierId);
        return opts;
    }
}
