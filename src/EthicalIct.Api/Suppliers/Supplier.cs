using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Suppliers;

public sealed record ProductionSite(
    Guid SiteId,
    string Name,
    string Country,
    Tier Tier,
    IReadOnlyList<ProductCategory> Categories,
    string DisclosedBy,
    DateOnly DisclosedOn,
    string RecordedByOrg,
    DateTimeOffset RecordedAt);

/// <summary>
/// A supplier in the shared registry: the write model of the supplier stream and, as an inline global snapshot,
/// the registry's read view (search and details). Built only from events; time comes from the events.
/// </summary>
public sealed class Supplier
{
    public Guid Id { get; set; }

    /// <summary>The stream version, filled in by Marten.</summary>
    public long Version { get; set; }

    public string LegalName { get; set; } = "";

    public string? OrgNumber { get; set; }

    public string? ForeignIdentifier { get; set; }

    public string Country { get; set; } = "";

    public string IdentifierKey { get; set; } = "";

    public List<SupplierRole> Roles { get; set; } = [];

    public List<ProductionSite> Sites { get; set; } = [];

    public string RegisteredByOrg { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }

    public static Supplier Create(SupplierRegistered e) => new()
    {
        Id = e.SupplierId,
        LegalName = e.LegalName,
        OrgNumber = e.OrgNumber,
        ForeignIdentifier = e.ForeignIdentifier,
        Country = e.Country,
        IdentifierKey = e.IdentifierKey,
        Roles = [.. e.Roles],
        RegisteredByOrg = e.RegisteredByOrg,
        RegisteredAt = e.RegisteredAt,
        LastChangedAt = e.RegisteredAt,
    };

    public void Apply(SupplierDetailsCorrected e)
    {
        LegalName = e.LegalName;
        Roles = [.. e.Roles];
        LastChangedAt = e.CorrectedAt;
    }

    public void Apply(ProductionSiteRecorded e)
    {
        Sites.Add(new ProductionSite(e.SiteId, e.Name, e.Country, e.Tier, e.Categories, e.DisclosedBy, e.DisclosedOn, e.RecordedByOrg, e.RecordedAt));
        LastChangedAt = e.RecordedAt;
    }
}
