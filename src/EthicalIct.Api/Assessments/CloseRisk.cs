using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Close a risk, with the reason (mitigated, not substantiated, supplier exited ...).</summary>
public sealed record CloseRisk(string Reason, long? ExpectedVersion = null);

public static class CloseRiskDecision
{
    public static IReadOnlyList<FieldError> Validate(CloseRisk cmd) => [.. Rules.Text(cmd.Reason, "reason", "say why the risk is closed")];

    public static RiskClosed Decide(CloseRisk cmd, Assessment assessment, Guid riskId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, riskId, cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class CloseRiskEndpoint
{
    public static ProblemDetails Validate(CloseRisk cmd, Guid riskId, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? AssessmentRules.RiskMustExist(assessment, riskId)
        ?? AssessmentRules.RiskMustBeOpen(assessment, riskId)
        ?? Problems.Validation(CloseRiskDecision.Validate(cmd))
        ?? WolverineContinue.NoProblems;

    /// <summary>Close a risk.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/close")]
    [ProducesResponseType<AssessmentResponse>(StatusCodes.Status200OK)]
    public static (AssessmentResponse, Events) Post(CloseRisk cmd, Guid riskId, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock) =>
        (new AssessmentResponse(assessment.Id, assessment.Version + 1), [CloseRiskDecision.Decide(cmd, assessment, riskId, user.Caller(), clock.GetUtcNow())]);
}
