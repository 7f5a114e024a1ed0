using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
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

public static class RecordProductionSiteEndpoint
{
    public static ProblemDetails Validate(RecordProductionSite command, Supplier supplier, DateTimeOffset now) =>
        Problems.Validation(FieldErrors(command, now)) ?? AlreadyRecorded(command, supplier) ?? Problems.None;

    public static IReadOnlyList<FieldError> FieldErrors(RecordProductionSite command, DateTimeOffset now)
    {
        var errors = new List<FieldError>(Rules.Text(command.Name, "name", "must not be empty", 300));
        if (!Countries.IsValid(command.Country))
        {
            errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code such as CN or MY"));
        }

        errors.AddRange(Rules.NonEmptyDistinct(command.Categories, "categories", "name at least one product category"));
        errors.AddRange(Rules.Text(command.DisclosedBy, "disclosedBy", "say who disclosed the site (the supplier, an audit firm, a monitor ...)", 300));
        if (command.DisclosedOn > Rules.Today(now))
        {
            errors.Add(new("disclosedOn", "must not be in the future"));
        }

        return errors;
    }

    /// <summary>The same site (name and country) is recorded once per supplier.</summary>
    public static ProblemDetails? AlreadyRecorded(RecordProductionSite command, Supplier supplier)
    {
        var existing = supplier.Sites.FirstOrDefault(s =>
            string.Equals(s.Name, command.Name.Trim(), StringComparison.OrdinalIgnoreCase) && s.Country == command.Country);
        return existing is null
            ? null
            : Problems.Conflict($"The site '{existing.Name}' in {existing.Country} is already recorded for this supplier.",
                new Dictionary<string, object?> { ["field"] = "name", ["existingSiteId"] = existing.SiteId });
    }

    public static ProductionSiteRecorded Decide(RecordProductionSite command, Supplier supplier, Caller caller, DateTimeOffset now) =>
        new(supplier.Id, Ids.For(supplier.Id, supplier.Version, 0, now), command.Name.Trim(), command.Country, command.Tier, command.Categories,
            command.DisclosedBy.Trim(), command.DisclosedOn, caller.Actor, now);

    /// <summary>Record a production site for a supplier.</summary>
    [WolverinePost("/api/suppliers/{supplierId}/sites"), Allow(RoleSet.Writers), Access(AccessRule.AnyOrganisation)]
    public static (Created<ProductionSiteResponse>, Events) Post(RecordProductionSite command, [WriteAggregate] Supplier supplier, Caller caller, DateTimeOffset now)
    {
        var recorded = Decide(command, supplier, caller, now);
        return (TypedResults.Created($"/api/suppliers/{supplier.Id}", new ProductionSiteResponse(supplier.Id, recorded.SiteId, supplier.Version + 1)), [recorded]);
    }
}
