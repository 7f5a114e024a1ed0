using EthicalIct.Api.Evidence;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.SupplierDialogues;

public sealed class DialogueQuestionnaire
{
    public Guid QuestionnaireId { get; set; }

    public Guid RequirementSetId { get; set; }

    public int SetVersion { get; set; }

    public List<SentQuestion> Questions { get; set; } = [];

    public string SentByOrg { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    public DateOnly DueOn { get; set; }

    public QuestionnaireStatus Status { get; set; } = QuestionnaireStatus.Sent;

    public bool Overdue { get; set; }

    public bool Breach { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    public List<Answer> Answers { get; set; } = [];

    public string? ReviewConclusion { get; set; }
}

public sealed class CapActionState
{
    public Guid ActionId { get; set; }

    public string Description { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public bool Completed { get; set; }

    public bool Overdue { get; set; }

    public List<string> Progress { get; set; } = [];
}

public sealed class CorrectiveActionPlan
{
    public Guid CapId { get; set; }

    public CapStatus Status { get; set; } = CapStatus.Submitted;

    public List<CapActionState> Actions { get; set; } = [];

    public string? DecisionRationale { get; set; }
}

public sealed record Verification(VerificationMethod Method, VerificationResult Result, string Notes, IReadOnlyList<Guid> EvidenceIds, string VerifiedByOrg, DateTimeOffset VerifiedAt);

public sealed class Finding
{
    public Guid FindingId { get; set; }

    public FindingGrade Grade { get; set; }

    public RiskCode Code { get; set; }

    public string Description { get; set; } = "";

    public Guid? SiteId { get; set; }

    public List<Guid> EvidenceIds { get; set; } = [];

    public string Source { get; set; } = "";

    public bool Automatic { get; set; }

    public string RaisedByOrg { get; set; } = "";

    public DateTimeOffset RaisedAt { get; set; }

    public FindingStatus Status { get; set; } = FindingStatus.Open;

    public List<string> SupplierStatements { get; set; } = [];

    /// <summary>The current plan; earlier rejected plans stay in the event history.</summary>
    public CorrectiveActionPlan? Cap { get; set; }

    public List<Verification> Verifications { get; set; } = [];

    public string? ClosedRationale { get; set; }

    public CapActionState? Action(Guid actionId) => Cap?.Actions.FirstOrDefault(a => a.ActionId == actionId);
}

public sealed record DialogueMeeting(Guid MeetingId, DateOnly HeldOn, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<Guid> EvidenceIds, string RecordedByOrg);

public sealed record DialogueEvidence(Guid EvidenceId, string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Source, AccessClass AccessClass,
    string? LegalBasis, string Sha256, long SizeBytes, string FileName, string ContentType, string UploadedByOrg, DateTimeOffset RegisteredAt);

public sealed record Escalation(Guid EscalationId, EscalationStep Step, string Rationale, IReadOnlyList<Guid> FindingIds, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<string> OnBehalfOf, string DecidedByOrg, string DecidedBy, string DecidedByRole, DateTimeOffset DecidedAt);

/// <summary>
/// A supplier dialogue, possibly joint between several of the buyers: the write model of the (global) stream and,
/// as an inline snapshot, the dialogue details view. Only participants can reach it.
/// </summary>
public sealed class SupplierDialogue
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string Title { get; set; } = "";

    public DialogueStatus Status { get; set; } = DialogueStatus.Open;

    /// <summary>The organisation numbers taking part; the access guard reads this.</summary>
    public List<string> Participants { get; set; } = [];

    public string OpenedByOrg { get; set; } = "";

    public DateTimeOffset OpenedAt { get; set; }

    public string? Summary { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<DialogueQuestionnaire> Questionnaires { get; set; } = [];

    public List<DialogueMeeting> Meetings { get; set; } = [];

    public List<DialogueEvidence> Evidence { get; set; } = [];

    public List<Finding> Findings { get; set; } = [];

    public List<Escalation> Escalations { get; set; } = [];

    public DialogueQuestionnaire? Questionnaire(Guid id) => Questionnaires.FirstOrDefault(q => q.QuestionnaireId == id);

    public Finding? Finding(Guid id) => Findings.FirstOrDefault(f => f.FindingId == id);

    public static SupplierDialogue Create(SupplierDialogueOpened e) => new()
    {
        Id = e.DialogueId, SupplierId = e.SupplierId, Title = e.Title, Participants = [e.OpenedByOrg], OpenedByOrg = e.OpenedByOrg, OpenedAt = e.OpenedAt,
    };

    public void Apply(OrganisationJoinedDialogue e) => Participants.Add(e.Org);

    public void Apply(OrganisationLeftDialogue e) => Participants.Remove(e.Org);

    public void Apply(QuestionnaireSent e) => Questionnaires.Add(new DialogueQuestionnaire
    {
        QuestionnaireId = e.QuestionnaireId, RequirementSetId = e.RequirementSetId, SetVersion = e.SetVersion, Questions = [.. e.Questions],
        SentByOrg = e.SentByOrg, SentAt = e.SentAt, DueOn = e.DueOn,
    });

    public void Apply(QuestionnaireBecameOverdue e)
    {
        var q = Questionnaire(e.QuestionnaireId)!;
        q.Overdue = true;
        q.Status = QuestionnaireStatus.Overdue;
    }

    public void Apply(QuestionnaireResponseReceived e)
    {
        var q = Questionnaire(e.QuestionnaireId)!;
        q.Status = QuestionnaireStatus.UnderReview;
        q.ReceivedOn = e.ReceivedOn;
        q.Answers = [.. e.Answers];
        q.Breach = e.Answers.Any(a => a.Value == AnswerValue.No && q.Questions.Any(x => x.QuestionId == a.QuestionId && x.BreachIfNo));
    }

    public void Apply(QuestionnaireReviewed e)
    {
        var q = Questionnaire(e.QuestionnaireId)!;
        q.Status = QuestionnaireStatus.Reviewed;
        q.ReviewConclusion = e.Conclusion;
    }

    public void Apply(MeetingHeld e) => Meetings.Add(new DialogueMeeting(e.MeetingId, e.HeldOn, e.Participants, e.Minutes, e.EvidenceIds, e.RecordedByOrg));

    public void Apply(DialogueEvidenceRegistered e) => Evidence.Add(new DialogueEvidence(e.EvidenceId, e.Title, e.Kind, e.ReceivedOn, e.Source, e.AccessClass,
        e.LegalBasis, e.Sha256, e.SizeBytes, e.FileName, e.ContentType, e.UploadedByOrg, e.RegisteredAt));

    public void Apply(FindingRaised e) => Findings.Add(new Finding
    {
        FindingId = e.FindingId, Grade = e.Grade, Code = e.Code, Description = e.Description, SiteId = e.SiteId, EvidenceIds = [.. e.EvidenceIds],
        Source = e.Source, Automatic = e.Automatic, RaisedByOrg = e.RaisedByOrg, RaisedAt = e.RaisedAt,
    });

    public void Apply(FindingDisputed e)
    {
        var f = Finding(e.FindingId)!;
        f.Status = FindingStatus.Disputed;
        f.SupplierStatements.Add(e.SupplierStatement);
    }

    public void Apply(CapSubmitted e) => Finding(e.FindingId)!.Cap = new CorrectiveActionPlan
    {
        CapId = e.CapId,
        Actions = [.. e.Actions.Select(a => new CapActionState { ActionId = a.ActionId, Description = a.Description, Owner = a.Owner, DueOn = a.DueOn })],
    };

    public void Apply(CapApproved e)
    {
        var cap = Finding(e.FindingId)!.Cap!;
        cap.Status = CapStatus.Approved;
        cap.DecisionRationale = e.Rationale;
    }

    public void Apply(CapRejected e)
    {
        var cap = Finding(e.FindingId)!.Cap!;
        cap.Status = CapStatus.Rejected;
        cap.DecisionRationale = e.Rationale;
    }

    public void Apply(CapActionProgressReported e)
    {
        var action = Finding(e.FindingId)!.Action(e.ActionId)!;
        action.Progress.Add(e.Note);
        action.Completed |= e.Completed;
    }

    public void Apply(CapActionDeadlineExtended e)
    {
        var action = Finding(e.FindingId)!.Action(e.ActionId)!;
        action.DueOn = e.NewDueOn;
        action.Overdue = false;
    }

    public void Apply(CapActionBecameOverdue e) => Finding(e.FindingId)!.Action(e.ActionId)!.Overdue = true;

    public void Apply(FindingVerified e)
    {
        var f = Finding(e.FindingId)!;
        f.Verifications.Add(new Verification(e.Method, e.Result, e.Notes, e.EvidenceIds, e.VerifiedByOrg, e.VerifiedAt));
        if (e.Result == VerificationResult.Passed)
        {
            f.Status = FindingStatus.Verified;
        }
    }

    public void Apply(FindingClosed e)
    {
        var f = Finding(e.FindingId)!;
        f.Status = FindingStatus.Closed;
        f.ClosedRationale = e.Rationale;
    }

    public void Apply(EscalationStepTaken e) => Escalations.Add(new Escalation(e.EscalationId, e.Step, e.Rationale, e.FindingIds, e.EvidenceIds, e.OnBehalfOf,
        e.DecidedByOrg, e.DecidedBy, e.DecidedByRole, e.DecidedAt));

    public void Apply(SupplierDialogueClosed e)
    {
        Status = DialogueStatus.Closed;
        Summary = e.Summary;
        ClosedAt = e.ClosedAt;
    }
}
