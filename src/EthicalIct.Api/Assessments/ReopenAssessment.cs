using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Reopen a concluded assessment, with the reason (new evidence, a new finding ...).</summary>
public sealed record ReopenAssessment(string Reason, long? ExpectedVersion = null);

public static class ReopenAssessmentDecision
{
    public static ProblemDetails? MustBeConcluded(Assessment assessment) =>
        assessment.Status == AssessmentStatus.Open
            ? Problems.Conflict("The assessment is open; only a concluded assessment can be reopened.",
                new Dictionary<string, object?> { ["field"] = "assessmentId", ["assessmentStatus"] = "open" })
            : null;

    public static IReadOnlyList<FieldError> Validate(ReopenAssessment cmd) => [.. Rules.Text(cmd.Reason, "reason", "say why the assessment is reopened")];

    public static AssessmentReopened Decide(ReopenAssessment cmd, Assessment assessment, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, assessment.SupplierId, cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class ReopenAssessmentEndpoint
{
    public static ProblemDetails Validate(ReopenAssessment cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? ReopenAssessmentDecision.MustBeConcluded(assessment)
        ?? Problems.Validation(ReopenAssessmentDecision.Validate(cmd))
        ?? WolverineContinue.NoProblems;

    /// <summary>Reopen a concluded assessment.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/reopen")]
    [ProducesResponseType<AssessmentResponse>(StatusCodes.Status200OK)]
    public static (AssessmentResponse, Events) Post(ReopenAssessment cmd, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock) =>
        (new AssessmentResponse(assessment.Id, assessment.Version + 1), [ReopenAssessmentDecision.Decide(cmd, assessment, user.Caller(), clock.GetUtcNow())]);
}
