using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Requirements;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

public sealed class DialogueOptions
{
    /// <summary><c>Dialogues:QuestionnaireWeeks</c>: default time to answer a questionnaire (DFØ: six weeks).</summary>
    public int QuestionnaireWeeks { get; set; } = 6;
}

/// <summary>Send the supplier a questionnaire built from a requirement-set version the caller's organisation has adopted.</summary>
public sealed record SendQuestionnaire(Guid RequirementSetId, int SetVersion, DateOnly? DueOn = null, long? ExpectedVersion = null);

public static class SendQuestionnaireDecision
{
    public static ProblemDetails? Check(SendQuestionnaire cmd, RequirementSet? set, string org, DateOnly dueOn, DateTimeOffset now)
    {
        if (set is null)
        {
            return Problems.Invalid("requirementSetId", "no such requirement set");
        }

        if (set.Find(cmd.SetVersion) is not { Status: not SetVersionStatus.Draft } version)
        {
            return Problems.Invalid("setVersion", $"no published version {cmd.SetVersion} of this requirement set");
        }

        if (!set.Adoptions.TryGetValue(org, out var adopted) || adopted.SetVersion != cmd.SetVersion)
        {
            return Problems.Invalid("setVersion", $"your organisation has not adopted version {cmd.SetVersion}; questionnaires are built from an adopted version");
        }

        if (!version.Questions.Any())
        {
            return Problems.Invalid("setVersion", "this version has no questionnaire sections");
        }

        return dueOn <= Rules.Today(now) ? Problems.Invalid("dueOn", "must be after today") : null;
    }

    public static DateOnly DueOn(SendQuestionnaire cmd, DialogueOptions options, DateTimeOffset now) =>
        cmd.DueOn ?? Rules.Today(now).AddDays(7 * options.QuestionnaireWeeks);

    public static QuestionnaireSent Decide(SendQuestionnaire cmd, SupplierDialogue dialogue, RequirementSet set, Guid questionnaireId, DateOnly dueOn,
        Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, questionnaireId, set.Id, cmd.SetVersion, SentQuestions.From(set.Find(cmd.SetVersion)!), dueOn, caller.OrgNumber, caller.UserId, now);
}

public static class SendQuestionnaireEndpoint
{
    public static Task<RequirementSet?> LoadAsync(SendQuestionnaire cmd, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<RequirementSet>(cmd.RequirementSetId, ct);

    public static ProblemDetails Validate(SendQuestionnaire cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue,
        RequirementSet? set, ClaimsPrincipal user, IOptions<DialogueOptions> options, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? SendQuestionnaireDecision.Check(cmd, set, user.Caller().OrgNumber, SendQuestionnaireDecision.DueOn(cmd, options.Value, clock.GetUtcNow()), clock.GetUtcNow())
        ?? WolverineContinue.NoProblems;

    /// <summary>Send a questionnaire; its overdue check is scheduled for the day after the due date.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/questionnaires")]
    [ProducesResponseType<DialogueItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events, OutgoingMessages) Post(SendQuestionnaire cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, RequirementSet? set,
        ClaimsPrincipal user, IOptions<DialogueOptions> options, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var sent = SendQuestionnaireDecision.Decide(cmd, dialogue, set!, Guid.CreateVersion7(), SendQuestionnaireDecision.DueOn(cmd, options.Value, now), user.Caller(), now);
        return (Results.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, sent.QuestionnaireId, dialogue.Version + 1)),
            [sent],
            [new CheckQuestionnaireOverdue(dialogue.Id, sent.QuestionnaireId, sent.DueOn).ScheduledAt(Rules.DayAfter(sent.DueOn))]);
    }
}
