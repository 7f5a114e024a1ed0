using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
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

public static class AssessRiskEndpoint
{
    public static ProblemDetails Validate(AssessRisk command, Assessment assessment, Guid riskId)
    {
        var errors = new List<FieldError>();
        foreach (var (field, value) in new[] { ("scale", command.Scale), ("scope", command.Scope), ("irremediability", command.Irremediability), ("likelihood", command.Likelihood) })
        {
            if (!PriorityRule.IsScore(value))
            {
                errors.Add(new(field, $"must be a whole number from 1 to 5 (was {value})"));
            }
        }

        if (command.Rationale is { Length: > Rules.MaxText })
        {
            errors.Add(new("rationale", $"must be at most {Rules.MaxText} characters"));
        }

        return AssessmentRules.MustBeOpen(assessment)
            ?? AssessmentRules.RiskMustBeOpen(assessment, riskId)
            ?? Problems.Validation(errors)
            ?? Problems.None;
    }

    public static RiskAssessed Decide(AssessRisk command, Assessment assessment, Guid riskId, Caller caller, DateTimeOffset now)
    {
        var p = PriorityRule.Derive(command.Scale, command.Scope, command.Irremediability, command.Likelihood);
        return new RiskAssessed(assessment.Id, riskId, command.Scale, command.Scope, command.Irremediability, command.Likelihood, command.Connection,
            command.Leverage, p.Severity, p.Priority, p.Rank, PriorityRule.RuleId, string.IsNullOrWhiteSpace(command.Rationale) ? null : command.Rationale.Trim(),
            caller.Actor, now);
    }

    /// <summary>Score (or re-score) a risk; earlier scores stay in its history.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/scores"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<RiskScoreResponse>, Events) Post(AssessRisk command, Guid riskId, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now)
    {
        var assessed = Decide(command, assessment, riskId, caller, now);
        return (TypedResults.Ok(new RiskScoreResponse(assessment.Id, riskId, assessed.Severity, assessed.Priority, assessed.Rank, assessment.Version + 1)), [assessed]);
    }
}
