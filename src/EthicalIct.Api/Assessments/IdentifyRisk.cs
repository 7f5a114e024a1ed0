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

/// <summary>Identify a risk in the supplier's chain: taxonomy code, tier, country, optionally a production site, and its source.</summary>
public sealed record IdentifyRisk(
    RiskCode Code,
    Tier Tier,
    string Country,
    string Description,
    string Source,
    Guid? SiteId = null,
    long? ExpectedVersion = null);

public static class IdentifyRiskEndpoint
{
    /// <summary>The supplier's registry entry, read only when the risk names a site.</summary>
    public static async Task<SupplierDetails?> LoadAsync(IdentifyRisk command, Assessment assessment, IDocumentSession session, CancellationToken ct) =>
        command.SiteId is null ? null : await session.LoadAsync<SupplierDetails>(assessment.SupplierId, ct);

    public static ProblemDetails Validate(IdentifyRisk command, Assessment assessment, SupplierDetails? supplier)
    {
        var errors = new List<FieldError>();
        if (!Countries.IsValid(command.Country))
        {
            errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code such as CN or MY"));
        }

        errors.AddRange(Rules.Text(command.Description, "description", "describe the risk"));
        errors.AddRange(Rules.Text(command.Source, "source", "say where the risk comes from (report, media, questionnaire ...)", 500));
        if (command.SiteId is { } site && supplier?.Sites.Any(s => s.SiteId == site) != true)
        {
            errors.Add(new("siteId", "no such production site registered for this supplier"));
        }

        return AssessmentRules.MustBeOpen(assessment) ?? Problems.Validation(errors) ?? Problems.None;
    }

    public static RiskIdentified Decide(IdentifyRisk command, Assessment assessment, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, Ids.For(assessment.Id, assessment.Version, 0, now), assessment.SupplierId, command.Code, command.Tier, command.Country,
            command.SiteId, command.Description.Trim(), command.Source.Trim(), caller.Actor, now);

    /// <summary>Identify a risk in an assessment.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<AssessmentItemResponse>, Events) Post(IdentifyRisk command, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now)
    {
        var identified = Decide(command, assessment, caller, now);
        return (TypedResults.Created($"/api/assessments/{assessment.Id}", new AssessmentItemResponse(assessment.Id, identified.RiskId, assessment.Version + 1)),
            [identified]);
    }
}
