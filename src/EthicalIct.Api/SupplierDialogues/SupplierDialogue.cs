using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.SupplierDialogues;

public sealed class QuestionnaireState
{
    public int SetVersion { get; set; }

    public List<SentQuestion> Questions { get; set; } = [];

    public DateTimeOffset SentAt { get; set; }

    public DateOnly DueOn { get; set; }

    public QuestionnaireStatus Status { get; set; } = QuestionnaireStatus.Sent;

    public bool Overdue { get; set; }

    public DateOnly? ReceivedOn { get; set; }
}

public sealed class ActionState
{
    public DateOnly DueOn { get; set; }

    public bool Completed { get; set; }

    public bool Overdue { get; set; }
}

public sealed class PlanState
{
    public Guid CapId { get; set; }

    public CapStatus Status { get; set; } = CapStatus.Submitted;

    public Dictionary<Guid, ActionState> Actions { get; set; } = [];
}

public sealed class FindingState
{
    public FindingStatus Status { get; set; } = FindingStatus.Open;

    public RiskCode Code { get; set; }

    /// <summary>The methods of the verifications that passed (what <see cref="ReferenceData.VerificationRule"/> reads).</summary>
    public List<VerificationMethod> Passed { get; set; } = [];

    /// <summary>The current plan (earlier, rejected plans are in the view and the events).</summary>
    public PlanState? Plan { get; set; }

    public ActionState? Action(Guid actionId) => Plan?.Actions.GetValueOrDefault(actionId);
}

/// <summary>
/// The write model of a supplier dialogue (global inline snapshot): who takes part, whether it is open, and the state
/// of its questionnaires, evidence, findings and plans that the dialogue's decisions read. The views are
/// <see cref="SupplierDialogueDetails"/> (one dialogue) and <see cref="DialogueOverview"/> (the lists).
/// </summary>
public sealed class SupplierDialogue : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public DialogueStatus Status { get; set; } = DialogueStatus.Open;

    /// <summary>The organisation numbers taking part; <see cref="DialogueAccess"/> reads this.</summary>
    public List<string> Participants { get; set; } = [];

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Organisations proposed as participants and not yet answered: organisation number → expiry.</summary>
    public Dictionary<string, DateTimeOffset> Proposals { get; set; } = [];

    public Dictionary<Guid, QuestionnaireState> Questionnaires { get; set; } = [];

    /// <summary>Steps on behalf of several organisations that wait for their signatures.</summary>
    public Dictionary<Guid, PendingEscalation> PendingEscalations { get; set; } = [];

    public HashSet<Guid> Evidence { get; set; } = [];

    public Dictionary<Guid, FindingState> Findings { get; set; } = [];

    public QuestionnaireState? Questionnaire(Guid id) => Questionnaires.GetValueOrDefault(id);

    public FindingState? Finding(Guid id) => Findings.GetValueOrDefault(id);

    public static SupplierDialogue Create(SupplierDialogueOpened e) => new()
    {
        Id = e.DialogueId, SupplierId = e.SupplierId, Participants = [e.By.Org], OpenedAt = e.At,
    };

    public void Apply(EscalationProposed e) =>
        PendingEscalations[e.EscalationId] = new PendingEscalation(e.Step, e.Rationale, e.FindingIds, e.EvidenceIds, e.OnBehalfOf, e.ExpiresAt, [e.By.Org]);

    public void Apply(EscalationCosigned e) => PendingEscalations.GetValueOrDefault(e.EscalationId)?.SignedBy.Add(e.Org);

    public void Apply(EscalationDeclined e) => PendingEscalations.Remove(e.EscalationId);

    public void Apply(EscalationProposalExpired e) => PendingEscalations.Remove(e.EscalationId);

    public void Apply(EscalationStepTaken e) => PendingEscalations.Remove(e.EscalationId);

    public void Apply(ParticipationProposed e) => Proposals[e.Org] = e.ExpiresAt;

    public void Apply(ParticipationDeclined e) => Proposals.Remove(e.Org);

    public void Apply(ParticipationProposalExpired e) => Proposals.Remove(e.Org);

    public void Apply(OrganisationJoinedDialogue e)
    {
        Proposals.Remove(e.Org);
        Participants.Add(e.Org);
    }

    public void Apply(OrganisationLeftDialogue e) => Participants.Remove(e.Org);

    public void Apply(QuestionnaireSent e) => Questionnaires[e.QuestionnaireId] = new QuestionnaireState
    {
        SetVersion = e.SetVersion, Questions = [.. e.Questions], SentAt = e.At, DueOn = e.DueOn,
    };

    public void Apply(QuestionnaireBecameOverdue e) => (Questionnaires[e.QuestionnaireId].Overdue, Questionnaires[e.QuestionnaireId].Status) = (true, QuestionnaireStatus.Overdue);

    public void Apply(QuestionnaireResponseReceived e) =>
        (Questionnaires[e.QuestionnaireId].ReceivedOn, Questionnaires[e.QuestionnaireId].Status) = (e.ReceivedOn, QuestionnaireStatus.UnderReview);

    public void Apply(QuestionnaireReviewed e) => Questionnaires[e.QuestionnaireId].Status = QuestionnaireStatus.Reviewed;

    public void Apply(DialogueEvidenceRegistered e) => Evidence.Add(e.EvidenceId);

    public void Apply(FindingRaised e) => Findings[e.FindingId] = new FindingState { Code = e.Code };

    public void Apply(FindingDisputed e) => Findings[e.FindingId].Status = FindingStatus.Disputed;

    public void Apply(CapSubmitted e) => Findings[e.FindingId].Plan = new PlanState
    {
        CapId = e.CapId, Actions = e.Actions.ToDictionary(a => a.ActionId, a => new ActionState { DueOn = a.DueOn }),
    };

    public void Apply(CapApproved e) => Findings[e.FindingId].Plan!.Status = CapStatus.Approved;

    public void Apply(CapRejected e) => Findings[e.FindingId].Plan!.Status = CapStatus.Rejected;

    public void Apply(CapActionProgressReported e) => Findings[e.FindingId].Action(e.ActionId)!.Completed |= e.Completed;

    public void Apply(CapActionDeadlineExtended e) => (Findings[e.FindingId].Action(e.ActionId)!.DueOn, Findings[e.FindingId].Action(e.ActionId)!.Overdue) = (e.NewDueOn, false);

    public void Apply(CapActionBecameOverdue e) => Findings[e.FindingId].Action(e.ActionId)!.Overdue = true;

    public void Apply(FindingVerified e)
    {
        if (e.Result == VerificationResult.Passed)
        {
            Findings[e.FindingId].Status = FindingStatus.Verified;
            Findings[e.FindingId].Passed.Add(e.Method);
        }
    }

    public void Apply(FindingClosed e) => Findings[e.FindingId].Status = FindingStatus.Closed;

    public void Apply(SupplierDialogueClosed e) => Status = DialogueStatus.Closed;
}

/// <summary>A step on behalf of several organisations, and who has signed it so far (the proposer first).</summary>
public sealed record PendingEscalation(EscalationStep Step, string Rationale, IReadOnlyList<Guid> FindingIds, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<string> OnBehalfOf, DateTimeOffset ExpiresAt, HashSet<string> SignedBy)
{
    public IReadOnlyList<string> StillToSign() => [.. OnBehalfOf.Where(o => !SignedBy.Contains(o))];
}
