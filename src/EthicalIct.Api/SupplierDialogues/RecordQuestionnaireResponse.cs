using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// Record the supplier's response to a questionnaire: one answer per question of that questionnaire. Every "no" to a
/// question marked "a no here is a breach of contract" raises a breach finding automatically.
/// </summary>
public sealed record RecordQuestionnaireResponse(Guid QuestionnaireId, DateOnly ReceivedOn, IReadOnlyList<Answer> Answers,
    IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

public static class RecordQuestionnaireResponseEndpoint
{
    public static ProblemDetails Validate(RecordQuestionnaireResponse command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? Check(command, dialogue, now)
            ?? Problems.None;

    private static ProblemDetails? Check(RecordQuestionnaireResponse command, SupplierDialogue dialogue, DateTimeOffset now)
    {
        var q = dialogue.Questionnaire(command.QuestionnaireId);
        if (q is null)
        {
            return Problems.Invalid("questionnaireId", "no such questionnaire in this dialogue");
        }

        if (q.ReceivedOn is not null)
        {
            return Problems.Conflict("A response to this questionnaire is already recorded.", new Dictionary<string, object?> { ["field"] = "questionnaireId" });
        }

        var errors = new List<FieldError>();
        if (command.ReceivedOn < DateOnly.FromDateTime(q.SentAt.UtcDateTime))
        {
            errors.Add(new("receivedOn", "must not be before the questionnaire was sent"));
        }

        if (command.ReceivedOn > Rules.Today(now))
        {
            errors.Add(new("receivedOn", "must not be in the future"));
        }

        if (command.Answers.Count == 0)
        {
            errors.Add(new("answers", "record at least one answer"));
        }

        for (var i = 0; i < command.Answers.Count; i++)
        {
            if (q.Questions.All(x => x.QuestionId != command.Answers[i].QuestionId))
            {
                errors.Add(new($"answers[{i}].questionId",
                    $"'{command.Answers[i].QuestionId}' is not a question of this questionnaire (requirement set version {q.SetVersion})"));
            }

            if (command.Answers[i].Comment is { Length: > Rules.MaxText })
            {
                errors.Add(new($"answers[{i}].comment", $"must be at most {Rules.MaxText} characters"));
            }
        }

        foreach (var dup in command.Answers.GroupBy(a => a.QuestionId).Where(g => g.Count() > 1))
        {
            errors.Add(new("answers", $"question '{dup.Key}' is answered twice"));
        }

        errors.AddRange(DialogueRules.EvidenceRefs(dialogue, command.EvidenceIds));
        return Problems.Validation(errors);
    }

    /// <summary>The response, then one automatic breach finding (grade major) per "no" to a breach question.</summary>
    public static IReadOnlyList<object> Decide(RecordQuestionnaireResponse command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now)
    {
        var q = dialogue.Questionnaire(command.QuestionnaireId)!;
        var breaches = command.Answers
            .Where(a => a.Value == AnswerValue.No)
            .Select(a => (Answer: a, Question: q.Questions.First(x => x.QuestionId == a.QuestionId)))
            .Where(x => x.Question.BreachIfNo)
            .ToList();
        var events = new List<object>
        {
            new QuestionnaireResponseReceived(dialogue.Id, command.QuestionnaireId, command.ReceivedOn, command.Answers, command.EvidenceIds ?? [],
                [.. breaches.Select(b => b.Question.QuestionId)], caller.Actor, now),
        };
        for (var i = 0; i < breaches.Count; i++)
        {
            var (answer, question) = breaches[i];
            events.Add(new FindingRaised(dialogue.Id, Ids.For(dialogue.Id, dialogue.Version, i + 1, now), dialogue.SupplierId, FindingGrade.Major, question.Code ?? RiskCode.TR,
                $"Breach of contract: answered no to '{question.Text}'" + (string.IsNullOrWhiteSpace(answer.Comment) ? "" : $" ({answer.Comment.Trim()})"),
                null, command.EvidenceIds ?? [], $"questionnaire {command.QuestionnaireId} question {question.QuestionId}", true, caller.Actor, now));
        }

        return events;
    }

    /// <summary>Record a questionnaire response (breach findings are raised automatically).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/questionnaire-responses"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(RecordQuestionnaireResponse command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now)
    {
        var events = Decide(command, dialogue, caller, now);
        return (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + events.Count)), [.. events]);
    }
}
