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

/// <summary>Identify a risk in the supplier's chain: taxonomy code, tier, country, optionally a production site, and its source.</summary>
public sealed record IdentifyRisk(
    RiskCode Code,
    Tier Tier,
    string Country,
    string Description,
    string Source,
    Guid? SiteId = null,
    long? ExpectedVersion = null);

public static class IdentifyRiskDecision
{
    public static IReadOnlyList<FieldError> Validate(IdentifyRisk cmd, Supplier? supplier)
    {
        var errors = new List<FieldError>();
        if (!Countries.IsValid(cmd.Country))
        {
            errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code such as CN or MY"));
        }

        errors.AddRange(Rules.Text(cmd.Description, "description", "describe the risk"));
        errors.AddRange(Rules.Text(cmd.Source, "source", "say where the risk comes from (report, media, questionnaire ...)", 500));
        if (cmd.SiteId is { } site && supplier?.Sites.Any(s => s.SiteId == site) != true)
        {
            errors.Add(new("siteId", "no such production site registered for this supplier"));
        }

        return errors;
    }

    public static RiskIdentified Decide(IdentifyRisk cmd, Assessment assessment, Guid riskId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, riskId, assessment.SupplierId, cmd.Code, cmd.Tier, cmd.Country, cmd.SiteId, cmd.Description.Trim(), cmd.Source.Trim(),
            caller.OrgNumber, caller.UserId, now);
}

public static class IdentifyRiskEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(IdentifyRisk cmd, [FromHeader(Name = "If-Match")] string? ifMatch,
        Assessment assessment, IDocumentSession session, CancellationToken ct) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? Problems.Validation(IdentifyRiskDecision.Validate(cmd, cmd.SiteId is null ? null : await session.LoadAsync<Supplier>(assessment.SupplierId, ct)))
        ?? WolverineContinue.NoProblems;

    /// <summary>Identify a risk in an assessment.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks")]
    [ProducesResponseType<AssessmentItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(IdentifyRisk cmd, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock)
    {
        var riskId = Guid.CreateVersion7();
        return (Results.Created($"/api/assessments/{assessment.Id}", new AssessmentItemResponse(assessment.Id, riskId, assessment.Version + 1)),
            [IdentifyRiskDecision.Decide(cmd, assessment, riskId, user.Caller(), clock.GetUtcNow())]);
    }
}
