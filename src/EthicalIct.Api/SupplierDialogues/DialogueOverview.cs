using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.SupplierDialogues;

public sealed record QuestionnaireLine(Guid QuestionnaireId, QuestionnaireStatus Status, bool Breach);

public sealed record FindingLine(Guid FindingId, FindingGrade Grade, RiskCode Code, FindingStatus Status);

public sealed record ActionLine(Guid FindingId, Guid ActionId, string Description, string Owner, DateOnly DueOn, bool Overdue);

/// <summary>
/// One line per dialogue (inline global projection) for the lists across dialogues: who takes part, its status, its
/// questionnaires, its findings and the open actions of their plans (submitted or approved, not completed).
/// </summary>
public sealed class DialogueOverview
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string Title { get; set; } = "";

    public DialogueStatus Status { get; set; } = DialogueStatus.Open;

    public List<string> Participants { get; set; } = [];

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>Organisations proposed as participants and not yet answered (they see the proposal, not the dialogue).</summary>
    public List<string> Proposed { get; set; } = [];

    public List<QuestionnaireLine> Questionnaires { get; set; } = [];

    public List<FindingLine> Findings { get; set; } = [];

    public List<ActionLine> OpenActions { get; set; } = [];

    public static DialogueOverview Create(SupplierDialogueOpened e) => new()
    {
        Id = e.DialogueId, SupplierId = e.SupplierId, Title = e.Title, Participants = [e.By.Org], OpenedAt = e.At, LastChangedAt = e.At,
    };

    public void Apply(ParticipationProposed e) => Touch(e.At, () => Proposed.Add(e.Org));

    public void Apply(ParticipationDeclined e) => Touch(e.At, () => Proposed.Remove(e.Org));

    public void Apply(ParticipationProposalExpired e) => Touch(e.At, () => Proposed.Remove(e.Org));

    public void Apply(OrganisationJoinedDialogue e) => Touch(e.At, () =>
    {
        Proposed.Remove(e.Org);
        Participants.Add(e.Org);
    });

    public void Apply(OrganisationLeftDialogue e) => Touch(e.At, () => Participants.Remove(e.Org));

    public void Apply(QuestionnaireSent e) => Touch(e.At, () => Questionnaires.Add(new QuestionnaireLine(e.QuestionnaireId, QuestionnaireStatus.Sent, false)));

    public void Apply(QuestionnaireBecameOverdue e) => Touch(e.At, () => SetQuestionnaire(e.QuestionnaireId, q => q with { Status = QuestionnaireStatus.Overdue }));

    public void Apply(QuestionnaireResponseReceived e) =>
        Touch(e.At, () => SetQuestionnaire(e.QuestionnaireId, q => q with { Status = QuestionnaireStatus.UnderReview, Breach = e.BreachQuestionIds.Count > 0 }));

    public void Apply(QuestionnaireReviewed e) => Touch(e.At, () => SetQuestionnaire(e.QuestionnaireId, q => q with { Status = QuestionnaireStatus.Reviewed }));

    public void Apply(FindingRaised e) => Touch(e.At, () => Findings.Add(new FindingLine(e.FindingId, e.Grade, e.Code, FindingStatus.Open)));

    public void Apply(FindingDisputed e) => Touch(e.At, () => SetFinding(e.FindingId, FindingStatus.Disputed));

    public void Apply(CapSubmitted e) => Touch(e.At, () =>
    {
        OpenActions.RemoveAll(a => a.FindingId == e.FindingId);
        OpenActions.AddRange(e.Actions.Select(a => new ActionLine(e.FindingId, a.ActionId, a.Description, a.Owner, a.DueOn, false)));
    });

    public void Apply(CapApproved e) => Touch(e.At);

    public void Apply(CapRejected e) => Touch(e.At, () => OpenActions.RemoveAll(a => a.FindingId == e.FindingId));

    public void Apply(CapActionProgressReported e) => Touch(e.At, () =>
    {
        if (e.Completed)
        {
            OpenActions.RemoveAll(a => a.ActionId == e.ActionId);
        }
    });

    public void Apply(CapActionDeadlineExtended e) => Touch(e.At, () => SetAction(e.ActionId, a => a with { DueOn = e.NewDueOn, Overdue = false }));

    public void Apply(CapActionBecameOverdue e) => Touch(e.At, () => SetAction(e.ActionId, a => a with { Overdue = true }));

    public void Apply(FindingVerified e) => Touch(e.At, () =>
    {
        if (e.Result == VerificationResult.Passed)
        {
            SetFinding(e.FindingId, FindingStatus.Verified);
        }
    });

    public void Apply(FindingClosed e) => Touch(e.At, () =>
    {
        SetFinding(e.FindingId, FindingStatus.Closed);
        OpenActions.RemoveAll(a => a.FindingId == e.FindingId);
    });

    public void Apply(EscalationStepTaken e) => Touch(e.At);

    public void Apply(SupplierDialogueClosed e) => Touch(e.At, () => Status = DialogueStatus.Closed);

    private void Touch(DateTimeOffset at, Action? change = null)
    {
        change?.Invoke();
        LastChangedAt = at;
    }

    private void SetQuestionnaire(Guid id, Func<QuestionnaireLine, QuestionnaireLine> change)
    {
        var i = Questionnaires.FindIndex(q => q.QuestionnaireId == id);
        if (i >= 0)
        {
            Questionnaires[i] = change(Questionnaires[i]);
        }
    }

    private void SetFinding(Guid id, FindingStatus status)
    {
        var i = Findings.FindIndex(f => f.FindingId == id);
        if (i >= 0)
        {
            Findings[i] = Findings[i] with { Status = status };
        }
    }

    private void SetAction(Guid id, Func<ActionLine, ActionLine> change)
    {
        var i = OpenActions.FindIndex(a => a.ActionId == id);
        if (i >= 0)
        {
            OpenActions[i] = change(OpenActions[i]);
        }
    }
}

