using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Suppliers;

/// <summary>Correct a supplier's legal name or roles. Nothing is changed in place: the correction is a new event with its reason.</summary>
public sealed record CorrectSupplierDetails(
    string LegalName,
    IReadOnlyList<SupplierRole> Roles,
    string Reason,
    long? ExpectedVersion = null);

public static class CorrectSupplierDetailsDecision
{
    public static IReadOnlyList<FieldError> Validate(CorrectSupplierDetails cmd, Supplier supplier)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(cmd.LegalName))
        {
            errors.Add(new("legalName", "must not be empty"));
        }
        else if (cmd.LegalName.Length > RegisterSupplierDecision.MaxNameLength)
        {
            errors.Add(new("legalName", $"must be at most {RegisterSupplierDecision.MaxNameLength} characters"));
        }

        if (cmd.Roles.Count == 0)
        {
            errors.Add(new("roles", "name at least one role: reseller, brand-owner or manufacturer"));
        }
        else if (cmd.Roles.Distinct().Count() != cmd.Roles.Count)
        {
            errors.Add(new("roles", "must not repeat a role"));
        }

        if (string.IsNullOrWhiteSpace(cmd.Reason))
        {
            errors.Add(new("reason", "say why the details are corrected"));
        }

        if (errors.Count == 0 && cmd.LegalName.Trim() == supplier.LegalName && cmd.Roles.ToHashSet().SetEquals(supplier.Roles))
        {
            errors.Add(new("legalName", "the correction changes neither the legal name nor the roles"));
        }

        return errors;
    }

    public static SupplierDetailsCorrected Decide(CorrectSupplierDetails cmd, Supplier supplier, Caller caller, DateTimeOffset now) =>
        new(supplier.Id, cmd.LegalName.Trim(), cmd.Roles, cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class CorrectSupplierDetailsEndpoint
{
    public static ProblemDetails Validate(CorrectSupplierDetails cmd, [FromHeader(Name = "If-Match")] string? ifMatch,
        Supplier supplier) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, supplier.Version)
        ?? Problems.Validation(CorrectSupplierDetailsDecision.Validate(cmd, supplier))
        ?? WolverineContinue.NoProblems;

    /// <summary>Correct a supplier's legal name or roles.</summary>
    [WolverinePost("/api/suppliers/{supplierId}/corrections")]
    [ProducesResponseType<SupplierResponse>(StatusCodes.Status200OK)]
    public static (SupplierResponse, Events, RegistryChanged) Post(CorrectSupplierDetails cmd, [WriteAggregate] Supplier supplier, ClaimsPrincipal user, TimeProvider clock)
    {
        var corrected = CorrectSupplierDetailsDecision.Decide(cmd, supplier, user.Caller(), clock.GetUtcNow());
        var version = supplier.Version + 1;
        return (new SupplierResponse(supplier.Id, version), [corrected],
            new RegistryChanged(supplier.Id, corrected.LegalName, RegistryChangeKind.SupplierDetailsCorrected, version, corrected.CorrectedByOrg, corrected.CorrectedBy, corrected.CorrectedAt));
    }
}
