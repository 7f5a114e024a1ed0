using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.SupplierDialogues;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Disclosures;

/// <summary>
/// Redaction: the copy a disclosure makes of a private record holds the minimum the shared view needs (what the
/// record is about, its code, grade or priority, its status and dates) and the parts the coordinator chose to show;
/// nothing else of the record leaves the organisation. Pure functions of the record as read and the choices.
/// </summary>
public static class DisclosureRules
{
    /// <summary>The assessment as the caller's organisation sees it (its own tenant: another organisation's is not found), folded live.</summary>
    public static Task<AssessmentDetails?> LoadAssessmentAsync(Guid assessmentId, IQuerySession session, CancellationToken ct) =>
        session.Events.AggregateStreamAsync<AssessmentDetails>(assessmentId, token: ct);

    public static ProblemDetails? AssessmentFound(AssessmentDetails? assessment, Guid assessmentId) =>
        assessment is null ? Problems.NotFound($"No assessment {assessmentId}.") : null;

    public static RiskSummaryDisclosed RiskSummary(Guid disclosureId, AssessmentDetails assessment, AssessedRisk risk, bool showDescription, bool showMeasures,
        Caller caller, DateTimeOffset now) =>
        new(disclosureId, assessment.Id, risk.RiskId, assessment.SupplierId, risk.Code, risk.Tier, risk.Country, risk.Score?.Priority, risk.Score?.Severity,
            risk.Status, risk.IdentifiedAt, showDescription ? risk.Description : null,
            showMeasures ? [.. risk.Mitigations.Select(m => new DisclosedMeasure(m.Description, m.DueDate))] : null, caller.Actor, now);

    public static FindingDisclosed Finding(Guid disclosureId, SupplierDialogueDetails dialogue, FindingView finding, bool showDescription, bool showActions,
        Caller caller, DateTimeOffset now)
    {
        var plan = finding.Plans.LastOrDefault();
        return new(disclosureId, dialogue.Id, finding.FindingId, dialogue.SupplierId, finding.Code, finding.Grade, finding.Status, plan?.Status,
            [.. (plan?.Actions ?? []).Select(a => new DisclosedAction(a.ActionId, a.DueOn, a.Completed, a.OverdueAt is not null, showActions ? a.Description : null))],
            finding.RaisedAt, showDescription ? finding.Description : null, caller.Actor, now);
    }

    public static AssessmentOutcomeDisclosed Outcome(Guid disclosureId, AssessmentDetails assessment, bool showRationale, Caller caller, DateTimeOffset now)
    {
        var concluded = assessment.StatusHistory.Last(s => s.Status == AssessmentStatus.Concluded);
        return new(disclosureId, assessment.Id, assessment.SupplierId, assessment.Outcome!.Value, concluded.At, showRationale ? concluded.Reason : null, caller.Actor, now);
    }

    public static EvidenceDisclosed Evidence(Guid disclosureId, AssessmentDetails assessment, EvidenceItem evidence, bool showFile, bool showSource, Caller caller,
        DateTimeOffset now) =>
        new(disclosureId, assessment.Id, evidence.EvidenceId, assessment.SupplierId, evidence.Title, evidence.Kind, evidence.ReceivedOn, evidence.Sha256,
            evidence.SizeBytes, showFile, showFile ? evidence.FileName : null, showFile ? evidence.ContentType : null, showSource ? evidence.Source : null,
            caller.Actor, now);
}
