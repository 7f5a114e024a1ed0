using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>
/// Conclude the assessment with an outcome and a rationale: a conclude decision and the conclusion. "No significant risk"
/// is refused while a critical FL or CL risk is open or backed by no evidence (<see cref="VerificationRule"/>).
/// </summary>
public sealed record ConcludeAssessment(
    AssessmentOutcome Outcome,
    string Rationale,
    IReadOnlyList<Guid>? EvidenceIds = null,
    long? ExpectedVersion = null);

public static class ConcludeAssessmentEndpoint
{
    public static ProblemDetails Validate(ConcludeAssessment command, Assessment assessment) =>
            AssessmentRules.MustBeOpen(assessment)
            ?? (VerificationRule.ConcludingRefusal(command.Outcome, assessment.Facts.Values) is { } refusal
                ? Problems.Conflict(refusal, new Dictionary<string, object?> { ["field"] = "outcome", ["rule"] = VerificationRule.RuleId })
                : null)
            ?? Problems.Validation([
                .. Rules.Text(command.Rationale, "rationale", "a conclusion needs a rationale"),
                .. AssessmentRules.EvidenceRefs(assessment, command.EvidenceIds),
            ])
            ?? Problems.None;

    public static (DecisionRecorded Decision, AssessmentConcluded Conclusion) Decide(ConcludeAssessment command, Assessment assessment, Caller caller, DateTimeOffset now)
    {
        var rationale = command.Rationale.Trim();
        var decisionId = Ids.For(assessment.Id, assessment.Version, 0, now);
        return (new DecisionRecorded(assessment.Id, decisionId, DecisionKind.Conclude, rationale, command.EvidenceIds ?? [], [], caller.Actor, now),
            new AssessmentConcluded(assessment.Id, assessment.SupplierId, command.Outcome, rationale, decisionId, VerificationRule.RuleId, caller.Actor, now));
    }

    /// <summary>Conclude the assessment (coordinators).</summary>
    [WolverinePost("/api/assessments/{assessmentId}/conclude"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<AssessmentResponse>, Events) Post(ConcludeAssessment command, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now)
    {
        var (decision, conclusion) = Decide(command, assessment, caller, now);
        return (TypedResults.Ok(new AssessmentResponse(assessment.Id, assessment.Version + 2)), [decision, conclusion]);
    }
}
