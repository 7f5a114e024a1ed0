using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Something said or done in the dialogue, with who and when (a dispute, a progress note, a decision ...).</summary>
public sealed record Statement(string Text, Actor By, DateTimeOffset At);

public sealed record Membership(string Org, bool Joined, string? Reason, Actor By, DateTimeOffset At);

/// <summary>A proposal that an organisation join, and how it ended: accepted, declined (with the reason) or expired.</summary>
public sealed record ParticipationProposal(string Org, Actor ProposedBy, DateTimeOffset ProposedAt, DateTimeOffset ExpiresAt, string? Outcome = null,
    string? Reason = null, Actor? AnsweredBy = null, DateTimeOffset? AnsweredAt = null);

public sealed class DialogueQuestionnaire
{
    public Guid QuestionnaireId { get; set; }

    public Guid RequirementSetId { get; set; }

    public int SetVersion { get; set; }

    public List<SentQuestion> Questions { get; set; } = [];

    public Actor SentBy { get; set; } = Actor.System;

    public DateTimeOffset SentAt { get; set; }

    public DateOnly DueOn { get; set; }

    public QuestionnaireStatus Status { get; set; } = QuestionnaireStatus.Sent;

    public DateTimeOffset? OverdueAt { get; set; }

    public bool Breach { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    public List<Answer> Answers { get; set; } = [];

    public List<Guid> EvidenceIds { get; set; } = [];

    public Actor? RecordedBy { get; set; }

    public DateTimeOffset? RecordedAt { get; set; }

    public Statement? Review { get; set; }
}

public sealed record DialogueMeeting(Guid MeetingId, DateOnly HeldOn, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<Guid> EvidenceIds, Actor By, DateTimeOffset At);

public sealed record DialogueEvidence(Guid EvidenceId, string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Source, AccessClass AccessClass,
    string? LegalBasis, string Sha256, long SizeBytes, string FileName, string ContentType, Actor By, DateTimeOffset At);

public sealed record DeadlineExtension(DateOnly PreviousDueOn, DateOnly NewDueOn, string Reason, Actor By, DateTimeOffset At);

public sealed record ProgressNote(string Note, bool Completed, Actor By, DateTimeOffset At);

public sealed class PlannedActionView
{
    public Guid ActionId { get; set; }

    public string Description { get; set; } = "";

    public string Owner { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset? OverdueAt { get; set; }

    public List<ProgressNote> Progress { get; set; } = [];

    public List<DeadlineExtension> Extensions { get; set; } = [];
}

public sealed class CorrectiveActionPlan
{
    public Guid CapId { get; set; }

    public CapStatus Status { get; set; } = CapStatus.Submitted;

    public List<PlannedActionView> Actions { get; set; } = [];

    public Actor SubmittedBy { get; set; } = Actor.System;

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The approval or rejection, with its rationale.</summary>
    public Statement? Decision { get; set; }
}

public sealed record Verification(VerificationMethod Method, VerificationResult Result, string Notes, IReadOnlyList<Guid> EvidenceIds, Actor By, DateTimeOffset At);

public sealed class FindingView
{
    public Guid FindingId { get; set; }

    public FindingGrade Grade { get; set; }

    public RiskCode Code { get; set; }

    public string Description { get; set; } = "";

    public Guid? SiteId { get; set; }

    public List<Guid> EvidenceIds { get; set; } = [];

    public string Source { get; set; } = "";

    public bool Automatic { get; set; }

    public Actor RaisedBy { get; set; } = Actor.System;

    public DateTimeOffset RaisedAt { get; set; }

    public FindingStatus Status { get; set; } = FindingStatus.Open;

    public List<Statement> Disputes { get; set; } = [];

    /// <summary>Every plan in order, rejected ones included; the last is the current one.</summary>
    public List<CorrectiveActionPlan> Plans { get; set; } = [];

    public List<Verification> Verifications { get; set; } = [];

    public Statement? Closure { get; set; }

