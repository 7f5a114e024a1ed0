using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Score a risk (again): severity sub-scores and likelihood 1–5, connection and leverage. The priority is derived.</summary>
public sealed record AssessRisk(
    int Scale,
    int Scope,
    int Irremediability,
    int Likelihood,
    Connection Connection,
    Leverage Leverage,
    string? Rationale = null,
    long? ExpectedVersion = null);

public sealed record RiskScoreResponse(Guid AssessmentId, Guid RiskId, int Severity, Priority Priority, int Rank, long Version);

public static class AssessRiskDecision
{
    public static IReadOnlyList<FieldError> Validate(AssessRisk cmd)
    {
        var errors = new List<FieldError>();
        foreach (var (field, value) in new[] { ("scale", cmd.Scale), ("scope", cmd.Scope), ("irremediability", cmd.Irremediability), ("likelihood", cmd.Likelihood) })
        {
            if (!PriorityRule.IsScore(value))
            {
                errors.Add(new(field, $"must be a whole number from 1 to 5 (was {value})"));
            }
        }

        if (cmd.Rationale is { Length: > Rules.MaxText })
        {
            errors.Add(new("rationale", $"must be at most {Rules.MaxText} characters"));
        }

        return errors;
    }

    public static RiskAssessed Decide(AssessRisk cmd, Assessment assessment, Guid riskId, Caller caller, DateTimeOffset now)
    {
        var p = PriorityRule.Derive(cmd.Scale, cmd.Scope, cmd.Irremediability, cmd.Likelihood);
        return new RiskAssessed(assessment.Id, riskId, cmd.Scale, cmd.Scope, cmd.Irremediability, cmd.Likelihood, cmd.Connection, cmd.Leverage,
            p.Severity, p.Priority, p.Rank, PriorityRule.RuleId, string.IsNullOrWhiteSpace(cmd.Rationale) ? null : cmd.Rationale.Trim(),
            caller.OrgNumber, caller.UserId, now);
    }
}

public static class AssessRiskEndpoint
{
    public static ProblemDetails Validate(AssessRisk cmd, Guid riskId, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? AssessmentRules.RiskMustExist(assessment, riskId)
        ?? AssessmentRules.RiskMustBeOpen(assessment, riskId)
        ?? Problems.Validation(AssessRiskDecision.Validate(cmd))
        ?? WolverineContinue.NoProblems;

    /// <summary>Score (or re-score) a risk; earlier scores stay in its history.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/scores")]
    [ProducesResponseType<RiskScoreResponse>(StatusCodes.Status200OK)]
    public static (RiskScoreResponse, Events) Post(AssessRisk cmd, Guid riskId, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = AssessRiskDecision.Decide(cmd, assessment, riskId, user.Caller(), clock.GetUtcNow());
        return (new RiskScoreResponse(assessment.Id, riskId, e.Severity, e.Priority, e.Rank, assessment.Version + 1), [e]);
    }
}
