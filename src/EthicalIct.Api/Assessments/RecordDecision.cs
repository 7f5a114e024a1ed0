using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
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

public static class RecordDecisionEndpoint
{
    public static ProblemDetails Validate(RecordDecision command, Assessment assessment)
    {
        var errors = new List<FieldError>();
        if (command.Kind == DecisionKind.Conclude)
        {
            errors.Add(new("kind", "conclude the assessment with POST /api/assessments/{id}/conclude"));
        }

        errors.AddRange(Rules.Text(command.Rationale, "rationale", "every decision needs a rationale"));
        errors.AddRange(AssessmentRules.EvidenceRefs(assessment, command.EvidenceIds));
        errors.AddRange(AssessmentRules.RiskRefs(assessment, command.RiskIds));
        if (command.Kind is DecisionKind.AcceptMitigation or DecisionKind.Prioritise && (command.RiskIds ?? []).Count == 0)
        {
            errors.Add(new("riskIds", "name the risks this decision is about"));
        }

        return AssessmentRules.MustBeOpen(assessment) ?? Problems.Validation(errors) ?? Problems.None;
    }

    public static DecisionRecorded Decide(RecordDecision command, Assessment assessment, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, Ids.For(assessment.Id, assessment.Version, 0, now), command.Kind, command.Rationale.Trim(), command.EvidenceIds ?? [],
            command.RiskIds ?? [], caller.Actor, now);

    /// <summary>Record a decision with its rationale and evidence (coordinators).</summary>
    [WolverinePost("/api/assessments/{assessmentId}/decisions"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Created<AssessmentItemResponse>, Events) Post(RecordDecision command, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now)
    {
        var decided = Decide(command, assessment, caller, now);
        return (TypedResults.Created($"/api/assessments/{assessment.Id}", new AssessmentItemResponse(assessment.Id, decided.DecisionId, assessment.Version + 1)), [decided]);
    }
}
