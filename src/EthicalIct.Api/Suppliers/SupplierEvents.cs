using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Suppliers;

// The supplier registry is shared by the participating organisations: its streams are global (not per tenant).
// Like every event, each ends with who recorded it (By: organisation, person, name, role) and when (At).

/// <summary>A supplier entered the shared registry. <paramref name="IdentifierKey"/> is "NO:&lt;orgno&gt;" or "&lt;country&gt;:&lt;foreign id&gt;".</summary>
public sealed record SupplierRegistered(
    Guid SupplierId,
    string LegalName,
    string? OrgNumber,
    string? ForeignIdentifier,
    string Country,
    IReadOnlyList<SupplierRole> Roles,
    string IdentifierKey,
    Actor By,
    DateTimeOffset At);

/// <summary>A correction of the supplier's legal name and roles; the identifier is the supplier's identity and is not corrected.</summary>
public sealed record SupplierDetailsCorrected(
    Guid SupplierId,
    string LegalName,
    IReadOnlyList<SupplierRole> Roles,
    string Reason,
    Actor By,
    DateTimeOffset At);

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
    Actor By,
    DateTimeOffset At);

/// <summary>
/// The supplier's own transparency account (åpenhetsloven § 5) for a year, registered as evidence: where and when it
/// was published, and the SHA-256 of the copy kept (when one was uploaded).
/// </summary>
public sealed record SupplierAccountRegistered(Guid SupplierId, int Year, DateOnly PublishedOn, string Url, string? Sha256, Actor By, DateTimeOffset At);