    public CorrectiveActionPlan? Plan() => Plans.Count == 0 ? null : Plans[^1];
}

/// <summary>A step on behalf of several organisations while it waits, and how it ended: taken, declined or expired.</summary>
public sealed record ProposedEscalation(Guid EscalationId, EscalationStep Step, string Rationale, IReadOnlyList<string> OnBehalfOf, Actor ProposedBy,
    DateTimeOffset ProposedAt, DateTimeOffset ExpiresAt, List<Cosignature> Signatures, string? Outcome = null, string? Reason = null, Actor? EndedBy = null,
    DateTimeOffset? EndedAt = null);

public sealed record Cosignature(string Org, Actor By, DateTimeOffset At);

public sealed record Escalation(Guid EscalationId, EscalationStep Step, string Rationale, IReadOnlyList<Guid> FindingIds, IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<string> OnBehalfOf, Actor By, DateTimeOffset At);

/// <summary>
/// A supplier dialogue as its participants read it (inline global projection): questionnaires with answers and
/// reviews, meetings, evidence, findings with every plan, progress note, extension, verification and closure, the
/// escalations and who joined or left, each with who and when. Only participants reach it.
/// </summary>
[SnapshotsAsOf(typeof(SupplierDialogue), Shared = true)]
public sealed class SupplierDialogueDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string Title { get; set; } = "";

    public DialogueStatus Status { get; set; } = DialogueStatus.Open;

    public List<string> Participants { get; set; } = [];

    public List<Membership> Memberships { get; set; } = [];

    public List<ParticipationProposal> Proposals { get; set; } = [];

    public Actor OpenedBy { get; set; } = Actor.System;

    public DateTimeOffset OpenedAt { get; set; }

    public Statement? Closure { get; set; }

    public List<DialogueQuestionnaire> Questionnaires { get; set; } = [];

    public List<DialogueMeeting> Meetings { get; set; } = [];

    public List<DialogueEvidence> Evidence { get; set; } = [];

    public List<FindingView> Findings { get; set; } = [];

    public List<Escalation> Escalations { get; set; } = [];

    public List<ProposedEscalation> ProposedEscalations { get; set; } = [];

    public DialogueQuestionnaire? Questionnaire(Guid id) => Questionnaires.FirstOrDefault(q => q.QuestionnaireId == id);

    public FindingView? Finding(Guid id) => Findings.FirstOrDefault(f => f.FindingId == id);

    public static SupplierDialogueDetails Create(SupplierDialogueOpened e) => new()
    {
        Id = e.DialogueId, SupplierId = e.SupplierId, Title = e.Title, Participants = [e.By.Org], OpenedBy = e.By, OpenedAt = e.At,
        Memberships = [new Membership(e.By.Org, true, null, e.By, e.At)],
    };

    public void Apply(ParticipationProposed e) => Proposals.Add(new ParticipationProposal(e.Org, e.By, e.At, e.ExpiresAt));

    public void Apply(ParticipationDeclined e) => Answer(e.Org, "declined", e.Reason, e.By, e.At);

    public void Apply(ParticipationProposalExpired e) => Answer(e.Org, "expired", null, e.By, e.At);

    private void Answer(string org, string outcome, string? reason, Actor by, DateTimeOffset at)
    {
        var i = Proposals.FindLastIndex(p => p.Org == org && p.Outcome is null);
        if (i >= 0)
        {
            Proposals[i] = Proposals[i] with { Outcome = outcome, Reason = reason, AnsweredBy = by, AnsweredAt = at };
        }
    }

    public void Apply(OrganisationJoinedDialogue e)
    {
        Answer(e.Org, "accepted", null, e.By, e.At);
        Participants.Add(e.Org);
        Memberships.Add(new Membership(e.Org, true, null, e.By, e.At));
    }

    public void Apply(OrganisationLeftDialogue e)
    {
        Participants.Remove(e.Org);
        Memberships.Add(new Membership(e.Org, false, e.Reason, e.By, e.At));
    }

