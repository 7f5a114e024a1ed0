using Marten;
using Wolverine.Marten;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.SharedView", "Shared view",
    "What the parties know together: the supplier overview, common suppliers and disclosures in force, built from shared and disclosed records by Wolverine handlers fed by a Marten subscription.")]

namespace EthicalIct.Api.SharedView;

public static class SharedViewConfiguration
{
    /// <summary>The shared view's documents are single-tenanted: one copy, read by every party.</summary>
    public static StoreOptions ConfigureSharedView(this StoreOptions opts)
    {
        opts.Schema.For<SupplierOverview>().SingleTenanted().Index(o => o.PriorityRank).Index(o => o.PartyCount).GinIndexJsonData();
        opts.Schema.For<SharedDisclosure>().SingleTenanted().Index(d => d.SupplierId).Index(d => d.DisclosedAt);
        opts.Schema.For<SharedViewLink>().SingleTenanted();
        opts.Schema.For<SharedPolicy>().SingleTenanted();
        return opts;
    }

    /// <summary>The subscription that feeds the shared view's handler (a Wolverine-managed agent, like the async projections).</summary>
    public static WebApplicationBuilder AddEthicalIctSharedView(this WebApplicationBuilder builder)
    {
        builder.Services.SubscribeToEvents(new SharedViewSubscription());
        builder.Services.AddSingleton<SharedViewMaintenance>();
        return builder;
    }
}
