using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Conclude the desk review of a received questionnaire response.</summary>
public sealed record ReviewQuestionnaire(Guid QuestionnaireId, string Conclusion, long? ExpectedVersion = null);

public static class ReviewQuestionnaireEndpoint
{
    public static ProblemDetails Validate(ReviewQuestionnaire command, SupplierDialogue dialogue, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? (dialogue.Questionnaire(command.QuestionnaireId) switch
            {
                null => Problems.Invalid("questionnaireId", "no such questionnaire in this dialogue"),
                { Status: not QuestionnaireStatus.UnderReview } q => Problems.Conflict($"The questionnaire is {q.Status.ToString().ToLowerInvariant()}, not under review.",
                    new Dictionary<string, object?> { ["field"] = "questionnaireId" }),
                _ => Problems.Validation([.. Rules.Text(command.Conclusion, "conclusion", "state the review's conclusion")]),
            })
            ?? Problems.None;

    public static QuestionnaireReviewed Decide(ReviewQuestionnaire command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, command.QuestionnaireId, command.Conclusion.Trim(), caller.Actor, now);

    /// <summary>Record the review of a questionnaire response.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/questionnaire-reviews"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Ok<DialogueResponse>, Events) Post(ReviewQuestionnaire command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DialogueResponse(dialogue.Id, dialogue.Version + 1)), [Decide(command, dialogue, caller, now)]);
}
