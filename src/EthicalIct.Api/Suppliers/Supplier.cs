using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Suppliers;

/// <summary>
/// The write model of a supplier stream: only what the registry's decisions read (the name and roles a correction
/// compares with, the sites a new site must not repeat). The registry's view is <see cref="SupplierDetails"/>.
/// </summary>
public sealed class Supplier : IWriteModel
{
    public Guid Id { get; set; }

    /// <summary>The stream version, filled in by Marten.</summary>
    public long Version { get; set; }

    public string LegalName { get; set; } = "";

    public List<SupplierRole> Roles { get; set; } = [];

    public List<SiteKey> Sites { get; set; } = [];

    public static Supplier Create(SupplierRegistered e) => new() { Id = e.SupplierId, LegalName = e.LegalName, Roles = [.. e.Roles] };

    public void Apply(SupplierDetailsCorrected e)
    {
        LegalName = e.LegalName;
        Roles = [.. e.Roles];
    }

    public void Apply(ProductionSiteRecorded e) => Sites.Add(new SiteKey(e.SiteId, e.Name, e.Country));
}

/// <summary>What identifies a recorded site: its name in its country.</summary>
public sealed record SiteKey(Guid SiteId, string Name, string Country);
