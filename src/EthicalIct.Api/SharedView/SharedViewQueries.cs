using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.SharedView;

/// <summary>One line of the common-suppliers list.</summary>
public sealed record CommonSupplier(Guid SupplierId, string LegalName, string Country, IReadOnlyList<string> Parties, decimal CombinedAnnualSpendNok,
    Priority? CombinedPriority, IReadOnlyList<RiskByCode> RisksByCode, int OpenFindings, int JointDialogues, int Questionnaires, DateTimeOffset LastActivityAt);

/// <summary>The shared view's reads: for every party of the agreement, built from shared and disclosed records only.</summary>
public static class SharedViewQueries
{
    /// <summary>What the parties know together about a supplier (shared and disclosed records only).</summary>
    [WolverineGet("/api/suppliers/{supplierId}/overview"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<SupplierOverview>(StatusCodes.Status200OK)]
    public static async Task<IResult> Overview(Guid supplierId, ReadStore read, Caller caller, CancellationToken ct)
    {
        await using var session = read.QuerySession(caller.OrgNumber);
        return await session.LoadAsync<SupplierOverview>(supplierId, ct) is { } overview
            ? Results.Ok(overview)
            : Results.Problem(Problems.NotFound($"No overview of supplier {supplierId} (not registered, or not yet in the shared view)."));
    }

    /// <summary>
    /// The suppliers the parties follow, ranked by combined priority (the highest open disclosed risk or finding),
    /// then combined annual spend; filter by country (supplier or site), product category (sites or contracts),
    /// site tier, and the least number of parties following.
    /// </summary>
    [WolverineGet("/api/common-suppliers"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<CommonSupplier>>(StatusCodes.Status200OK)]
    public static async Task<IResult> CommonSuppliers(ReadStore read, Caller caller, CancellationToken ct, string? country = null, string? category = null, string? tier = null,
        int minParties = 1, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var wantedCategory = Query.Parse<ProductCategory>(category, "category", errors);
        var wantedTier = Query.Parse<Tier>(tier, "tier", errors);
        if (country is not null && !Countries.IsValid(country.ToUpperInvariant()))
        {
            errors.Add(new FieldError("country", "must be an ISO 3166-1 alpha-2 country code"));
        }

        if (minParties is < 0 or > 100)
        {
            errors.Add(new FieldError("minParties", "must be between 0 and 100"));
        }

        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var session = read.QuerySession(caller.OrgNumber);
        var query = session.Query<SupplierOverview>().Where(o => o.PartyCount >= minParties);
        if (country is not null)
        {
            var code = country.ToUpperInvariant();
            query = query.Where(o => o.Countries.Contains(code));
        }

        if (wantedCategory is { } c)
        {
            query = query.Where(o => o.Categories.Contains(c));
        }

        if (wantedTier is { } t)
        {
            query = query.Where(o => o.Tiers.Contains(t));
        }

        var rows = await query.OrderByDescending(o => o.PriorityRank).ThenByDescending(o => o.CombinedAnnualSpendNok).ThenBy(o => o.LegalName)
            .ToPageAsync(page, pageSize, ct);
        return Results.Ok(new Paged<CommonSupplier>([.. rows.Items.Select(Line)], rows.Page, rows.PageSize, rows.TotalCount));
    }

    /// <summary>The disclosures in force (not withdrawn), newest first; filter by supplier.</summary>
    [WolverineGet("/api/disclosures"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<SharedDisclosure>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Disclosures(ReadStore read, Caller caller, CancellationToken ct, Guid? supplierId = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var session = read.QuerySession(caller.OrgNumber);
        var query = session.Query<SharedDisclosure>().Where(d => d.WithdrawnAt == null);
        if (supplierId is { } s)
        {
            query = query.Where(d => d.SupplierId == s);
        }

        return Results.Ok(await query.OrderByDescending(d => d.DisclosedAt).ToPageAsync(page, pageSize, ct));
    }

    /// <summary>One disclosure in force; a withdrawn one is no longer shown (404).</summary>
    [WolverineGet("/api/disclosures/{disclosureId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<SharedDisclosure>(StatusCodes.Status200OK)]
    public static async Task<IResult> Disclosure(Guid disclosureId, ReadStore read, Caller caller, CancellationToken ct)
    {
        await using var session = read.QuerySession(caller.OrgNumber);
        return await InForceAsync(session, disclosureId, ct) is { } d ? Results.Ok(d) : Results.Problem(NotFound(disclosureId));
    }

    /// <summary>The file of disclosed evidence, when the discloser chose to show it (checked against its SHA-256).</summary>
    [WolverineGet("/api/disclosures/{disclosureId}/file"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<FileContentResult>(StatusCodes.Status200OK, "application/octet-stream")]
    public static async Task<IResult> File(Guid disclosureId, ReadStore read, Caller caller, HttpResponse response, ILogger<SharedDisclosure> logger, CancellationToken ct)
    {
        await using var session = read.QuerySession(caller.OrgNumber);
        if (await InForceAsync(session, disclosureId, ct) is not { Evidence: { FileShown: true } evidence } disclosure)
        {
            return Results.Problem(Problems.NotFound($"No disclosed file for disclosure {disclosureId}."));
        }

        var content = await EvidenceFiles.ReadSharedAsync(session, disclosure.Org, evidence.Sha256, ct);
        return EvidenceFiles.Serve(content, evidence.Sha256, evidence.ContentType ?? "application/octet-stream", evidence.FileName ?? evidence.Sha256, response, logger,
            evidence.EvidenceId);
    }

    private static async Task<SharedDisclosure?> InForceAsync(IQuerySession session, Guid disclosureId, CancellationToken ct) =>
        await session.LoadAsync<SharedDisclosure>(disclosureId, ct) is { WithdrawnAt: null } d ? d : null;

    private static ProblemDetails NotFound(Guid disclosureId) => Problems.NotFound($"No disclosure {disclosureId} in force.");

    private static CommonSupplier Line(SupplierOverview o) =>
        new(o.Id, o.LegalName, o.Country, [.. o.Parties.Select(p => p.Org)], o.CombinedAnnualSpendNok, o.CombinedPriority, o.RisksByCode,
            o.Findings.Count, o.Dialogues.Count, o.Questionnaires.Count, o.LastActivityAt);
}
