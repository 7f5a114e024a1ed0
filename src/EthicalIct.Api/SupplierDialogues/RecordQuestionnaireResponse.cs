using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
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

public static class RecordQuestionnaireResponseDecision
{
    public static ProblemDetails? Check(RecordQuestionnaireResponse cmd, SupplierDialogue dialogue, DateTimeOffset now)
    {
        var q = dialogue.Questionnaire(cmd.QuestionnaireId);
        if (q is null)
        {
            return Problems.Invalid("questionnaireId", "no such questionnaire in this dialogue");
        }

        if (q.ReceivedOn is not null)
        {
            return Problems.Conflict("A response to this questionnaire is already recorded.", new Dictionary<string, object?> { ["field"] = "questionnaireId" });
        }

        var errors = new List<FieldError>();
        if (cmd.ReceivedOn < DateOnly.FromDateTime(q.SentAt.UtcDateTime))
        {
            errors.Add(new("receivedOn", "must not be before the questionnaire was sent"));
        }

        if (cmd.ReceivedOn > Rules.Today(now))
        {
            errors.Add(new("receivedOn", "must not be in the future"));
        }

        if (cmd.Answers.Count == 0)
        {
            errors.Add(new("answers", "record at least one answer"));
        }

        for (var i = 0; i < cmd.Answers.Count; i++)
        {
            if (q.Questions.All(x => x.QuestionId != cmd.Answers[i].QuestionId))
            {
                errors.Add(new($"answers[{i}].questionId",
                    $"'{cmd.Answers[i].QuestionId}' is not a question of this questionnaire (requirement set version {q.SetVersion})"));
            }
        }

        foreach (var dup in cmd.Answers.GroupBy(a => a.QuestionId).Where(g => g.Count() > 1))
        {
            errors.Add(new("answers", $"question '{dup.Key}' is answered twice"));
        }

        errors.AddRange(DialogueRules.EvidenceRefs(dialogue, cmd.EvidenceIds));
        return Problems.Validation(errors);
    }

    /// <summary>The response, then one automatic breach finding (grade major) per "no" to a breach question.</summary>
    public static IReadOnlyList<object> Decide(RecordQuestionnaireResponse cmd, SupplierDialogue dialogue, Func<Guid> newId, Caller caller, DateTimeOffset now)
    {
        var q = dialogue.Questionnaire(cmd.QuestionnaireId)!;
        var events = new List<object>
        {
            new QuestionnaireResponseReceived(dialogue.Id, q.QuestionnaireId, cmd.ReceivedOn, cmd.Answers, cmd.EvidenceIds ?? [], caller.OrgNumber, caller.UserId, now),
        };
        foreach (var answer in cmd.Answers.Where(a => a.Value == AnswerValue.No))
        {
            var question = q.Questions.First(x => x.QuestionId == answer.QuestionId);
            if (question.BreachIfNo)
            {
                events.Add(new FindingRaised(dialogue.Id, newId(), dialogue.SupplierId, FindingGrade.Major, question.Code ?? RiskCode.TR,
                    $"Breach of contract: answered no to '{question.Text}'" + (string.IsNullOrWhiteSpace(answer.Comment) ? "" : $" ({answer.Comment.Trim()})"),
                    null, cmd.EvidenceIds ?? [], $"questionnaire {q.QuestionnaireId} question {question.QuestionId}", true, caller.OrgNumber, caller.UserId, now));
            }
        }

        return events;
    }
}

public static class RecordQuestionnaireResponseEndpoint
{
    public static ProblemDetails Validate(RecordQuestionnaireResponse cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? RecordQuestionnaireResponseDecision.Check(cmd, dialogue, clock.GetUtcNow())
        ?? WolverineContinue.NoProblems;

    /// <summary>Record a questionnaire response (breach findings are raised automatically).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/questionnaire-responses")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(RecordQuestionnaireResponse cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock)
    {
        var events = RecordQuestionnaireResponseDecision.Decide(cmd, dialogue, Guid.CreateVersion7, user.Caller(), clock.GetUtcNow());
        return (new DialogueResponse(dialogue.Id, dialogue.Version + events.Count), [.. events]);
    }
}
