using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

public sealed record PlannedAction(string Description, string Owner, DateOnly DueOn);

/// <summary>Record the supplier's corrective action plan for a finding: actions, each with an owner and a due date.</summary>
public sealed record SubmitCap(IReadOnlyList<PlannedAction> Actions, long? ExpectedVersion = null);

public static class SubmitCapDecision
{
    public static ProblemDetails? Check(SubmitCap cmd, SupplierDialogue dialogue, Guid findingId, DateTimeOffset now)
    {
        if (dialogue.Finding(findingId)!.Cap is { Status: not CapStatus.Rejected } current)
        {
            return Problems.Conflict($"The finding already has a {current.Status.ToString().ToLowerInvariant()} plan; a new one can follow a rejection.",
                new Dictionary<string, object?> { ["field"] = "findingId" });
        }

        var errors = new List<FieldError>();
        if (cmd.Actions.Count == 0)
        {
            errors.Add(new("actions", "a plan has at least one action"));
        }

        for (var i = 0; i < cmd.Actions.Count; i++)
        {
            var a = cmd.Actions[i];
            errors.AddRange(Rules.Text(a.Description, $"actions[{i}].description", "describe the action"));
            errors.AddRange(Rules.Text(a.Owner, $"actions[{i}].owner", "name who is responsible", 200));
            if (a.DueOn < Rules.Today(now))
            {
                errors.Add(new($"actions[{i}].dueOn", "must not be in the past"));
            }
        }

        return Problems.Validation(errors);
    }

    public static CapSubmitted Decide(SubmitCap cmd, SupplierDialogue dialogue, Guid findingId, Func<Guid> newId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, newId(), [.. cmd.Actions.Select(a => new CapAction(newId(), a.Description.Trim(), a.Owner.Trim(), a.DueOn))], caller.OrgNumber, caller.UserId, now);

    /// <summary>One overdue check per action, at the start of the day after its due date.</summary>
    public static OutgoingMessages Checks(CapSubmitted e)
    {
        var messages = new OutgoingMessages();
        foreach (var a in e.Actions)
        {
            messages.Add(new CheckCapActionOverdue(e.DialogueId, e.FindingId, a.ActionId, a.DueOn).ScheduledAt(Rules.DayAfter(a.DueOn)));
        }

        return messages;
    }
}

public static class SubmitCapEndpoint
{
    public static ProblemDetails Validate(SubmitCap cmd, Guid findingId, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? DialogueRules.FindingMustExist(dialogue, findingId)
        ?? DialogueRules.FindingMustNotBeClosed(dialogue, findingId)
        ?? SubmitCapDecision.Check(cmd, dialogue, findingId, clock.GetUtcNow())
        ?? WolverineContinue.NoProblems;

    /// <summary>Record a corrective action plan; each action's overdue check is scheduled.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/cap")]
    [ProducesResponseType<DialogueItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events, OutgoingMessages) Post(SubmitCap cmd, Guid findingId, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = SubmitCapDecision.Decide(cmd, dialogue, findingId, Guid.CreateVersion7, user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, e.CapId, dialogue.Version + 1)), [e], SubmitCapDecision.Checks(e));
    }
}
