using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Conclude the desk review of a received questionnaire response.</summary>
public sealed record ReviewQuestionnaire(Guid QuestionnaireId, string Conclusion, long? ExpectedVersion = null);

public static class ReviewQuestionnaireDecision
{
    public static ProblemDetails? Check(ReviewQuestionnaire cmd, SupplierDialogue dialogue) => dialogue.Questionnaire(cmd.QuestionnaireId) switch
    {
        null => Problems.Invalid("questionnaireId", "no such questionnaire in this dialogue"),
        { Status: not QuestionnaireStatus.UnderReview } q => Problems.Conflict($"The questionnaire is {q.Status.ToString().ToLowerInvariant()}, not under review.",
            new Dictionary<string, object?> { ["field"] = "questionnaireId" }),
        _ => Problems.Validation([.. Rules.Text(cmd.Conclusion, "conclusion", "state the review's conclusion")]),
    };

    public static QuestionnaireReviewed Decide(ReviewQuestionnaire cmd, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, cmd.QuestionnaireId, cmd.Conclusion.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class ReviewQuestionnaireEndpoint
{
    public static ProblemDetails Validate(ReviewQuestionnaire cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? ReviewQuestionnaireDecision.Check(cmd, dialogue)
        ?? WolverineContinue.NoProblems;

    /// <summary>Record the review of a questionnaire response.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/questionnaire-reviews")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status200OK)]
    public static (DialogueResponse, Events) Post(ReviewQuestionnaire cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock) =>
        (new DialogueResponse(dialogue.Id, dialogue.Version + 1), [ReviewQuestionnaireDecision.Decide(cmd, dialogue, user.Caller(), clock.GetUtcNow())]);
}
