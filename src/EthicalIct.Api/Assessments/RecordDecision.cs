using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>
/// Record a significant step (prioritise, request a self-assessment, request an audit, accept a mitigation,
/// escalate) with its rationale and the evidence and risks it rests on. Concluding has its own command.
/// </summary>
public sealed record RecordDecision(
    DecisionKind Kind,
    string Rationale,
    IReadOnlyList<Guid>? EvidenceIds = null,
    IReadOnlyList<Guid>? RiskIds = null,
    long? ExpectedVersion = null);

public static class RecordDecisionDecision
{
    public static IReadOnlyList<FieldError> Validate(RecordDecision cmd, Assessment assessment)
    {
        var errors = new List<FieldError>();
        if (cmd.Kind == DecisionKind.Conclude)
        {
            errors.Add(new("kind", "conclude the assessment with POST /api/assessments/{id}/conclude"));
        }

        errors.AddRange(Rules.Text(cmd.Rationale, "rationale", "every decision needs a rationale"));
        errors.AddRange(AssessmentRules.EvidenceRefs(assessment, cmd.EvidenceIds));
        errors.AddRange(AssessmentRules.RiskRefs(assessment, cmd.RiskIds));
        if (cmd.Kind is DecisionKind.AcceptMitigation or DecisionKind.Prioritise && (cmd.RiskIds ?? []).Count == 0)
        {
            errors.Add(new("riskIds", $"name the risks this decision is about"));
        }

        return errors;
    }

    public static DecisionRecorded Decide(RecordDecision cmd, Assessment assessment, Guid decisionId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, decisionId, cmd.Kind, cmd.Rationale.Trim(), cmd.EvidenceIds ?? [], cmd.RiskIds ?? [], caller.OrgNumber, caller.UserId,
            caller.RoleText, now);
}

public static class RecordDecisionEndpoint
{
    public static ProblemDetails Validate(RecordDecision cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? Problems.Validation(RecordDecisionDecision.Validate(cmd, assessment))
        ?? WolverineContinue.NoProblems;

    /// <summary>Record a decision with its rationale and evidence.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/decisions")]
    [ProducesResponseType<AssessmentItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(RecordDecision cmd, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock)
    {
        var decisionId = Guid.CreateVersion7();
        return (Results.Created($"/api/assessments/{assessment.Id}", new AssessmentItemResponse(assessment.Id, decisionId, assessment.Version + 1)),
            [RecordDecisionDecision.Decide(cmd, assessment, decisionId, user.Caller(), clock.GetUtcNow())]);
    }
}
