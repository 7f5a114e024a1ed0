using EthicalIct.Api.Identity;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Scheduled for the day after a questionnaire's due date.</summary>
public sealed record CheckQuestionnaireOverdue(Guid SupplierDialogueId, Guid QuestionnaireId, DateOnly DueOn);

/// <summary>Scheduled for the day after a CAP action's due date (again when the deadline is extended).</summary>
public sealed record CheckCapActionOverdue(Guid SupplierDialogueId, Guid FindingId, Guid ActionId, DateOnly DueOn);

/// <summary>
/// The overdue rules (pure). A check is stale, and does nothing, when the item was answered or completed, when its
/// due date has since changed (an extension schedules a new check), when it is already overdue, or when the dialogue
/// is closed. Delivering a check twice is therefore harmless.
/// </summary>
public static class OverdueCheckHandler
{
    public static IReadOnlyList<object> Decide(CheckQuestionnaireOverdue check, SupplierDialogue dialogue, DateTimeOffset now) =>
        dialogue.Status == DialogueStatus.Open
        && dialogue.Questionnaire(check.QuestionnaireId) is { ReceivedOn: null, Overdue: false } q
        && q.DueOn == check.DueOn
            ? [new QuestionnaireBecameOverdue(dialogue.Id, check.QuestionnaireId, q.DueOn, Actor.System, now)]
            : [];

    public static IReadOnlyList<object> Decide(CheckCapActionOverdue check, SupplierDialogue dialogue, DateTimeOffset now) =>
        dialogue.Status == DialogueStatus.Open
        && dialogue.Finding(check.FindingId) is { Status: not FindingStatus.Closed } finding
        && finding.Action(check.ActionId) is { Completed: false, Overdue: false } action
        && action.DueOn == check.DueOn
            ? [new CapActionBecameOverdue(dialogue.Id, check.FindingId, check.ActionId, action.DueOn, Actor.System, now)]
            : [];

    public static Events Handle(CheckQuestionnaireOverdue check, [WriteAggregate] SupplierDialogue dialogue, DateTimeOffset now) => [.. Decide(check, dialogue, now)];

    public static Events Handle(CheckCapActionOverdue check, [WriteAggregate] SupplierDialogue dialogue, DateTimeOffset now) => [.. Decide(check, dialogue, now)];
}