    public void Apply(QuestionnaireSent e) => Questionnaires.Add(new DialogueQuestionnaire
    {
        QuestionnaireId = e.QuestionnaireId, RequirementSetId = e.RequirementSetId, SetVersion = e.SetVersion, Questions = [.. e.Questions],
        SentBy = e.By, SentAt = e.At, DueOn = e.DueOn,
    });

    public void Apply(QuestionnaireBecameOverdue e)
    {
        var q = Questionnaire(e.QuestionnaireId)!;
        q.OverdueAt = e.At;
        q.Status = QuestionnaireStatus.Overdue;
    }

    public void Apply(QuestionnaireResponseReceived e)
    {
        var q = Questionnaire(e.QuestionnaireId)!;
        q.Status = QuestionnaireStatus.UnderReview;
        q.ReceivedOn = e.ReceivedOn;
        q.Answers = [.. e.Answers];
        q.EvidenceIds = [.. e.EvidenceIds];
        q.RecordedBy = e.By;
        q.RecordedAt = e.At;
        q.Breach = e.BreachQuestionIds.Count > 0;
    }

    public void Apply(QuestionnaireReviewed e)
    {
        var q = Questionnaire(e.QuestionnaireId)!;
        q.Status = QuestionnaireStatus.Reviewed;
        q.Review = new Statement(e.Conclusion, e.By, e.At);
    }

    public void Apply(MeetingHeld e) => Meetings.Add(new DialogueMeeting(e.MeetingId, e.HeldOn, e.Participants, e.Minutes, e.EvidenceIds, e.By, e.At));

    public void Apply(DialogueEvidenceRegistered e) => Evidence.Add(new DialogueEvidence(e.EvidenceId, e.Title, e.Kind, e.ReceivedOn, e.Source, e.AccessClass,
        e.LegalBasis, e.Sha256, e.SizeBytes, e.FileName, e.ContentType, e.By, e.At));

    public void Apply(FindingRaised e) => Findings.Add(new FindingView
    {
        FindingId = e.FindingId, Grade = e.Grade, Code = e.Code, Description = e.Description, SiteId = e.SiteId, EvidenceIds = [.. e.EvidenceIds],
        Source = e.Source, Automatic = e.Automatic, RaisedBy = e.By, RaisedAt = e.At,
    });

    public void Apply(FindingDisputed e)
    {
        var f = Finding(e.FindingId)!;
        f.Status = FindingStatus.Disputed;
        f.Disputes.Add(new Statement(e.SupplierStatement, e.By, e.At));
    }

    public void Apply(CapSubmitted e) => Finding(e.FindingId)!.Plans.Add(new CorrectiveActionPlan
    {
        CapId = e.CapId,
        Actions = [.. e.Actions.Select(a => new PlannedActionView { ActionId = a.ActionId, Description = a.Description, Owner = a.Owner, DueOn = a.DueOn })],
        SubmittedBy = e.By,
        SubmittedAt = e.At,
    });

    public void Apply(CapApproved e)
    {
        var plan = Finding(e.FindingId)!.Plan()!;
        plan.Status = CapStatus.Approved;
        plan.Decision = new Statement(e.Rationale, e.By, e.At);
    }

    public void Apply(CapRejected e)
    {
        var plan = Finding(e.FindingId)!.Plan()!;
        plan.Status = CapStatus.Rejected;
        plan.Decision = new Statement(e.Rationale, e.By, e.At);
    }

    public void Apply(CapActionProgressReported e)
    {
        var action = Action(e.FindingId, e.ActionId);
        action.Progress.Add(new ProgressNote(e.Note, e.Completed, e.By, e.At));
        action.Completed |= e.Completed;
    }

