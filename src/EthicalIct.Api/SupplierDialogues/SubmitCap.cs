using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

public sealed record PlannedAction(string Description, string Owner, DateOnly DueOn);

/// <summary>Record the supplier's corrective action plan for a finding: actions, each with an owner and a due date.</summary>
public sealed record SubmitCap(IReadOnlyList<PlannedAction> Actions, long? ExpectedVersion = null);

public static class SubmitCapEndpoint
{
    public static ProblemDetails Validate(SubmitCap command, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? DialogueRules.FindingMustBeOpen(dialogue, findingId)
            ?? Check(command, dialogue, findingId, now)
            ?? Problems.None;

    private static ProblemDetails? Check(SubmitCap command, SupplierDialogue dialogue, Guid findingId, DateTimeOffset now)
    {
        if (dialogue.Finding(findingId)!.Plan is { Status: not CapStatus.Rejected } current)
        {
            return Problems.Conflict($"The finding already has a {current.Status.ToString().ToLowerInvariant()} plan; a new one can follow a rejection.",
                new Dictionary<string, object?> { ["field"] = "findingId" });
        }

        var errors = new List<FieldError>();
        if (command.Actions.Count is 0 or > 100)
        {
            errors.Add(new("actions", "a plan has 1 to 100 actions"));
        }

        for (var i = 0; i < command.Actions.Count; i++)
        {
            var a = command.Actions[i];
            errors.AddRange(Rules.Text(a.Description, $"actions[{i}].description", "describe the action"));
            errors.AddRange(Rules.Text(a.Owner, $"actions[{i}].owner", "name who is responsible", 200));
            if (a.DueOn < Rules.Today(now))
            {
                errors.Add(new($"actions[{i}].dueOn", "must not be in the past"));
            }
        }

        return Problems.Validation(errors);
    }

    public static CapSubmitted Decide(SubmitCap command, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, Ids.For(dialogue.Id, dialogue.Version, 0, now),
            [.. command.Actions.Select((a, i) => new CapAction(Ids.For(dialogue.Id, dialogue.Version, i + 1, now), a.Description.Trim(), a.Owner.Trim(), a.DueOn))],
            caller.Actor, now);

    /// <summary>One overdue check per action, at the start of the day after its due date.</summary>
    public static ScheduledCheck[] Checks(CapSubmitted e) =>
        [.. e.Actions.Select(a => Deadlines.Check(new CheckCapActionOverdue(e.DialogueId, e.FindingId, a.ActionId, a.DueOn), Rules.DayAfter(a.DueOn)))];

    /// <summary>Record a corrective action plan; each action's overdue check is scheduled.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Created<DialogueItemResponse>, Events, IMartenOp) Post(SubmitCap command, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue,
        Caller caller, DateTimeOffset now)
    {
        var submitted = Decide(command, dialogue, findingId, caller, now);
        return (TypedResults.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, submitted.CapId, dialogue.Version + 1)),
            [submitted], Deadlines.Schedule(Checks(submitted)));
    }
}
