using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Conclude the assessment with an outcome and a rationale: a conclude decision and the conclusion.</summary>
public sealed record ConcludeAssessment(
    AssessmentOutcome Outcome,
    string Rationale,
    IReadOnlyList<Guid>? EvidenceIds = null,
    long? ExpectedVersion = null);

public static class ConcludeAssessmentDecision
{
    public static IReadOnlyList<FieldError> Validate(ConcludeAssessment cmd, Assessment assessment) =>
    [
        .. Rules.Text(cmd.Rationale, "rationale", "a conclusion needs a rationale"),
        .. AssessmentRules.EvidenceRefs(assessment, cmd.EvidenceIds),
    ];

    public static object[] Decide(ConcludeAssessment cmd, Assessment assessment, Guid decisionId, Caller caller, DateTimeOffset now)
    {
        var rationale = cmd.Rationale.Trim();
        return
        [
            new DecisionRecorded(assessment.Id, decisionId, DecisionKind.Conclude, rationale, cmd.EvidenceIds ?? [], [], caller.OrgNumber,
                caller.UserId, caller.RoleText, now),
            new AssessmentConcluded(assessment.Id, assessment.SupplierId, cmd.Outcome, rationale, decisionId, caller.OrgNumber, caller.UserId, now),
        ];
    }
}

public static class ConcludeAssessmentEndpoint
{
    public static ProblemDetails Validate(ConcludeAssessment cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? Problems.Validation(ConcludeAssessmentDecision.Validate(cmd, assessment))
        ?? WolverineContinue.NoProblems;

    /// <summary>Conclude the assessment.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/conclude")]
    [ProducesResponseType<AssessmentResponse>(StatusCodes.Status200OK)]
    public static (AssessmentResponse, Events) Post(ConcludeAssessment cmd, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock)
    {
        var events = ConcludeAssessmentDecision.Decide(cmd, assessment, Guid.CreateVersion7(), user.Caller(), clock.GetUtcNow());
        return (new AssessmentResponse(assessment.Id, assessment.Version + events.Length), [.. events]);
    }
}
