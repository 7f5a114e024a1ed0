using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Close a risk, with the reason (mitigated, not substantiated, supplier exited ...).</summary>
public sealed record CloseRisk(string Reason, long? ExpectedVersion = null);

public static class CloseRiskEndpoint
{
    public static ProblemDetails Validate(CloseRisk command, Assessment assessment, Guid riskId) =>
            AssessmentRules.MustBeOpen(assessment)
            ?? AssessmentRules.RiskMustBeOpen(assessment, riskId)
            ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why the risk is closed")])
            ?? Problems.None;

    public static RiskClosed Decide(CloseRisk command, Assessment assessment, Guid riskId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, riskId, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Close a risk.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/close"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<AssessmentResponse>, Events) Post(CloseRisk command, Guid riskId, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new AssessmentResponse(assessment.Id, assessment.Version + 1)), [Decide(command, assessment, riskId, caller, now)]);
}
