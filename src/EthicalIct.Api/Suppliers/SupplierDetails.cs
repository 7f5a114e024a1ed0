using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Suppliers;

public sealed record ProductionSite(
    Guid SiteId,
    string Name,
    string Country,
    Tier Tier,
    IReadOnlyList<ProductCategory> Categories,
    string DisclosedBy,
    DateOnly DisclosedOn,
    Actor RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>A correction as it happened: what the name and roles became, why, by whom and when.</summary>
public sealed record SupplierCorrection(string LegalName, IReadOnlyList<SupplierRole> Roles, string Reason, Actor By, DateTimeOffset At);

/// <summary>
/// The registry's view of a supplier (inline global projection, read by every organisation): identity, roles, sites
/// and every correction with who and when. Built only from events; every time in it comes from an event.
/// </summary>
[SnapshotsAsOf(typeof(Supplier), Shared = true)]
public sealed class SupplierDetails
{
    public Guid Id { get; set; }

    /// <summary>The stream version (the ETag, for If-Match on commands).</summary>
    public long Version { get; set; }

    public string LegalName { get; set; } = "";

    public string? OrgNumber { get; set; }

    public string? ForeignIdentifier { get; set; }

    public string Country { get; set; } = "";

    public string IdentifierKey { get; set; } = "";

    public List<SupplierRole> Roles { get; set; } = [];

    public List<ProductionSite> Sites { get; set; } = [];

    public List<SupplierCorrection> Corrections { get; set; } = [];

    public Actor RegisteredBy { get; set; } = Actor.System;

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }

    public static SupplierDetails Create(SupplierRegistered e) => new()
    {
        Id = e.SupplierId,
        LegalName = e.LegalName,
        OrgNumber = e.OrgNumber,
        ForeignIdentifier = e.ForeignIdentifier,
        Country = e.Country,
        IdentifierKey = e.IdentifierKey,
        Roles = [.. e.Roles],
        RegisteredBy = e.By,
        RegisteredAt = e.At,
        LastChangedAt = e.At,
    };

    public void Apply(SupplierDetailsCorrected e)
    {
        LegalName = e.LegalName;
        Roles = [.. e.Roles];
        Corrections.Add(new SupplierCorrection(e.LegalName, e.Roles, e.Reason, e.By, e.At));
        LastChangedAt = e.At;
    }

    public void Apply(ProductionSiteRecorded e)
    {
        Sites.Add(new ProductionSite(e.SiteId, e.Name, e.Country, e.Tier, e.Categories, e.DisclosedBy, e.DisclosedOn, e.By, e.At));
        LastChangedAt = e.At;
    }

    /// <summary>The supplier's own transparency accounts as registered, in order.</summary>
    public List<SupplierAccount> Accounts { get; set; } = [];

    /// <summary>The latest year the supplier has an account for (null: none registered).</summary>
    public int? LatestAccountYear { get; set; }

    public void Apply(SupplierAccountRegistered e)
    {
        Accounts.Add(new SupplierAccount(e.Year, e.PublishedOn, e.Url, e.Sha256, e.By, e.At));
        LatestAccountYear = Math.Max(LatestAccountYear ?? e.Year, e.Year);
        LastChangedAt = e.At;
    }
}

public sealed record SupplierAccount(int Year, DateOnly PublishedOn, string Url, string? Sha256, Actor By, DateTimeOffset At);

public static class GetSupplierEndpoint
{
    /// <summary>
    /// One supplier with its production sites and corrections, now or as of a moment or version. The ETag is the stream
    /// version, for If-Match on commands.
    /// </summary>
    [WolverineGet("/api/suppliers/{supplierId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<SupplierDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid supplierId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null) =>
        PointsInTime.Parse(asOf, version, now, out var point) is { } problem
            ? Results.Problem(problem)
            : await PointsInTime.OkAsync(session, supplierId,
                await PointsInTime.ReadAsync(session, supplierId, point, () => session.LoadAsync<SupplierDetails>(supplierId, ct), s => s.Version, ct, shared: true),
                s => s.Version, point, response, $"No supplier {supplierId} in the registry.", ct);
}
