using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;

namespace EthicalIct.Tests;

/// <summary>Folds events into write models the way the projections do: the "Given" of each scenario.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public static readonly Caller OsloCaseOfficer = new("958935420", Role.CaseOfficer, "kari@oslo", "Kari");
    public static readonly Caller DfoCoordinator = new("986252932", Role.Coordinator, "ola@dfo", "Ola");
    public static readonly Guid SupplierId = Guid.Parse("0197a000-0000-7000-8000-000000000001");

    public static SupplierRegistered Registered(string orgNumber = "923456783", string name = "Fjordtek AS") =>
        new(SupplierId, name, orgNumber, null, "NO", [SupplierRole.Reseller], $"NO:{orgNumber}", OsloCaseOfficer.OrgNumber, OsloCaseOfficer.UserId, Now.AddDays(-10));

    public static ProductionSiteRecorded SiteRecorded(string name = "Assembly plant 1", string country = "CN") =>
        new(SupplierId, Guid.Parse("0197a000-0000-7000-8000-0000000000aa"), name, country, Tier.T2, [ProductCategory.Laptop], "supplier",
            new DateOnly(2026, 5, 1), DfoCoordinator.OrgNumber, DfoCoordinator.UserId, Now.AddDays(-5));

    /// <summary>The supplier after the given events, with its stream version.</summary>
    public static Supplier Supplier(SupplierRegistered registered, params object[] then)
    {
        var supplier = Api.Suppliers.Supplier.Create(registered);
        supplier.Version = 1;
        foreach (var e in then)
        {
            switch (e)
            {
                case ProductionSiteRecorded site:
                    supplier.Apply(site);
                    break;
                case SupplierDetailsCorrected corrected:
                    supplier.Apply(corrected);
                    break;
                default:
                    throw new ArgumentException($"unknown event {e.GetType().Name}");
            }

            supplier.Version++;
        }

        return supplier;
    }
}
