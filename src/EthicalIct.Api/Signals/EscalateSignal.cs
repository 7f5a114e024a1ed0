using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SupplierDialogues;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Signals;

/// <summary>
/// Triage a signal by escalating it into a finding of an open supplier dialogue the organisation takes part in, with a
/// supplier the signal matched (confirmed): the finding's grade, and its risk type and description (defaulting to the
/// signal's).
/// </summary>
public sealed record EscalateSignal(Guid DialogueId, FindingGrade Grade, RiskCode? Code = null, string? Description = null, long? ExpectedVersion = null);

/// <summary>What the dialogue records for an escalated signal (decided by <see cref="RaiseFindingFromSignalHandler"/> on the dialogue).</summary>
public sealed record RaiseFindingFromSignal(Guid SupplierDialogueId, Guid FindingId, Guid SignalId, string SignalTitle, FindingGrade Grade, RiskCode Code, string Description,
    Guid? SiteId, Actor By, DateTimeOffset At);

public sealed record EscalateContext(SupplierDialogueDetails? Dialogue, SignalDetails? Details);

public static class EscalateSignalEndpoint
{
    public static async Task<EscalateContext> LoadAsync(EscalateSignal command, Guid signalId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<SupplierDialogueDetails>(command.DialogueId, ct), await session.LoadAsync<SignalDetails>(signalId, ct));

    public static ProblemDetails Validate(EscalateSignal command, Signal signal, EscalateContext context, Caller caller)
    {
        if (SignalRules.MustBeUntriaged(signal) is { } triaged)
        {
            return triaged;
        }

        var errors = new List<FieldError>();
        if (context.Dialogue is not { } dialogue || !dialogue.Participants.Contains(caller.OrgNumber))
        {
            errors.Add(new("dialogueId", "no supplier dialogue your organisation takes part in has this id"));
        }
        else if (dialogue.Status != DialogueStatus.Open)
        {
            errors.Add(new("dialogueId", "the dialogue is closed"));
        }
        else if (Target(context) is null)
        {
            errors.Add(new("dialogueId", "the dialogue's supplier is not among the signal's confirmed matches: confirm a match first"));
        }

        if ((command.Code ?? signal.Code) is null)
        {
            errors.Add(new("code", "the signal names no risk type: give one for the finding"));
        }

        errors.AddRange(Rules.OptionalText(command.Description, "description"));
        return Problems.Validation(errors) ?? Problems.None;
    }

    private static SignalMatch? Target(EscalateContext context) => context.Details?.ConfirmedMatch(context.Dialogue?.SupplierId);

    public static (SignalEscalated Escalated, RaiseFindingFromSignal Raise) Decide(EscalateSignal command, Signal signal, EscalateContext context, Caller caller, DateTimeOffset now)
    {
        var findingId = Ids.For(signal.Id, signal.Version, 0, now);
        var description = string.IsNullOrWhiteSpace(command.Description) ? signal.Title : command.Description.Trim();
        return (new SignalEscalated(signal.Id, command.DialogueId, findingId, caller.Actor, now),
            new RaiseFindingFromSignal(command.DialogueId, findingId, signal.Id, signal.Title, command.Grade, command.Code ?? signal.Code ?? RiskCode.FL, description,
                Target(context)!.SiteId, caller.Actor, now));
    }

    /// <summary>Escalate a signal into a dialogue finding; the dialogue records it in the same outbox transaction.</summary>
    [WolverinePost("/api/signals/{signalId}/escalation"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<SignalResponse>, Events, OutgoingMessages) Post(EscalateSignal command, [WriteAggregate("signalId")] Signal signal, EscalateContext context, Caller caller,
        DateTimeOffset now)
    {
        var (escalated, raise) = Decide(command, signal, context, caller, now);
        return (TypedResults.Ok(new SignalResponse(signal.Id, signal.Version + 1)), [escalated], [raise]);
    }
}

public static class RaiseFindingFromSignalHandler
{
    /// <summary>The finding on the dialogue, raised by the person who escalated; nothing when it is there already, the dialogue closed, or the organisation no longer takes part.</summary>
    public static IReadOnlyList<object> Decide(RaiseFindingFromSignal m, SupplierDialogue dialogue) =>
        dialogue.Finding(m.FindingId) is not null || dialogue.Status != DialogueStatus.Open || !dialogue.Participants.Contains(m.By.Org)
            ? []
            : [new FindingRaised(dialogue.Id, m.FindingId, dialogue.SupplierId, m.Grade, m.Code, m.Description, m.SiteId, [], $"signal: {m.SignalTitle}", false, m.By, m.At)];

    public static Events Handle(RaiseFindingFromSignal m, [WriteAggregate] SupplierDialogue dialogue) => [.. Decide(m, dialogue)];
}
