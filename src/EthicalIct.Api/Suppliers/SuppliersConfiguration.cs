using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Suppliers", "Suppliers", "The shared supplier registry: registration, corrections and disclosed production sites.")]

namespace EthicalIct.Api.Suppliers;

public static class SuppliersConfiguration
{
    /// <summary>
    /// The registry is shared: supplier streams are global (stored under the default tenant whatever the caller's
    /// organisation). The write model <see cref="Supplier"/> and the view <see cref="SupplierDetails"/> are both
    /// single-tenanted documents updated inline; the unique identifier key on the view refuses a duplicate
    /// registration even when two arrive at once.
    /// </summary>
    public static StoreOptions ConfigureSuppliers(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<Supplier, Guid>(), ProjectionLifecycle.Live);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<SupplierDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Schema.For<SupplierDetails>().UniqueIndex(s => s.IdentifierKey).Index(s => s.LegalName);
        opts.Schema.For<RegistryActivity>().SingleTenanted().Index(a => a.At);
        return opts;
    }
}
