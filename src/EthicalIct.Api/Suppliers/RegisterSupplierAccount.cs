using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Suppliers;

/// <summary>Register a supplier's published transparency account for a year as evidence (its https address, the day it was published, the SHA-256 of a copy kept).</summary>
public sealed record RegisterSupplierAccount(int Year, DateOnly PublishedOn, string Url, string? Sha256 = null, long? ExpectedVersion = null);

/// <summary>A supplier whose latest registered account is older than the one that should be out by now.</summary>
public sealed record SupplierWithoutAccount(Guid SupplierId, string LegalName, int? LatestAccountYear, int ExpectedYear);

/// <summary>
/// Which account a supplier should have published by a day (åpenhetsloven § 5: by 30 June each year, for the year
/// before): from 1 July, last year's; before, the year before last.
/// </summary>
public static class SupplierAccounts
{
    public static int ExpectedYear(DateOnly today) => today.Month >= 7 ? today.Year - 1 : today.Year - 2;

    public static bool Current(int? latestYear, DateOnly today) => latestYear >= ExpectedYear(today);
}

public static class RegisterSupplierAccountEndpoint
{
    public static ProblemDetails Validate(RegisterSupplierAccount command, DateTimeOffset now) =>
        Problems.Validation([
            .. command.Year < 2022 || command.Year > Rules.Today(now).Year ? [new FieldError("year", $"a year from 2022 to {Rules.Today(now).Year}")] : Array.Empty<FieldError>(),
            .. command.PublishedOn > Rules.Today(now) || command.PublishedOn.Year < command.Year ? [new FieldError("publishedOn", "on or after the account's year began, and not in the future")] : Array.Empty<FieldError>(),
            .. Uri.TryCreate(command.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? [] : new[] { new FieldError("url", "the https address of the published account") },
            .. command.Sha256 is { } sha && !Evidence.EvidenceRules.IsSha256(sha) ? [new FieldError("sha256", "the 64 hex digits of the kept copy's SHA-256")] : Array.Empty<FieldError>(),
        ])
        ?? Problems.None;

    public static SupplierAccountRegistered Decide(RegisterSupplierAccount command, Supplier supplier, Caller caller, DateTimeOffset now) =>
        new(supplier.Id, command.Year, command.PublishedOn, command.Url.Trim(), command.Sha256?.ToLowerInvariant(), caller.Actor, now);

    /// <summary>Register a supplier's published account.</summary>
    [WolverinePost("/api/suppliers/{supplierId}/transparency-accounts"), Allow(RoleSet.Writers), Access(AccessRule.AnyOrganisation)]
    public static (Ok<SupplierResponse>, Events) Post(RegisterSupplierAccount command, [WriteAggregate] Supplier supplier, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new SupplierResponse(supplier.Id, supplier.Version + 1)), [Decide(command, supplier, caller, now)]);
}

public static class SuppliersWithoutAccountQuery
{
    /// <summary>The registry's suppliers without a current transparency account (flagged: the account that should be out by today is not registered).</summary>
    [WolverineGet("/api/suppliers/without-current-account"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<IReadOnlyList<SupplierWithoutAccount>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<SupplierWithoutAccount>> Get(IQuerySession session, DateTimeOffset now, CancellationToken ct)
    {
        var expected = SupplierAccounts.ExpectedYear(Rules.Today(now));
        var flagged = await session.Query<SupplierDetails>().Where(s => s.LatestAccountYear == null || s.LatestAccountYear < expected).OrderBy(s => s.LegalName).Take(1000).ToListAsync(ct);
        return [.. flagged.Select(s => new SupplierWithoutAccount(s.Id, s.LegalName, s.LatestAccountYear, expected))];
    }
}
