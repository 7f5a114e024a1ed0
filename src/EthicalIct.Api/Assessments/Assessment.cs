using EthicalIct.Api.Evidence;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Assessments;

public sealed record RiskScore(
    int Scale,
    int Scope,
    int Irremediability,
    int Likelihood,
    Connection Connection,
    Leverage Leverage,
    int Severity,
    Priority Priority,
    int Rank,
    string PriorityRule,
    string? Rationale,
    string AssessedBy,
    DateTimeOffset AssessedAt);

public sealed record Mitigation(Guid MeasureId, string Description, string Owner, DateOnly DueDate, string DecidedBy, DateTimeOffset DecidedAt);

public sealed class AssessedRisk
{
    public Guid RiskId { get; set; }

    public RiskCode Code { get; set; }

    public Tier Tier { get; set; }

    public string Country { get; set; } = "";

    public Guid? SiteId { get; set; }

    public string Description { get; set; } = "";

    public string Source { get; set; } = "";

    public string IdentifiedBy { get; set; } = "";

    public DateTimeOffset IdentifiedAt { get; set; }

    public RiskStatus Status { get; set; } = RiskStatus.Open;

    /// <summary>The latest score; null until the risk is assessed.</summary>
    public RiskScore? Score { get; set; }

    /// <summary>Every score in order, the latest last (re-assessment keeps the history).</summary>
    public List<RiskScore> ScoreHistory { get; set; } = [];

    public List<Mitigation> Mitigations { get; set; } = [];

    public string? ClosedReason { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed record EvidenceItem(
    Guid EvidenceId,
    string Title,
    EvidenceKind Kind,
    DateOnly ReceivedOn,
    string Source,
    AccessClass AccessClass,
    string? LegalBasis,
    string Sha256,
    long SizeBytes,
    string FileName,
    string ContentType,
    Guid? Supersedes,
    Guid? SupersededBy,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

public sealed record Decision(
    Guid DecisionId,
    DecisionKind Kind,
    string Rationale,
    IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<Guid> RiskIds,
    string DecidedBy,
    string DecidedByRole,
    DateTimeOffset DecidedAt);

/// <summary>
/// An organisation's assessment of one supplier: the write model of the stream and, as an inline tenanted
/// snapshot, the assessment details view (risks with priorities, evidence, decisions in order). Built only from
/// events; every time in it comes from an event.
/// </summary>
public sealed class Assessment
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string FrameworkAgreement { get; set; } = "";

    public List<ProductCategory> ProductCategories { get; set; } = [];

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public string ResponsibleCaseOfficer { get; set; } = "";

    public string OwnerOrg { get; set; } = "";

    public DateTimeOffset OpenedAt { get; set; }

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Open;

    public AssessmentOutcome? Outcome { get; set; }

    public string? ConclusionRationale { get; set; }

    public DateTimeOffset? ConcludedAt { get; set; }

    public List<AssessedRisk> Risks { get; set; } = [];

    public List<EvidenceItem> Evidence { get; set; } = [];

    public List<Decision> Decisions { get; set; } = [];

    public AssessedRisk? Risk(Guid riskId) => Risks.FirstOrDefault(r => r.RiskId == riskId);

    public static Assessment Create(AssessmentOpened e) => new()
    {
        Id = e.AssessmentId,
        SupplierId = e.SupplierId,
        FrameworkAgreement = e.FrameworkAgreement,
        ProductCategories = [.. e.ProductCategories],
        PeriodFrom = e.PeriodFrom,
        PeriodTo = e.PeriodTo,
        ResponsibleCaseOfficer = e.ResponsibleCaseOfficer,
        OwnerOrg = e.OwnerOrg,
        OpenedAt = e.OpenedAt,
    };

    public void Apply(RiskIdentified e) => Risks.Add(new AssessedRisk
    {
        RiskId = e.RiskId,
        Code = e.Code,
        Tier = e.Tier,
        Country = e.Country,
        SiteId = e.SiteId,
        Description = e.Description,
        Source = e.Source,
        IdentifiedBy = e.IdentifiedBy,
        IdentifiedAt = e.IdentifiedAt,
    });

    public void Apply(RiskAssessed e)
    {
        var risk = Risk(e.RiskId)!;
        risk.Score = new RiskScore(e.Scale, e.Scope, e.Irremediability, e.Likelihood, e.Connection, e.Leverage, e.Severity,
            e.Priority, e.Rank, e.PriorityRule, e.Rationale, e.AssessedBy, e.AssessedAt);
        risk.ScoreHistory.Add(risk.Score);
    }

    public void Apply(MitigationDecided e) =>
        Risk(e.RiskId)!.Mitigations.Add(new Mitigation(e.MeasureId, e.Description, e.Owner, e.DueDate, e.DecidedBy, e.DecidedAt));

    public void Apply(RiskClosed e)
    {
        var risk = Risk(e.RiskId)!;
        risk.Status = RiskStatus.Closed;
        risk.ClosedReason = e.Reason;
        risk.ClosedAt = e.ClosedAt;
    }

    public void Apply(EvidenceRegistered e)
    {
        if (e.Supersedes is { } old && Evidence.FindIndex(x => x.EvidenceId == old) is var i and >= 0)
        {
            Evidence[i] = Evidence[i] with { SupersededBy = e.EvidenceId };
        }

        Evidence.Add(new EvidenceItem(e.EvidenceId, e.Title, e.Kind, e.ReceivedOn, e.Source, e.AccessClass, e.LegalBasis, e.Sha256,
            e.SizeBytes, e.FileName, e.ContentType, e.Supersedes, null, e.RegisteredBy, e.RegisteredAt));
    }

    public void Apply(DecisionRecorded e) =>
        Decisions.Add(new Decision(e.DecisionId, e.Kind, e.Rationale, e.EvidenceIds, e.RiskIds, e.DecidedBy, e.DecidedByRole, e.DecidedAt));

    public void Apply(AssessmentConcluded e)
    {
        Status = AssessmentStatus.Concluded;
        Outcome = e.Outcome;
        ConclusionRationale = e.Rationale;
        ConcludedAt = e.ConcludedAt;
    }

    public void Apply(AssessmentReopened e)
    {
        Status = AssessmentStatus.Open;
        ConcludedAt = null;
    }
}
