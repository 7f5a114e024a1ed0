using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Suppliers;

/// <summary>
/// Register a supplier in the shared registry: a Norwegian organisation number (mod-11 checked), or a foreign
/// identifier with its ISO 3166-1 alpha-2 country.
/// </summary>
public sealed record RegisterSupplier(
    string LegalName,
    IReadOnlyList<SupplierRole> Roles,
    string? OrgNumber = null,
    string? ForeignIdentifier = null,
    string? Country = null);

/// <summary>Response of a supplier command: the supplier and its stream version after the command.</summary>
public sealed record SupplierResponse(Guid Id, long Version);

public static class RegisterSupplierEndpoint
{
    public const int MaxNameLength = 300;

    /// <summary>The supplier already registered under the command's identifier, if any.</summary>
    public static async Task<SupplierDetails?> LoadAsync(RegisterSupplier command, IQuerySession session, CancellationToken ct)
    {
        if (FieldErrors(command).Count > 0)
        {
            return null;
        }

        var key = IdentifierKey(command);
        return await session.Query<SupplierDetails>().FirstOrDefaultAsync(s => s.IdentifierKey == key, ct);
    }

    public static ProblemDetails Validate(RegisterSupplier command, SupplierDetails? existing) =>
            Problems.Validation(FieldErrors(command))
            ?? (existing is null ? null : AlreadyRegistered(existing.IdentifierKey, existing.Id))
            ?? Problems.None;

    public static IReadOnlyList<FieldError> FieldErrors(RegisterSupplier command)
    {
        var errors = new List<FieldError>(Rules.Text(command.LegalName, "legalName", "must not be empty", MaxNameLength));
        var hasOrgNumber = !string.IsNullOrWhiteSpace(command.OrgNumber);
        var hasForeign = !string.IsNullOrWhiteSpace(command.ForeignIdentifier);
        if (hasOrgNumber == hasForeign)
        {
            errors.Add(new("orgNumber", "give either a Norwegian orgNumber or a foreignIdentifier with its country, not both or neither"));
        }
        else if (hasOrgNumber)
        {
            if (!OrganisationNumber.IsValid(command.OrgNumber))
            {
                errors.Add(new("orgNumber", "must be a Norwegian organisation number: nine digits with a valid modulus-11 check digit"));
            }

            if (command.Country is not null and not "NO")
            {
                errors.Add(new("country", "a supplier with a Norwegian organisation number is registered in NO"));
            }
        }
        else
        {
            if (!Countries.IsValid(command.Country))
            {
                errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code such as CN or TW"));
            }
            else if (command.Country == "NO")
            {
                errors.Add(new("foreignIdentifier", "a Norwegian supplier is registered by its orgNumber"));
            }

            if (command.ForeignIdentifier!.Trim().Length > 64)
            {
                errors.Add(new("foreignIdentifier", "must be at most 64 characters"));
            }
        }

        errors.AddRange(Rules.NonEmptyDistinct(command.Roles, "roles", "name at least one role: reseller, brand-owner or manufacturer"));
        return errors;
    }

    /// <summary>The registry's identity of a supplier: "NO:&lt;orgno&gt;" or "&lt;country&gt;:&lt;FOREIGN-ID&gt;".</summary>
    public static string IdentifierKey(RegisterSupplier command) =>
        string.IsNullOrWhiteSpace(command.OrgNumber)
            ? $"{command.Country}:{command.ForeignIdentifier!.Trim().ToUpperInvariant()}"
            : $"NO:{command.OrgNumber}";

    /// <summary>A second registration of the same identifier is refused and names the existing supplier.</summary>
    public static ProblemDetails AlreadyRegistered(string identifierKey, Guid existingId) =>
        Problems.Conflict($"A supplier with identifier {identifierKey} is already registered.",
            new Dictionary<string, object?>
            {
                ["field"] = identifierKey.StartsWith("NO:", StringComparison.Ordinal) ? "orgNumber" : "foreignIdentifier",
                ["existingSupplierId"] = existingId,
                ["existingSupplierUrl"] = $"/api/suppliers/{existingId}",
            });

    public static SupplierRegistered Decide(RegisterSupplier command, Guid supplierId, Caller caller, DateTimeOffset now) =>
        new(supplierId,
            command.LegalName.Trim(),
            string.IsNullOrWhiteSpace(command.OrgNumber) ? null : command.OrgNumber,
            string.IsNullOrWhiteSpace(command.ForeignIdentifier) ? null : command.ForeignIdentifier.Trim(),
            string.IsNullOrWhiteSpace(command.OrgNumber) ? command.Country! : "NO",
            command.Roles,
            IdentifierKey(command),
            caller.Actor,
            now);

    /// <summary>Register a supplier in the shared registry.</summary>
    [WolverinePost("/api/suppliers"), Allow(RoleSet.Writers), Access(AccessRule.AnyOrganisation)]
    public static (Created<SupplierResponse>, IStartStream) Post(RegisterSupplier command, Caller caller, DateTimeOffset now)
    {
        var registered = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/suppliers/{registered.SupplierId}", new SupplierResponse(registered.SupplierId, 1)),
            MartenOps.StartStream<Supplier>(registered.SupplierId, registered));
    }
}
