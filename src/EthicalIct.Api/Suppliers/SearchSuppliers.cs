using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Suppliers;

public sealed record SupplierSummary(Guid Id, string LegalName, string? OrgNumber, string? ForeignIdentifier, string Country,
    IReadOnlyList<SupplierRole> Roles, int SiteCount, long Version);

public static class SearchSuppliersEndpoint
{
    /// <summary>
    /// Search the registry. <c>name</c> matches part of the legal name (any case); <c>country</c> matches the
    /// supplier's country or any site's; <c>category</c> any site's product category. Sorted by legal name.
    /// </summary>
    [WolverineGet("/api/suppliers"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<SupplierSummary>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct,
        string? name = null, string? orgNumber = null, string? country = null, string? category = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        if (country is not null && !Countries.IsValid(country))
        {
            errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code"));
        }

        var productCategory = Query.Parse<ProductCategory>(category, "category", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        IQueryable<SupplierDetails> query = session.Query<SupplierDetails>();
        if (!string.IsNullOrWhiteSpace(name))
        {
            var term = name.Trim();
            query = query.Where(s => s.LegalName.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(orgNumber))
        {
            query = query.Where(s => s.OrgNumber == orgNumber);
        }

        if (country is not null)
        {
            query = query.Where(s => s.Country == country || s.Sites.Any(x => x.Country == country));
        }

        if (productCategory is { } cat)
        {
            query = query.Where(s => s.Sites.Any(x => x.Categories.Contains(cat)));
        }

        var result = await query.OrderBy(s => s.LegalName).ToPageAsync(page, pageSize, ct);
        return Results.Ok(new Paged<SupplierSummary>(
            [.. result.Items.Select(s => new SupplierSummary(s.Id, s.LegalName, s.OrgNumber, s.ForeignIdentifier, s.Country, s.Roles, s.Sites.Count, s.Version))],
            result.Page, result.PageSize, result.TotalCount));
    }
}
