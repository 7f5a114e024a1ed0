using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Requirements;

namespace EthicalIct.Api.SupplierDialogues;

// Supplier dialogues are shared by their participating organisations: global streams, read and written only by
// participants (DialogueAccess, docs/adr/0008). Like every event, each ends with who acted (By) and when (At);
// scheduled checks act as Actor.System.

public sealed record SupplierDialogueOpened(Guid DialogueId, Guid SupplierId, string Title, Actor By, DateTimeOffset At);

/// <summary>A participant's coordinator proposed that another party join; nothing changes until that party answers.</summary>
public sealed record ParticipationProposed(Guid DialogueId, string Org, DateTimeOffset ExpiresAt, Actor By, DateTimeOffset At);

/// <summary>The proposed organisation's coordinator declined, with a reason.</summary>
public sealed record ParticipationDeclined(Guid DialogueId, string Org, string Reason, Actor By, DateTimeOffset At);

/// <summary>Nobody answered the proposal before it expired (a scheduled check).</summary>
public sealed record ParticipationProposalExpired(Guid DialogueId, string Org, Actor By, DateTimeOffset At);

/// <summary>The organisation joined: by its own coordinator accepting a proposal, or as the one that opened the dialogue.</summary>
public sealed record OrganisationJoinedDialogue(Guid DialogueId, string Org, Actor By, DateTimeOffset At);

public sealed record OrganisationLeftDialogue(Guid DialogueId, string Org, string Reason, Actor By, DateTimeOffset At);

/// <summary>A question as sent: copied from the adopted requirement-set version, with its OECD step.</summary>
public sealed record SentQuestion(string QuestionId, int OecdStep, string Text, bool BreachIfNo, RiskCode? Code);

public sealed record QuestionnaireSent(
    Guid DialogueId, Guid QuestionnaireId, Guid RequirementSetId, int SetVersion, IReadOnlyList<SentQuestion> Questions, DateOnly DueOn, Actor By, DateTimeOffset At);

/// <summary>Raised by the scheduled check when the due date has passed without a response.</summary>
public sealed record QuestionnaireBecameOverdue(Guid DialogueId, Guid QuestionnaireId, DateOnly DueOn, Actor By, DateTimeOffset At);

public sealed record Answer(string QuestionId, AnswerValue Value, string? Comment = null);

/// <summary>The supplier's answers; <paramref name="BreachQuestionIds"/> are the "breach if no" questions answered no (each raised a finding).</summary>
public sealed record QuestionnaireResponseReceived(
    Guid DialogueId, Guid QuestionnaireId, DateOnly ReceivedOn, IReadOnlyList<Answer> Answers, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<string> BreachQuestionIds, Actor By, DateTimeOffset At);

public sealed record QuestionnaireReviewed(Guid DialogueId, Guid QuestionnaireId, string Conclusion, Actor By, DateTimeOffset At);

public sealed record MeetingHeld(
    Guid DialogueId, Guid MeetingId, DateOnly HeldOn, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<Guid> EvidenceIds, Actor By, DateTimeOffset At);

/// <summary>Evidence registered in a dialogue; the file is stored in the tenant of the organisation that uploaded it (<c>By.Org</c>).</summary>
public sealed record DialogueEvidenceRegistered(
    Guid DialogueId, Guid EvidenceId, string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Source, AccessClass AccessClass, string? LegalBasis,
    string Sha256, long SizeBytes, string FileName, string ContentType, Actor By, DateTimeOffset At);

/// <summary>A finding; <paramref name="Automatic"/> when raised by a "no" to a breach question (<paramref name="Source"/> names it).</summary>
public sealed record FindingRaised(
    Guid DialogueId, Guid FindingId, Guid SupplierId, FindingGrade Grade, RiskCode Code, string Description, Guid? SiteId, IReadOnlyList<Guid> EvidenceIds,
    string Source, bool Automatic, Actor By, DateTimeOffset At);

public sealed record FindingDisputed(Guid DialogueId, Guid FindingId, string SupplierStatement, Actor By, DateTimeOffset At);

public sealed record CapAction(Guid ActionId, string Description, string Owner, DateOnly DueOn);

public sealed record CapSubmitted(Guid DialogueId, Guid FindingId, Guid CapId, IReadOnlyList<CapAction> Actions, Actor By, DateTimeOffset At);

public sealed record CapApproved(Guid DialogueId, Guid FindingId, Guid CapId, string Rationale, Actor By, DateTimeOffset At);

public sealed record CapRejected(Guid DialogueId, Guid FindingId, Guid CapId, string Rationale, Actor By, DateTimeOffset At);

public sealed record CapActionProgressReported(Guid DialogueId, Guid FindingId, Guid ActionId, string Note, bool Completed, Actor By, DateTimeOffset At);

public sealed record CapActionDeadlineExtended(
    Guid DialogueId, Guid FindingId, Guid ActionId, DateOnly PreviousDueOn, DateOnly NewDueOn, string Reason, Actor By, DateTimeOffset At);

/// <summary>Raised by the scheduled check when an action's due date has passed without completion.</summary>
public sealed record CapActionBecameOverdue(Guid DialogueId, Guid FindingId, Guid ActionId, DateOnly DueOn, Actor By, DateTimeOffset At);

public sealed record FindingVerified(
    Guid DialogueId, Guid FindingId, VerificationMethod Method, VerificationResult Result, string Notes, IReadOnlyList<Guid> EvidenceIds, Actor By, DateTimeOffset At);

/// <summary>A finding closed; <see cref="VerificationRule"/> names the rule its verifications were checked against (absent before the rule).</summary>
public sealed record FindingClosed(Guid DialogueId, Guid FindingId, string Rationale, string? VerificationRule, Actor By, DateTimeOffset At);

/// <summary>
/// A step on behalf of other participating organisations (a joint letter) waits for each of them: proposed by one
/// coordinator, cosigned by the others; it is taken (<see cref="EscalationStepTaken"/>) with the last signature.
/// </summary>
public sealed record EscalationProposed(Guid DialogueId, Guid EscalationId, EscalationStep Step, string Rationale, IReadOnlyList<Guid> FindingIds,
    IReadOnlyList<Guid> EvidenceIds, IReadOnlyList<string> OnBehalfOf, DateTimeOffset ExpiresAt, Actor By, DateTimeOffset At);

public sealed record EscalationCosigned(Guid DialogueId, Guid EscalationId, string Org, Actor By, DateTimeOffset At);

public sealed record EscalationDeclined(Guid DialogueId, Guid EscalationId, string Org, string Reason, Actor By, DateTimeOffset At);

public sealed record EscalationProposalExpired(Guid DialogueId, Guid EscalationId, Actor By, DateTimeOffset At);

public sealed record EscalationStepTaken(
    Guid DialogueId, Guid EscalationId, EscalationStep Step, string Rationale, IReadOnlyList<Guid> FindingIds, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<string> OnBehalfOf, Actor By, DateTimeOffset At);

public sealed record SupplierDialogueClosed(Guid DialogueId, string Summary, Actor By, DateTimeOffset At);

internal static class SentQuestions
{
    public static IReadOnlyList<SentQuestion> From(RequirementSetVersion version) =>
        [.. version.Sections.SelectMany(s => s.Questions.Select(q => new SentQuestion(q.QuestionId, s.OecdStep, q.Text, q.BreachIfNo, q.Code)))];
}
