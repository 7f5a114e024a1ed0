using EthicalIct.Api.Assessments;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SupplierDialogues;

namespace EthicalIct.Api.Disclosures;

// A disclosure is its own stream in the disclosing organisation's tenant: a copy of part of a private record, made
// visible to the parties of the agreement. It never opens the record it copies. The copy holds only what the
// coordinator chose to show (the optional parts are null when not shown). Withdrawal is a second fact: the copy
// leaves the shared space, and both facts stay in the record. Like every event, each ends with who (By) and when (At).

/// <summary>A mitigation measure as disclosed (only when the coordinator chose to show the measures).</summary>
public sealed record DisclosedMeasure(string Description, DateOnly DueDate);

/// <summary>A corrective action as disclosed: its due date and whether it is done, and its description when shown.</summary>
public sealed record DisclosedAction(Guid ActionId, DateOnly DueOn, bool Completed, bool Overdue, string? Description);

/// <summary>A risk of an assessment, summarised: code, tier, country, priority and status; description and measures when shown.</summary>
public sealed record RiskSummaryDisclosed(Guid DisclosureId, Guid AssessmentId, Guid RiskId, Guid SupplierId, RiskCode Code, Tier Tier, string Country,
    Priority? Priority, int? Severity, RiskStatus Status, DateTimeOffset IdentifiedAt, string? Description, IReadOnlyList<DisclosedMeasure>? Measures,
    Actor By, DateTimeOffset At);

/// <summary>A finding of a supplier dialogue with the status of its corrective action plan; description and action texts when shown.</summary>
public sealed record FindingDisclosed(Guid DisclosureId, Guid DialogueId, Guid FindingId, Guid SupplierId, RiskCode Code, FindingGrade Grade, FindingStatus Status,
    CapStatus? CapStatus, IReadOnlyList<DisclosedAction> Actions, DateTimeOffset RaisedAt, string? Description, Actor By, DateTimeOffset At);

/// <summary>
/// An outside signal about a supplier it matched (confirmed): its source, reliability, date, title, risk type and
/// triage status; the summary when shown.
/// </summary>
public sealed record SignalDisclosed(Guid DisclosureId, Guid SignalId, Guid SupplierId, Signals.SignalSource Source, string SourceName, Signals.Reliability Reliability,
    DateOnly PublishedOn, string Title, RiskCode? Code, Signals.SignalStatus Status, string? Summary, Actor By, DateTimeOffset At);

/// <summary>The outcome of a concluded assessment; the rationale when shown.</summary>
public sealed record AssessmentOutcomeDisclosed(Guid DisclosureId, Guid AssessmentId, Guid SupplierId, AssessmentOutcome Outcome, DateTimeOffset ConcludedAt,
    string? Rationale, Actor By, DateTimeOffset At);

/// <summary>
/// A piece of an assessment's evidence: what it is and its SHA-256; the file itself downloadable by the parties only
/// when <paramref name="FileShown"/>, its source when shown.
/// </summary>
public sealed record EvidenceDisclosed(Guid DisclosureId, Guid AssessmentId, Guid EvidenceId, Guid SupplierId, string Title, EvidenceKind Kind, DateOnly ReceivedOn,
    string Sha256, long SizeBytes, bool FileShown, string? FileName, string? ContentType, string? Source, Actor By, DateTimeOffset At);

/// <summary>The disclosing organisation withdrew the disclosure: later reads no longer show the copy.</summary>
public sealed record DisclosureWithdrawn(Guid DisclosureId, string Reason, Actor By, DateTimeOffset At);
