using EthicalIct.Api.Assessments;
using EthicalIct.Api.SupplierDialogues;

namespace EthicalIct.Api.ReferenceData;

/// <summary>One risk of an assessment as the verification rule reads it: its type, whether it is open, its latest priority, whether evidence backs it.</summary>
public sealed record RiskForConclusion(Guid RiskId, RiskCode Code, bool Open, Priority? Priority, bool Evidenced);

/// <summary>
/// The named, versioned rule for verification that fits the risk (docs/adr/0019): forced labour and child labour are
/// not found by audits the supplier arranges, so
/// <list type="bullet">
/// <item>a finding of forced labour (FL) or child labour (CL) closes only after a passed verification by at least one
/// method the supplier does not arrange or control (unannounced audit, worker interviews off site, worker-voice
/// survey, traceability evidence, independent monitor) — a desk review or an announced on-site audit alone is not enough;
/// other findings close after any passed verification;</item>
/// <item>an assessment is not concluded "no significant risk" while a critical FL or CL risk is open, or while one is
/// backed by no evidence (no decision naming the risk cites evidence).</item>
/// </list>
/// The rule's id is written into the events it lets through (<c>FindingClosed</c>, <c>AssessmentConcluded</c>), so a
/// later version of the rule never rewrites why an earlier decision passed.
/// </summary>
public static class VerificationRule
{
    public const string RuleId = "fl-cl-beyond-audit-v1";

    /// <summary>The risk types whose findings and conclusions need more than an audit the supplier arranges.</summary>
    public static bool AppliesTo(RiskCode code) => code is RiskCode.FL or RiskCode.CL;

    /// <summary>Desk review and the announced on-site audit rest on what the supplier arranges or provides.</summary>
    public static bool SupplierArranged(VerificationMethod method) => method is VerificationMethod.Desk or VerificationMethod.OnSite;

    /// <summary>Why a finding of this type, verified (passed) by these methods, may not close yet; null: it may.</summary>
    public static string? ClosingRefusal(RiskCode code, IReadOnlyCollection<VerificationMethod> passed) =>
        passed.Count == 0
            ? "A finding is closed only after a verification that passed."
            : AppliesTo(code) && passed.All(SupplierArranged)
                ? $"A {code} finding closes only after a passed verification the supplier does not arrange (unannounced audit, worker interviews off site, worker-voice survey, traceability or an independent monitor); so far: {string.Join(", ", passed.Distinct().Select(Infrastructure.ApiJson.Wire))} ({RuleId})."
                : null;

    /// <summary>Why the assessment may not be concluded with this outcome; null: it may.</summary>
    public static string? ConcludingRefusal(AssessmentOutcome outcome, IEnumerable<RiskForConclusion> risks)
    {
        if (outcome != AssessmentOutcome.NoSignificantRisk)
        {
            return null;
        }

        var critical = risks.Where(r => AppliesTo(r.Code) && r.Priority == ReferenceData.Priority.Critical).ToList();
        if (critical.FirstOrDefault(r => r.Open) is { } open)
        {
            return $"A critical {open.Code} risk ({open.RiskId}) is open: the assessment cannot conclude \"no significant risk\" ({RuleId}).";
        }

        return critical.FirstOrDefault(r => !r.Evidenced) is { } bare
            ? $"The critical {bare.Code} risk ({bare.RiskId}) is backed by no evidence: record a decision on it that cites evidence before concluding \"no significant risk\" ({RuleId})."
            : null;
    }
}
