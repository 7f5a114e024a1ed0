using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace EthicalIct.Api.Suppliers;

public static class SuppliersConfiguration
{
    /// <summary>
    /// The registry is shared: supplier streams are global (stored under the default tenant whatever the caller's
    /// organisation) and the <see cref="Supplier"/> snapshot is a single-tenanted document, updated inline.
    /// </summary>
    public static StoreOptions ConfigureSuppliers(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<Supplier, Guid>(), ProjectionLifecycle.Inline);
        opts.Schema.For<Supplier>()
            .SingleTenanted()
            .UniqueIndex(s => s.IdentifierKey)
            .Index(s => s.LegalName);
        opts.Schema.For<RegistryActivity>().SingleTenanted().Index(a => a.ChangedAt);
        return opts;
    }
}
