using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Assessments;

// Assessment streams are private to the organisation that owns them: they live in that organisation's tenant.
// Like every event, each ends with who acted (By: organisation, person, name, role) and when (At).

/// <summary>An organisation opened a due-diligence assessment of a registered supplier.</summary>
public sealed record AssessmentOpened(
    Guid AssessmentId,
    Guid SupplierId,
    string FrameworkAgreement,
    IReadOnlyList<ProductCategory> ProductCategories,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    string ResponsibleCaseOfficer,
    Actor By,
    DateTimeOffset At);

/// <summary>A risk of an adverse impact was identified in the supplier's chain.</summary>
public sealed record RiskIdentified(
    Guid AssessmentId,
    Guid RiskId,
    Guid SupplierId,
    RiskCode Code,
    Tier Tier,
    string Country,
    Guid? SiteId,
    string Description,
    string Source,
    Actor By,
    DateTimeOffset At);

/// <summary>
/// A risk was scored (again). Severity, priority and rank are derived by <see cref="PriorityRule"/> at decision time
/// and kept in the event with the rule's id, so the history shows the priority as it was decided.
/// </summary>
public sealed record RiskAssessed(
    Guid AssessmentId,
    Guid RiskId,
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
    Actor By,
    DateTimeOffset At);

/// <summary>A mitigation measure was decided for a risk, with who is responsible and by when.</summary>
public sealed record MitigationDecided(
    Guid AssessmentId,
    Guid RiskId,
    Guid MeasureId,
    string Description,
    string Owner,
    DateOnly DueDate,
    Actor By,
    DateTimeOffset At);

/// <summary>A risk was closed, with the reason.</summary>
public sealed record RiskClosed(
    Guid AssessmentId,
    Guid RiskId,
    string Reason,
    Actor By,
    DateTimeOffset At);

/// <summary>
/// A piece of evidence was registered. The file itself is stored content-addressed (<paramref name="Sha256"/>); a
/// corrected document is new evidence that names the one it supersedes.
/// </summary>
public sealed record EvidenceRegistered(
    Guid AssessmentId,
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
    Actor By,
    DateTimeOffset At);

/// <summary>A significant step, decided by a person in a role, with its rationale and the evidence it rests on.</summary>
public sealed record DecisionRecorded(
    Guid AssessmentId,
    Guid DecisionId,
    DecisionKind Kind,
    string Rationale,
    IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<Guid> RiskIds,
    Actor By,
    DateTimeOffset At);

/// <summary>The assessment was concluded (always together with the conclude decision that carries its rationale).</summary>
public sealed record AssessmentConcluded(
    Guid AssessmentId,
    Guid SupplierId,
    AssessmentOutcome Outcome,
    string Rationale,
    Guid DecisionId,
    string? VerificationRule,
    Actor By,
    DateTimeOffset At);

/// <summary>
/// An outside signal raised a risk of the assessment (issue #14): a risk identified from it, or an existing one raised
/// again — <see cref="Reopened"/> when it had been closed, which opens it.
/// </summary>
public sealed record SignalRaisedRisk(Guid AssessmentId, Guid RiskId, Guid SignalId, string SignalTitle, bool Reopened, Actor By, DateTimeOffset At);

/// <summary>A concluded assessment was reopened, with the reason.</summary>
public sealed record AssessmentReopened(
    Guid AssessmentId,
    Guid SupplierId,
    string Reason,
    Actor By,
    DateTimeOffset At);
