using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
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

public static class CorrectSupplierDetailsEndpoint
{
    public static ProblemDetails Validate(CorrectSupplierDetails command, Supplier supplier)
    {
        var errors = new List<FieldError>(Rules.Text(command.LegalName, "legalName", "must not be empty", RegisterSupplierEndpoint.MaxNameLength));
        errors.AddRange(Rules.NonEmptyDistinct(command.Roles, "roles", "name at least one role: reseller, brand-owner or manufacturer"));
        errors.AddRange(Rules.Text(command.Reason, "reason", "say why the details are corrected"));
        if (errors.Count == 0 && command.LegalName.Trim() == supplier.LegalName && command.Roles.ToHashSet().SetEquals(supplier.Roles))
        {
            errors.Add(new("legalName", "the correction changes neither the legal name nor the roles"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static SupplierDetailsCorrected Decide(CorrectSupplierDetails command, Supplier supplier, Caller caller, DateTimeOffset now) =>
        new(supplier.Id, command.LegalName.Trim(), command.Roles, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Correct a supplier's legal name or roles (coordinators).</summary>
    [WolverinePost("/api/suppliers/{supplierId}/corrections"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Ok<SupplierResponse>, Events) Post(CorrectSupplierDetails command, [WriteAggregate] Supplier supplier, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new SupplierResponse(supplier.Id, supplier.Version + 1)), [Decide(command, supplier, caller, now)]);
}
