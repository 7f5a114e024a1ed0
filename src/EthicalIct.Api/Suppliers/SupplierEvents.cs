using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Suppliers;

// The supplier registry is shared by the three organisations: its streams are global (not per tenant), and every
// event names the organisation and person that recorded it, and when.

/// <summary>A supplier entered the shared registry. <paramref name="IdentifierKey"/> is "NO:&lt;orgno&gt;" or "&lt;country&gt;:&lt;foreign id&gt;".</summary>
public sealed record SupplierRegistered(
    Guid SupplierId,
    string LegalName,
    string? OrgNumber,
    string? ForeignIdentifier,
    string Country,
    IReadOnlyList<SupplierRole> Roles,
    string IdentifierKey,
    string RegisteredByOrg,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

/// <summary>A correction of the supplier's legal name and roles; the identifier is the supplier's identity and is not corrected.</summary>
public sealed record SupplierDetailsCorrected(
    Guid SupplierId,
    string LegalName,
    IReadOnlyList<SupplierRole> Roles,
    string Reason,
    string CorrectedByOrg,
    string CorrectedBy,
    DateTimeOffset CorrectedAt);

/// <summary>A production site in the supplier's chain, as disclosed by <paramref name="DisclosedBy"/> on <paramref name="DisclosedOn"/>.</summary>
public sealed record ProductionSiteRecorded(
    Guid SupplierId,
    Guid SiteId,
    string Name,
    string Country,
    Tier Tier,
    IReadOnlyList<ProductCategory> Categories,
    string DisclosedBy,
    DateOnly DisclosedOn,
    string RecordedByOrg,
    string RecordedBy,
    DateTimeOffset RecordedAt);
