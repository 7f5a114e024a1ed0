using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Suppliers;

/// <summary>Record a production site in a supplier's chain: who disclosed it and when, its tier and what it makes.</summary>
public sealed record RecordProductionSite(
    string Name,
    string Country,
    Tier Tier,
    IReadOnlyList<ProductCategory> Categories,
    string DisclosedBy,
    DateOnly DisclosedOn,
    long? ExpectedVersion = null);

public sealed record ProductionSiteResponse(Guid SupplierId, Guid SiteId, long Version);

public static class RecordProductionSiteDecision
{
    public static IReadOnlyList<FieldError> Validate(RecordProductionSite cmd, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(cmd.Name))
        {
            errors.Add(new("name", "must not be empty"));
        }
        else if (cmd.Name.Length > 300)
        {
            errors.Add(new("name", "must be at most 300 characters"));
        }

        if (!Countries.IsValid(cmd.Country))
        {
            errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code such as CN or MY"));
        }

        if (cmd.Categories.Count == 0)
        {
            errors.Add(new("categories", "name at least one product category"));
        }
        else if (cmd.Categories.Distinct().Count() != cmd.Categories.Count)
        {
            errors.Add(new("categories", "must not repeat a category"));
        }

        if (string.IsNullOrWhiteSpace(cmd.DisclosedBy))
        {
            errors.Add(new("disclosedBy", "say who disclosed the site (the supplier, an audit firm, a monitor ...)"));
        }

        if (cmd.DisclosedOn > DateOnly.FromDateTime(now.UtcDateTime))
        {
            errors.Add(new("disclosedOn", "must not be in the future"));
        }

        return errors;
    }

    /// <summary>The same site (name and country) is recorded once per supplier.</summary>
    public static ProblemDetails? Conflicts(RecordProductionSite cmd, Supplier supplier)
    {
        var existing = supplier.Sites.FirstOrDefault(s =>
            string.Equals(s.Name, cmd.Name.Trim(), StringComparison.OrdinalIgnoreCase) && s.Country == cmd.Country);
        return existing is null
            ? null
            : Problems.Conflict($"The site '{existing.Name}' in {existing.Country} is already recorded for this supplier.",
                new Dictionary<string, object?> { ["field"] = "name", ["existingSiteId"] = existing.SiteId });
    }

    public static ProductionSiteRecorded Decide(RecordProductionSite cmd, Supplier supplier, Guid siteId, Caller caller, DateTimeOffset now) =>
        new(supplier.Id, siteId, cmd.Name.Trim(), cmd.Country, cmd.Tier, cmd.Categories, cmd.DisclosedBy.Trim(), cmd.DisclosedOn,
            caller.OrgNumber, caller.UserId, now);
}

public static class RecordProductionSiteEndpoint
{
    public static ProblemDetails Validate(RecordProductionSite cmd, [FromHeader(Name = "If-Match")] string? ifMatch,
        Supplier supplier, TimeProvider clock) =>
        Problems.Validation(RecordProductionSiteDecision.Validate(cmd, clock.GetUtcNow()))
        ?? ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, supplier.Version)
        ?? RecordProductionSiteDecision.Conflicts(cmd, supplier)
        ?? WolverineContinue.NoProblems;

    /// <summary>Record a production site for a supplier.</summary>
    [WolverinePost("/api/suppliers/{supplierId}/sites")]
    [ProducesResponseType<ProductionSiteResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events, RegistryChanged) Post(RecordProductionSite cmd, [WriteAggregate] Supplier supplier, ClaimsPrincipal user, TimeProvider clock)
    {
        var siteId = Guid.CreateVersion7();
        var recorded = RecordProductionSiteDecision.Decide(cmd, supplier, siteId, user.Caller(), clock.GetUtcNow());
        var version = supplier.Version + 1;
        return (Results.Created($"/api/suppliers/{supplier.Id}", new ProductionSiteResponse(supplier.Id, siteId, version)),
            [recorded],
            new RegistryChanged(supplier.Id, supplier.LegalName, RegistryChangeKind.ProductionSiteRecorded, version, recorded.RecordedByOrg, recorded.RecordedBy, recorded.RecordedAt));
    }
}
