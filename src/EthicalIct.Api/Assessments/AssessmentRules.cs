using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Assessments;

/// <summary>Response of a command that changed an assessment.</summary>
public sealed record AssessmentResponse(Guid AssessmentId, long Version);

/// <summary>Response of a command that added an item (risk, measure, evidence, decision) to an assessment.</summary>
public sealed record AssessmentItemResponse(Guid AssessmentId, Guid ItemId, long Version);

/// <summary>Rules shared by the assessment commands (pure).</summary>
public static class AssessmentRules
{
    /// <summary>A concluded assessment refuses every change but reopening.</summary>
    public static ProblemDetails? MustBeOpen(Assessment assessment) =>
        assessment.Status == AssessmentStatus.Concluded
            ? Problems.Conflict("The assessment is concluded; reopen it before changing it.",
                new Dictionary<string, object?> { ["field"] = "assessmentId", ["assessmentStatus"] = "concluded" })
            : null;

    public static ProblemDetails? RiskMustExist(Assessment assessment, Guid riskId) =>
        assessment.Risk(riskId) is null ? Problems.NotFound($"No risk {riskId} in this assessment.") : null;

    public static ProblemDetails? RiskMustBeOpen(Assessment assessment, Guid riskId) =>
        assessment.Risk(riskId) is { Status: RiskStatus.Closed }
            ? Problems.Conflict("The risk is closed.", new Dictionary<string, object?> { ["field"] = "riskId" })
            : null;

    /// <summary>Every id must name evidence registered in this assessment (so never another organisation's).</summary>
    public static IEnumerable<FieldError> EvidenceRefs(Assessment assessment, IReadOnlyList<Guid>? ids, string field = "evidenceIds")
    {
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (assessment.Evidence.All(e => e.EvidenceId != list[i]))
            {
                yield return new FieldError($"{field}[{i}]", $"no evidence {list[i]} in this assessment");
            }
        }

        if (list.Distinct().Count() != list.Count)
        {
            yield return new FieldError(field, "must not repeat an id");
        }
    }

    public static IEnumerable<FieldError> RiskRefs(Assessment assessment, IReadOnlyList<Guid>? ids, string field = "riskIds")
    {
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (assessment.Risk(list[i]) is null)
            {
                yield return new FieldError($"{field}[{i}]", $"no risk {list[i]} in this assessment");
            }
        }
    }
}