    public void Apply(CapActionDeadlineExtended e)
    {
        var action = Action(e.FindingId, e.ActionId);
        action.Extensions.Add(new DeadlineExtension(e.PreviousDueOn, e.NewDueOn, e.Reason, e.By, e.At));
        action.DueOn = e.NewDueOn;
        action.OverdueAt = null;
    }

    public void Apply(CapActionBecameOverdue e) => Action(e.FindingId, e.ActionId).OverdueAt = e.At;

    public void Apply(FindingVerified e)
    {
        var f = Finding(e.FindingId)!;
        f.Verifications.Add(new Verification(e.Method, e.Result, e.Notes, e.EvidenceIds, e.By, e.At));
        if (e.Result == VerificationResult.Passed)
        {
            f.Status = FindingStatus.Verified;
        }
    }

    public void Apply(FindingClosed e)
    {
        var f = Finding(e.FindingId)!;
        f.Status = FindingStatus.Closed;
        f.Closure = new Statement(e.Rationale, e.By, e.At);
    }

    public void Apply(EscalationProposed e) => ProposedEscalations.Add(
        new ProposedEscalation(e.EscalationId, e.Step, e.Rationale, e.OnBehalfOf, e.By, e.At, e.ExpiresAt, [new Cosignature(e.By.Org, e.By, e.At)]));

    public void Apply(EscalationCosigned e) => ProposedEscalations.FirstOrDefault(p => p.EscalationId == e.EscalationId)?.Signatures.Add(new Cosignature(e.Org, e.By, e.At));

    public void Apply(EscalationDeclined e) => EndProposal(e.EscalationId, "declined", e.Reason, e.By, e.At);

    public void Apply(EscalationProposalExpired e) => EndProposal(e.EscalationId, "expired", null, e.By, e.At);

    private void EndProposal(Guid escalationId, string outcome, string? reason, Actor by, DateTimeOffset at)
    {
        var i = ProposedEscalations.FindIndex(p => p.EscalationId == escalationId);
        if (i >= 0)
        {
            ProposedEscalations[i] = ProposedEscalations[i] with { Outcome = outcome, Reason = reason, EndedBy = by, EndedAt = at };
        }
    }

    public void Apply(EscalationStepTaken e)
    {
        EndProposal(e.EscalationId, "taken", null, e.By, e.At);
        AddTaken(e);
    }

    private void AddTaken(EscalationStepTaken e) => Escalations.Add(new Escalation(e.EscalationId, e.Step, e.Rationale, e.FindingIds, e.EvidenceIds, e.OnBehalfOf, e.By, e.At));

    public void Apply(SupplierDialogueClosed e)
    {
        Status = DialogueStatus.Closed;
        Closure = new Statement(e.Summary, e.By, e.At);
    }

    private PlannedActionView Action(Guid findingId, Guid actionId) => Finding(findingId)!.Plan()!.Actions.First(a => a.ActionId == actionId);
}

public static class GetSupplierDialogueEndpoint
{
    /// <summary>
    /// One dialogue with everything recorded in it, now or as of a moment or version (participants now only; anyone
    /// else gets 404). ETag = version.
    /// </summary>
    [WolverineGet("/api/supplier-dialogues/{dialogueId}"), Allow(RoleSet.Readers), Access(AccessRule.DialogueParticipant)]
    [ProducesResponseType<SupplierDialogueDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid dialogueId, IQuerySession session, Caller caller, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null)
    {
        if (PointsInTime.Parse(asOf, version, now, out var point) is { } problem)
        {
            return Results.Problem(problem);
        }

        var current = DialogueAccess.Visible(await session.LoadAsync<SupplierDialogueDetails>(dialogueId, ct), d => d.Participants, caller);
        var dialogue = current is null ? null : await PointsInTime.ReadAsync(session, dialogueId, point, () => Task.FromResult<SupplierDialogueDetails?>(current), d => d.Version, ct, shared: true);
        return await PointsInTime.OkAsync(session, dialogueId, dialogue, d => d.Version, point, response, $"No supplier dialogue {dialogueId}.", ct);
    }
}
