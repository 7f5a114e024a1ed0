using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Reopen a concluded assessment, with the reason (new evidence, a new finding ...).</summary>
public sealed record ReopenAssessment(string Reason, long? ExpectedVersion = null);

public static class ReopenAssessmentEndpoint
{
    public static ProblemDetails Validate(ReopenAssessment command, Assessment assessment) =>
            (assessment.Status == AssessmentStatus.Open
                ? Problems.Conflict("The assessment is open; only a concluded assessment can be reopened.",
                    new Dictionary<string, object?> { ["field"] = "assessmentId", ["assessmentStatus"] = "open" })
                : null)
            ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why the assessment is reopened")])
            ?? Problems.None;

    public static AssessmentReopened Decide(ReopenAssessment command, Assessment assessment, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, assessment.SupplierId, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Reopen a concluded assessment (coordinators).</summary>
    [WolverinePost("/api/assessments/{assessmentId}/reopen"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<AssessmentResponse>, Events) Post(ReopenAssessment command, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new AssessmentResponse(assessment.Id, assessment.Version + 1)), [Decide(command, assessment, caller, now)]);
}
