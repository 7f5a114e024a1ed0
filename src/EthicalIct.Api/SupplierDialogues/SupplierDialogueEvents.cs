using EthicalIct.Api.Evidence;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Requirements;

namespace EthicalIct.Api.SupplierDialogues;

// Supplier dialogues are shared by their participating organisations: global streams, read and written only through
// the participant guard (docs/adr/0008). Every event names the organisation, the person and the business time.

public sealed record SupplierDialogueOpened(Guid DialogueId, Guid SupplierId, string Title, string OpenedByOrg, string OpenedBy, DateTimeOffset OpenedAt);

public sealed record OrganisationJoinedDialogue(Guid DialogueId, string Org, string InvitedByOrg, string InvitedBy, DateTimeOffset JoinedAt);

public sealed record OrganisationLeftDialogue(Guid DialogueId, string Org, string Reason, string LeftBy, DateTimeOffset LeftAt);

/// <summary>A question as sent: copied from the adopted requirement-set version, with its OECD step.</summary>
public sealed record SentQuestion(string QuestionId, int OecdStep, string Text, bool BreachIfNo, RiskCode? Code);

public sealed record QuestionnaireSent(
    Guid DialogueId, Guid QuestionnaireId, Guid RequirementSetId, int SetVersion, IReadOnlyList<SentQuestion> Questions,
    DateOnly DueOn, string SentByOrg, string SentBy, DateTimeOffset SentAt);

/// <summary>Raised by the scheduled check when the due date has passed without a response.</summary>
public sealed record QuestionnaireBecameOverdue(Guid DialogueId, Guid QuestionnaireId, DateOnly DueOn, DateTimeOffset DetectedAt);

public sealed record Answer(string QuestionId, AnswerValue Value, string? Comment = null);

public sealed record QuestionnaireResponseReceived(
    Guid DialogueId, Guid QuestionnaireId, DateOnly ReceivedOn, IReadOnlyList<Answer> Answers, IReadOnlyList<Guid> EvidenceIds,
    string RecordedByOrg, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record QuestionnaireReviewed(Guid DialogueId, Guid QuestionnaireId, string Conclusion, string ReviewedByOrg, string ReviewedBy, DateTimeOffset ReviewedAt);

public sealed record MeetingHeld(
    Guid DialogueId, Guid MeetingId, DateOnly HeldOn, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<Guid> EvidenceIds,
    string RecordedByOrg, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record DialogueEvidenceRegistered(
    Guid DialogueId, Guid EvidenceId, string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Source, AccessClass AccessClass, string? LegalBasis,
    string Sha256, long SizeBytes, string FileName, string ContentType, string UploadedByOrg, string RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>A finding; <paramref name="Automatic"/> when raised by a "no" to a breach question (<paramref name="Source"/> names it).</summary>
public sealed record FindingRaised(
    Guid DialogueId, Guid FindingId, Guid SupplierId, FindingGrade Grade, RiskCode Code, string Description, Guid? SiteId, IReadOnlyList<Guid> EvidenceIds,
    string Source, bool Automatic, string RaisedByOrg, string RaisedBy, DateTimeOffset RaisedAt);

public sealed record FindingDisputed(Guid DialogueId, Guid FindingId, string SupplierStatement, string RecordedByOrg, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record CapAction(Guid ActionId, string Description, string Owner, DateOnly DueOn);

public sealed record CapSubmitted(Guid DialogueId, Guid FindingId, Guid CapId, IReadOnlyList<CapAction> Actions, string RecordedByOrg, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record CapApproved(Guid DialogueId, Guid FindingId, Guid CapId, string Rationale, string DecidedByOrg, string DecidedBy, string DecidedByRole, DateTimeOffset DecidedAt);

public sealed record CapRejected(Guid DialogueId, Guid FindingId, Guid CapId, string Rationale, string DecidedByOrg, string DecidedBy, string DecidedByRole, DateTimeOffset DecidedAt);

public sealed record CapActionProgressReported(Guid DialogueId, Guid FindingId, Guid ActionId, string Note, bool Completed, string ReportedByOrg, string ReportedBy, DateTimeOffset ReportedAt);

public sealed record CapActionDeadlineExtended(
    Guid DialogueId, Guid FindingId, Guid ActionId, DateOnly PreviousDueOn, DateOnly NewDueOn, string Reason, string ExtendedByOrg, string ExtendedBy, DateTimeOffset ExtendedAt);

/// <summary>Raised by the scheduled check when an action's due date has passed without completion.</summary>
public sealed record CapActionBecameOverdue(Guid DialogueId, Guid FindingId, Guid ActionId, DateOnly DueOn, DateTimeOffset DetectedAt);

public sealed record FindingVerified(
    Guid DialogueId, Guid FindingId, VerificationMethod Method, VerificationResult Result, string Notes, IReadOnlyList<Guid> EvidenceIds,
    string VerifiedByOrg, string VerifiedBy, DateTimeOffset VerifiedAt);

public sealed record FindingClosed(Guid DialogueId, Guid FindingId, string Rationale, string ClosedByOrg, string ClosedBy, DateTimeOffset ClosedAt);

/// <summary>An escalation step: a decision with its rationale, by a person in a role of a participating organisation.</summary>
public sealed record EscalationStepTaken(
    Guid DialogueId, Guid EscalationId, EscalationStep Step, string Rationale, IReadOnlyList<Guid> FindingIds, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<string> OnBehalfOf, string DecidedByOrg, string DecidedBy, string DecidedByRole, DateTimeOffset DecidedAt);

public sealed record SupplierDialogueClosed(Guid DialogueId, string Summary, string ClosedByOrg, string ClosedBy, DateTimeOffset ClosedAt);

internal static class SentQuestions
{
    public static IReadOnlyList<SentQuestion> From(RequirementSetVersion version) =>
        [.. version.Sections.SelectMany(s => s.Questions.Select(q => new SentQuestion(q.QuestionId, s.OecdStep, q.Text, q.BreachIfNo, q.Code)))];
}
