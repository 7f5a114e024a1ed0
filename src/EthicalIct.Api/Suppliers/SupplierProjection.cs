using Marten.Events.Aggregation;

namespace EthicalIct.Api.Suppliers;

/// <summary>Folds a supplier stream into the <see cref="Supplier"/> snapshot (registered as a global projection).</summary>
public sealed class SupplierProjection : SingleStreamProjection<Supplier, Guid>
{
    public static Supplier Create(SupplierRegistered e) => Supplier.Create(e);

    public static void Apply(SupplierDetailsCorrected e, Supplier supplier) => supplier.Apply(e);

    public static void Apply(ProductionSiteRecorded e, Supplier supplier) => supplier.Apply(e);
}
