using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Requirements;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Send the supplier a questionnaire built from a requirement-set version the caller's organisation has adopted.</summary>
public sealed record SendQuestionnaire(Guid RequirementSetId, int SetVersion, DateOnly? DueOn = null, long? ExpectedVersion = null);

public static class SendQuestionnaireEndpoint
{
    public static Task<RequirementSetDetails?> LoadAsync(SendQuestionnaire command, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<RequirementSetDetails>(command.RequirementSetId, ct);

    public static ProblemDetails Validate(SendQuestionnaire command, SupplierDialogue dialogue, RequirementSetDetails? set, Caller caller, DialogueOptions options, DateTimeOffset now) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? Check(command, set, caller, DueOn(command, options, now), now)
            ?? Problems.None;

    private static ProblemDetails? Check(SendQuestionnaire command, RequirementSetDetails? set, Caller caller, DateOnly dueOn, DateTimeOffset now)
    {
        if (set is null)
        {
            return Problems.Invalid("requirementSetId", "no such requirement set");
        }

        if (set.Find(command.SetVersion) is not { Status: not SetVersionStatus.Draft } version)
        {
            return Problems.Invalid("setVersion", $"no published version {command.SetVersion} of this requirement set");
        }

        if (set.AdoptionOf(caller.OrgNumber)?.SetVersion != command.SetVersion)
        {
            return Problems.Invalid("setVersion", $"your organisation has not adopted version {command.SetVersion}; questionnaires are built from an adopted version");
        }

        if (!version.Questions.Any())
        {
            return Problems.Invalid("setVersion", "this version has no questionnaire sections");
        }

        return dueOn <= Rules.Today(now) ? Problems.Invalid("dueOn", "must be after today") : null;
    }

    public static DateOnly DueOn(SendQuestionnaire command, DialogueOptions options, DateTimeOffset now) =>
        command.DueOn ?? Rules.Today(now).AddDays(7 * options.QuestionnaireWeeks);

    public static QuestionnaireSent Decide(SendQuestionnaire command, SupplierDialogue dialogue, RequirementSetDetails set, DialogueOptions options, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, Ids.For(dialogue.Id, dialogue.Version, 0, now), set.Id, command.SetVersion, SentQuestions.From(set.Find(command.SetVersion)!),
            DueOn(command, options, now), caller.Actor, now);

    /// <summary>Send a questionnaire; its overdue check is scheduled for the day after the due date.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/questionnaires"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Created<DialogueItemResponse>, Events, IMartenOp) Post(SendQuestionnaire command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue,
        RequirementSetDetails? set, DialogueOptions options, Caller caller, DateTimeOffset now)
    {
        var sent = Decide(command, dialogue, set!, options, caller, now);
        return (TypedResults.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, sent.QuestionnaireId, dialogue.Version + 1)),
            [sent],
            Deadlines.Schedule(Deadlines.Check(new CheckQuestionnaireOverdue(dialogue.Id, sent.QuestionnaireId, sent.DueOn), Rules.DayAfter(sent.DueOn))));
    }
}

public sealed class DialogueOptions
{
    /// <summary><c>Dialogues:QuestionnaireWeeks</c>: default time to answer a questionnaire (DFØ: six weeks).</summary>
    public int QuestionnaireWeeks { get; set; } = 6;
}
