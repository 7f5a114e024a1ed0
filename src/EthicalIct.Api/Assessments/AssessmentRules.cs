using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Assessments;

/// <summary>Response of a command that changed an assessment.</summary>
public sealed record AssessmentResponse(Guid AssessmentId, long Version);

/// <summary>Response of a command that added an item (risk, measure, evidence, decision) to an assessment.</summary>
public sealed record AssessmentItemResponse(Guid AssessmentId, Guid ItemId, long Version);

/// <summary>
/// Rules shared by the assessment commands (pure). Who may act is settled before them: the assessment lives in its
/// owner's tenant, so another organisation never loads it (404), and the endpoint's roles are declared on it.
/// </summary>
public static class AssessmentRules
{
    /// <summary>A concluded assessment refuses every change but reopening.</summary>
    public static ProblemDetails? MustBeOpen(Assessment assessment) =>
        assessment.Status == AssessmentStatus.Concluded
            ? Problems.Conflict("The assessment is concluded; reopen it before changing it.",
                new Dictionary<string, object?> { ["field"] = "assessmentId", ["assessmentStatus"] = "concluded" })
            : null;

    /// <summary>The risk exists (404) and is open (409).</summary>
    public static ProblemDetails? RiskMustBeOpen(Assessment assessment, Guid riskId) =>
        !assessment.HasRisk(riskId) ? Problems.NotFound($"No risk {riskId} in this assessment.")
        : !assessment.RiskIsOpen(riskId) ? Problems.Conflict("The risk is closed.", new Dictionary<string, object?> { ["field"] = "riskId" })
        : null;

    /// <summary>Every id must name evidence registered in this assessment (so never another organisation's).</summary>
    public static IEnumerable<FieldError> EvidenceRefs(Assessment assessment, IReadOnlyList<Guid>? ids, string field = "evidenceIds")
    {
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!assessment.Evidence.ContainsKey(list[i]))
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
            if (!assessment.HasRisk(list[i]))
            {
                yield return new FieldError($"{field}[{i}]", $"no risk {list[i]} in this assessment");
            }
        }
    }
}
