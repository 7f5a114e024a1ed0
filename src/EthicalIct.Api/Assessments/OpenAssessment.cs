using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Open a due-diligence assessment of a registered supplier, owned by the caller's organisation.</summary>
public sealed record OpenAssessment(
    Guid SupplierId,
    string FrameworkAgreement,
    IReadOnlyList<ProductCategory> ProductCategories,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string ResponsibleCaseOfficer);

public sealed record NewAssessmentResponse(Guid Id, long Version);

public static class OpenAssessmentEndpoint
{
    /// <summary>The supplier, from the shared registry.</summary>
    public static Task<SupplierDetails?> LoadAsync(OpenAssessment command, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<SupplierDetails>(command.SupplierId, ct);

    public static ProblemDetails Validate(OpenAssessment command, SupplierDetails? supplier)
    {
        var errors = new List<FieldError>();
        if (supplier is null)
        {
            errors.Add(new("supplierId", "no such supplier in the registry"));
        }

        errors.AddRange(Rules.Text(command.FrameworkAgreement, "frameworkAgreement", "name the framework agreement the assessment covers", 300));
        errors.AddRange(Rules.NonEmptyDistinct(command.ProductCategories, "productCategories", "name at least one product category"));
        if (command.PeriodTo < command.PeriodFrom)
        {
            errors.Add(new("periodTo", "must not be before periodFrom"));
        }

        errors.AddRange(Rules.Text(command.ResponsibleCaseOfficer, "responsibleCaseOfficer", "name the responsible case officer", 200));
        return Problems.Validation(errors) ?? Problems.None;
    }

    public static AssessmentOpened Decide(OpenAssessment command, Guid assessmentId, Caller caller, DateTimeOffset now) =>
        new(assessmentId, command.SupplierId, command.FrameworkAgreement.Trim(), command.ProductCategories, command.PeriodFrom, command.PeriodTo,
            command.ResponsibleCaseOfficer.Trim(), caller.Actor, now);

    /// <summary>Open an assessment (private to the caller's organisation).</summary>
    [WolverinePost("/api/assessments"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<NewAssessmentResponse>, IStartStream) Post(OpenAssessment command, Caller caller, DateTimeOffset now)
    {
        var opened = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/assessments/{opened.AssessmentId}", new NewAssessmentResponse(opened.AssessmentId, 1)),
            MartenOps.StartStream<Assessment>(opened.AssessmentId, opened));
    }
}