public sealed record DialogueSummary(Guid Id, Guid SupplierId, string Title, DialogueStatus Status, IReadOnlyList<string> Participants, int OpenFindings,
    DateTimeOffset LastChangedAt, long Version);

public enum CapDeadlineState
{
    [JsonStringEnumMemberName("overdue")] Overdue,
    [JsonStringEnumMemberName("due-soon")] DueSoon,
    [JsonStringEnumMemberName("later")] Later,
}

public sealed record OpenCapAction(Guid DialogueId, Guid SupplierId, Guid FindingId, FindingGrade Grade, RiskCode Code, Guid ActionId, string Description,
    string Owner, DateOnly DueOn, CapDeadlineState State, int DaysLeft);

public sealed record QuestionnairePipelineRow(Guid SupplierId, int Sent, int Overdue, int UnderReview, int Reviewed, int Breach);

public sealed record ParticipationProposalLine(Guid DialogueId, Guid SupplierId, string Title, IReadOnlyList<string> Participants, long Version);

public static class DialogueQueries
{
    /// <summary>
    /// The dialogues the caller's organisation has been proposed to join and has not answered: what it needs to
    /// decide (supplier, title, who takes part) and the version to accept or decline against; not the dialogue itself.
    /// </summary>
    [WolverineGet("/api/participation-proposals"), Allow(RoleSet.Readers), Access(AccessRule.ProposedParticipant)]
    [ProducesResponseType<Paged<ParticipationProposalLine>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Proposals(IQuerySession session, Caller caller, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var lines = await session.Query<DialogueOverview>().Where(d => d.Proposed.Contains(caller.OrgNumber)).OrderByDescending(d => d.LastChangedAt)
            .ToPageAsync(page, pageSize, ct);
        return Results.Ok(new Paged<ParticipationProposalLine>([.. lines.Items.Select(d => new ParticipationProposalLine(d.Id, d.SupplierId, d.Title, d.Participants, d.Version))],
            lines.Page, lines.PageSize, lines.TotalCount));
    }

    /// <summary>The dialogues the caller's organisation takes part in, most recently changed first.</summary>
    [WolverineGet("/api/supplier-dialogues"), Allow(RoleSet.Readers), Access(AccessRule.DialogueParticipant)]
    [ProducesResponseType<Paged<DialogueSummary>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(IQuerySession session, Caller caller, CancellationToken ct, Guid? supplierId = null,
        int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = DialogueAccess.VisibleTo(session, caller);
        if (supplierId is { } s)
        {
            query = query.Where(d => d.SupplierId == s);
        }

        var result = await query.OrderByDescending(d => d.LastChangedAt).ToPageAsync(page, pageSize, ct);
        return Results.Ok(new Paged<DialogueSummary>([.. result.Items.Select(d => new DialogueSummary(d.Id, d.SupplierId, d.Title, d.Status, d.Participants,
            d.Findings.Count(f => f.Status != FindingStatus.Closed), d.LastChangedAt, d.Version))], result.Page, result.PageSize, result.TotalCount));
    }

    /// <summary>
    /// Open corrective-action-plan actions across the caller's open dialogues by deadline: overdue first, then due
    /// within 30 days, then later. Filters: state (overdue | due-soon | later), grade, supplierId.
    /// </summary>
    [WolverineGet("/api/caps"), Allow(RoleSet.Readers), Access(AccessRule.DialogueParticipant)]
    [ProducesResponseType<Paged<OpenCapAction>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Caps(IQuerySession session, Caller caller, DateTimeOffset now, CancellationToken ct,
        string? state = null, string? grade = null, Guid? supplierId = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var wantedState = Query.Parse<CapDeadlineState>(state, "state", errors);
        var wantedGrade = Query.Parse<FindingGrade>(grade, "grade", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var dialogues = await DialogueAccess.VisibleTo(session, caller).Where(d => d.Status == DialogueStatus.Open).ToListAsync(ct);
        return Results.Ok(OpenCaps(dialogues, Rules.Today(now))
            .Where(r => (wantedState is null || r.State == wantedState) && (wantedGrade is null || r.Grade == wantedGrade) && (supplierId is null || r.SupplierId == supplierId))
            .ToPage(page, pageSize));
    }

    public static IEnumerable<OpenCapAction> OpenCaps(IEnumerable<DialogueOverview> dialogues, DateOnly today) =>
        from d in dialogues
        from a in d.OpenActions
        let f = d.Findings.First(x => x.FindingId == a.FindingId)
        let days = a.DueOn.DayNumber - today.DayNumber
        let s = a.Overdue || days < 0 ? CapDeadlineState.Overdue : days <= 30 ? CapDeadlineState.DueSoon : CapDeadlineState.Later
        orderby s, a.DueOn, f.Grade descending
        select new OpenCapAction(d.Id, d.SupplierId, f.FindingId, f.Grade, f.Code, a.ActionId, a.Description, a.Owner, a.DueOn, s, days);

    /// <summary>Questionnaires per supplier across the caller's dialogues: sent (awaiting), overdue, under review, reviewed, and with a breach.</summary>
    [WolverineGet("/api/questionnaire-pipeline"), Allow(RoleSet.Readers), Access(AccessRule.DialogueParticipant)]
    [ProducesResponseType<Paged<QuestionnairePipelineRow>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Pipeline(IQuerySession session, Caller caller, CancellationToken ct, Guid? supplierId = null,
        int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = DialogueAccess.VisibleTo(session, caller);
        if (supplierId is { } s)
        {
            query = query.Where(d => d.SupplierId == s);
        }

        return Results.Ok(Pipeline(await query.ToListAsync(ct)).ToPage(page, pageSize));
    }

    public static IReadOnlyList<QuestionnairePipelineRow> Pipeline(IEnumerable<DialogueOverview> dialogues) =>
    [
        .. dialogues.GroupBy(d => d.SupplierId).OrderBy(g => g.Key).Select(g =>
        {
            var qs = g.SelectMany(d => d.Questionnaires).ToList();
            return new QuestionnairePipelineRow(g.Key,
                qs.Count(q => q.Status == QuestionnaireStatus.Sent),
                qs.Count(q => q.Status == QuestionnaireStatus.Overdue),
                qs.Count(q => q.Status == QuestionnaireStatus.UnderReview),
                qs.Count(q => q.Status == QuestionnaireStatus.Reviewed),
                qs.Count(q => q.Breach));
        }),
    ];
}
