using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.SupplierDialogues;

public static class SupplierDialoguesConfiguration
{
    /// <summary>Dialogues are shared among their participants: global streams, a single-tenanted inline snapshot, the access guard.</summary>
    public static StoreOptions ConfigureSupplierDialogues(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<SupplierDialogue, Guid>(), ProjectionLifecycle.Inline);
        return opts;
    }

    public static WebApplicationBuilder AddEthicalIctDialogues(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DialogueOptions>(builder.Configuration.GetSection("Dialogues"));
        return builder;
    }
}

public sealed record DialogueSummary(Guid Id, Guid SupplierId, string Title, DialogueStatus Status, IReadOnlyList<string> Participants, int OpenFindings, long Version);

public enum CapDeadlineState { [System.Text.Json.Serialization.JsonStringEnumMemberName("overdue")] Overdue, [System.Text.Json.Serialization.JsonStringEnumMemberName("due-soon")] DueSoon, [System.Text.Json.Serialization.JsonStringEnumMemberName("later")] Later }

public sealed record OpenCapAction(Guid DialogueId, Guid SupplierId, Guid FindingId, FindingGrade Grade, RiskCode Code, Guid ActionId, string Description,
    string Owner, DateOnly DueOn, CapDeadlineState State, int DaysLeft);

public sealed record QuestionnairePipelineRow(Guid SupplierId, int Sent, int Overdue, int UnderReview, int Reviewed, int Breach);

public static class DialogueQueries
{
    /// <summary>One dialogue with its questionnaires, meetings, evidence, findings, plans and escalations (participants only).</summary>
    [WolverineGet("/api/supplier-dialogues/{dialogueId}")]
    [ProducesResponseType<SupplierDialogue>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid dialogueId, IQuerySession session, HttpResponse response, CancellationToken ct) =>
        Resources.OkWithVersion(await session.LoadAsync<SupplierDialogue>(dialogueId, ct), d => d.Version, response, $"No supplier dialogue {dialogueId}.");

    /// <summary>The dialogues the caller's organisation takes part in.</summary>
    [WolverineGet("/api/supplier-dialogues")]
    [ProducesResponseType<IReadOnlyList<DialogueSummary>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<DialogueSummary>> List(IQuerySession session, ClaimsPrincipal user, CancellationToken ct, Guid? supplierId = null)
    {
        var query = DialogueAccess.Visible(session, user.Caller());
        if (supplierId is { } s)
        {
            query = query.Where(d => d.SupplierId == s);
        }

        var dialogues = await query.OrderByDescending(d => d.OpenedAt).ToListAsync(ct);
        return [.. dialogues.Select(d => new DialogueSummary(d.Id, d.SupplierId, d.Title, d.Status, d.Participants,
            d.Findings.Count(f => f.Status != FindingStatus.Closed), d.Version))];
    }

    /// <summary>
    /// Open corrective-action-plan actions across the caller's dialogues by deadline: overdue first, then due within
    /// 30 days, then later. Filters: state (overdue | due-soon | later), grade, supplierId.
    /// </summary>
    [WolverineGet("/api/caps")]
    [ProducesResponseType<IReadOnlyList<OpenCapAction>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Caps(IQuerySession session, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct,
        string? state = null, string? grade = null, Guid? supplierId = null)
    {
        var errors = new List<FieldError>();
        var wantedState = QueryEnums.Parse<CapDeadlineState>(state, "state", errors);
        var wantedGrade = QueryEnums.Parse<FindingGrade>(grade, "grade", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var dialogues = await DialogueAccess.Visible(session, user.Caller()).Where(d => d.Status == DialogueStatus.Open).ToListAsync(ct);
        var rows = OpenCaps(dialogues, Rules.Today(clock.GetUtcNow()))
            .Where(r => (wantedState is null || r.State == wantedState) && (wantedGrade is null || r.Grade == wantedGrade) && (supplierId is null || r.SupplierId == supplierId));
        return Results.Ok(rows.ToList());
    }

    public static IEnumerable<OpenCapAction> OpenCaps(IEnumerable<SupplierDialogue> dialogues, DateOnly today) =>
        from d in dialogues
        from f in d.Findings
        where f.Status != FindingStatus.Closed && f.Cap is { Status: CapStatus.Approved or CapStatus.Submitted }
        from a in f.Cap!.Actions
        where !a.Completed
        let days = a.DueOn.DayNumber - today.DayNumber
        let s = a.Overdue || days < 0 ? CapDeadlineState.Overdue : days <= 30 ? CapDeadlineState.DueSoon : CapDeadlineState.Later
        orderby s, a.DueOn, f.Grade descending
        select new OpenCapAction(d.Id, d.SupplierId, f.FindingId, f.Grade, f.Code, a.ActionId, a.Description, a.Owner, a.DueOn, s, days);

    /// <summary>Questionnaires per supplier across the caller's dialogues: sent (awaiting), overdue, under review, reviewed, and with a breach.</summary>
    [WolverineGet("/api/questionnaire-pipeline")]
    [ProducesResponseType<IReadOnlyList<QuestionnairePipelineRow>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<QuestionnairePipelineRow>> Pipeline(IQuerySession session, ClaimsPrincipal user, CancellationToken ct, Guid? supplierId = null)
    {
        var query = DialogueAccess.Visible(session, user.Caller());
        if (supplierId is { } s)
        {
            query = query.Where(d => d.SupplierId == s);
        }

        return Pipeline(await query.ToListAsync(ct));
    }

    public static IReadOnlyList<QuestionnairePipelineRow> Pipeline(IEnumerable<SupplierDialogue> dialogues) =>
    [
        .. dialogues.GroupBy(d => d.SupplierId).Select(g =>
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
