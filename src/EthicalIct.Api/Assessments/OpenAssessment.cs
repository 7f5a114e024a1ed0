using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;
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

public static class OpenAssessmentDecision
{
    public static IReadOnlyList<FieldError> Validate(OpenAssessment cmd, bool supplierExists)
    {
        var errors = new List<FieldError>();
        if (!supplierExists)
        {
            errors.Add(new("supplierId", "no such supplier in the registry"));
        }

        if (string.IsNullOrWhiteSpace(cmd.FrameworkAgreement))
        {
            errors.Add(new("frameworkAgreement", "name the framework agreement the assessment covers"));
        }

        if (cmd.ProductCategories.Count == 0)
        {
            errors.Add(new("productCategories", "name at least one product category"));
        }

        if (cmd.PeriodTo < cmd.PeriodFrom)
        {
            errors.Add(new("periodTo", "must not be before periodFrom"));
        }

        if (string.IsNullOrWhiteSpace(cmd.ResponsibleCaseOfficer))
        {
            errors.Add(new("responsibleCaseOfficer", "name the responsible case officer"));
        }

        return errors;
    }

    public static AssessmentOpened Decide(OpenAssessment cmd, Guid id, Caller caller, DateTimeOffset now) =>
        new(id, cmd.SupplierId, cmd.FrameworkAgreement.Trim(), cmd.ProductCategories, cmd.PeriodFrom, cmd.PeriodTo,
            cmd.ResponsibleCaseOfficer.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class OpenAssessmentEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(OpenAssessment cmd, IQuerySession session, CancellationToken ct)
    {
        var supplierExists = await session.Query<Supplier>().AnyAsync(s => s.Id == cmd.SupplierId, ct);
        return Problems.Validation(OpenAssessmentDecision.Validate(cmd, supplierExists)) ?? WolverineContinue.NoProblems;
    }

    /// <summary>Open an assessment (private to the caller's organisation).</summary>
    [WolverinePost("/api/assessments")]
    [ProducesResponseType<NewAssessmentResponse>(StatusCodes.Status201Created)]
    public static (IResult, IStartStream) Post(OpenAssessment cmd, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var opened = OpenAssessmentDecision.Decide(cmd, id, user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/assessments/{id}", new NewAssessmentResponse(id, 1)), MartenOps.StartStream<Assessment>(id, opened));
    }
}

public static class GetAssessmentEndpoint
{
    /// <summary>One assessment of the caller's organisation; another organisation's assessment is 404.</summary>
    [WolverineGet("/api/assessments/{assessmentId}")]
    [ProducesResponseType<Assessment>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid assessmentId, IQuerySession session, HttpResponse response, CancellationToken ct)
        => Resources.OkWithVersion(await session.LoadAsync<Assessment>(assessmentId, ct), a => a.Version, response, $"No assessment {assessmentId}.");
}
