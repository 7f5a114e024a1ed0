using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
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

public static class RegisterSupplierDecision
{
    public const int MaxNameLength = 300;

    public static IReadOnlyList<FieldError> Validate(RegisterSupplier cmd)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(cmd.LegalName))
        {
            errors.Add(new("legalName", "must not be empty"));
        }
        else if (cmd.LegalName.Length > MaxNameLength)
        {
            errors.Add(new("legalName", $"must be at most {MaxNameLength} characters"));
        }

        var hasOrgNumber = !string.IsNullOrWhiteSpace(cmd.OrgNumber);
        var hasForeign = !string.IsNullOrWhiteSpace(cmd.ForeignIdentifier);
        if (hasOrgNumber == hasForeign)
        {
            errors.Add(new("orgNumber", "give either a Norwegian orgNumber or a foreignIdentifier with its country, not both or neither"));
        }
        else if (hasOrgNumber)
        {
            if (!OrganisationNumber.IsValid(cmd.OrgNumber))
            {
                errors.Add(new("orgNumber", "must be a Norwegian organisation number: nine digits with a valid modulus-11 check digit"));
            }

            if (cmd.Country is not null and not "NO")
            {
                errors.Add(new("country", "a supplier with a Norwegian organisation number is registered in NO"));
            }
        }
        else
        {
            if (!Countries.IsValid(cmd.Country))
            {
                errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code such as CN or TW"));
            }
            else if (cmd.Country == "NO")
            {
                errors.Add(new("foreignIdentifier", "a Norwegian supplier is registered by its orgNumber"));
            }

            if (cmd.ForeignIdentifier!.Trim().Length > 64)
            {
                errors.Add(new("foreignIdentifier", "must be at most 64 characters"));
            }
        }

        if (cmd.Roles.Count == 0)
        {
            errors.Add(new("roles", "name at least one role: reseller, brand-owner or manufacturer"));
        }
        else if (cmd.Roles.Distinct().Count() != cmd.Roles.Count)
        {
            errors.Add(new("roles", "must not repeat a role"));
        }

        return errors;
    }

    /// <summary>The registry's identity of a supplier: "NO:&lt;orgno&gt;" or "&lt;country&gt;:&lt;FOREIGN-ID&gt;".</summary>
    public static string IdentifierKey(RegisterSupplier cmd) =>
        string.IsNullOrWhiteSpace(cmd.OrgNumber)
            ? $"{cmd.Country}:{cmd.ForeignIdentifier!.Trim().ToUpperInvariant()}"
            : $"NO:{cmd.OrgNumber}";

    /// <summary>A second registration of the same identifier is refused and names the existing supplier.</summary>
    public static ProblemDetails AlreadyRegistered(string identifierKey, Guid existingId) =>
        Problems.Conflict($"A supplier with identifier {identifierKey} is already registered.",
            new Dictionary<string, object?>
            {
                ["field"] = identifierKey.StartsWith("NO:", StringComparison.Ordinal) ? "orgNumber" : "foreignIdentifier",
                ["existingSupplierId"] = existingId,
                ["existingSupplierUrl"] = $"/api/suppliers/{existingId}",
            });

    public static SupplierRegistered Decide(RegisterSupplier cmd, Guid supplierId, Caller caller, DateTimeOffset now) =>
        new(supplierId,
            cmd.LegalName.Trim(),
            string.IsNullOrWhiteSpace(cmd.OrgNumber) ? null : cmd.OrgNumber,
            string.IsNullOrWhiteSpace(cmd.ForeignIdentifier) ? null : cmd.ForeignIdentifier.Trim(),
            string.IsNullOrWhiteSpace(cmd.OrgNumber) ? cmd.Country! : "NO",
            cmd.Roles,
            IdentifierKey(cmd),
            caller.OrgNumber,
            caller.UserId,
            now);
}

public static class RegisterSupplierEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RegisterSupplier cmd, IQuerySession session, CancellationToken ct)
    {
        if (Problems.Validation(RegisterSupplierDecision.Validate(cmd)) is { } invalid)
        {
            return invalid;
        }

        var key = RegisterSupplierDecision.IdentifierKey(cmd);
        var existing = await session.Query<Supplier>().Where(s => s.IdentifierKey == key).Select(s => s.Id).ToListAsync(ct);
        return existing.Count > 0 ? RegisterSupplierDecision.AlreadyRegistered(key, existing[0]) : WolverineContinue.NoProblems;
    }

    /// <summary>Register a supplier in the shared registry.</summary>
    [WolverinePost("/api/suppliers")]
    [ProducesResponseType<SupplierResponse>(StatusCodes.Status201Created)]
    public static (IResult, IStartStream, RegistryChanged) Post(RegisterSupplier cmd, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var registered = RegisterSupplierDecision.Decide(cmd, id, user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/suppliers/{id}", new SupplierResponse(id, 1)), MartenOps.StartStream<Supplier>(id, registered),
            new RegistryChanged(id, registered.LegalName, RegistryChangeKind.SupplierRegistered, 1, registered.RegisteredByOrg, registered.RegisteredBy, registered.RegisteredAt));
    }
}
