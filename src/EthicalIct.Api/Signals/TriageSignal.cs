using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Signals;

/// <summary>Confirm (or, with a reason, reject) a match the matcher proposed for a similar name.</summary>
public sealed record DecideSignalMatch(Guid SupplierId, bool Confirm, Guid? SiteId = null, string? Reason = null, long? ExpectedVersion = null);

/// <summary>Dismiss a signal, with the reason (not credible, not our supply chain, already handled …).</summary>
public sealed record DismissSignal(string Reason, long? ExpectedVersion = null);

public static class SignalRules
{
    public static ProblemDetails? MustBeUntriaged(Signal signal) =>
        signal.Status == SignalStatus.Untriaged
            ? null
            : Problems.Conflict($"The signal is already {ApiJson.Wire(signal.Status)}; a new signal is recorded for new information.",
                new Dictionary<string, object?> { ["signalStatus"] = ApiJson.Wire(signal.Status) });
}

public static class DecideSignalMatchEndpoint
{
    public static ProblemDetails Validate(DecideSignalMatch command, Signal signal) =>
        (signal.Matches.TryGetValue(Signal.Key(command.SupplierId, command.SiteId), out var confirmed) && !confirmed
            ? null
            : Problems.Invalid("supplierId", "no proposed match for this supplier (and site) on the signal"))
        ?? Problems.Validation([.. command.Confirm ? [] : Rules.Text(command.Reason, "reason", "say why it is not the same company or site")])
        ?? Problems.None;

    public static object Decide(DecideSignalMatch command, Signal signal, Caller caller, DateTimeOffset now) =>
        command.Confirm
            ? new SignalMatchConfirmed(signal.Id, command.SupplierId, command.SiteId, caller.Actor, now)
            : new SignalMatchRejected(signal.Id, command.SupplierId, command.SiteId, command.Reason!.Trim(), caller.Actor, now);

    /// <summary>Confirm or reject a proposed match.</summary>
    [WolverinePost("/api/signals/{signalId}/matches"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<SignalResponse>, Events) Post(DecideSignalMatch command, [WriteAggregate("signalId")] Signal signal, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new SignalResponse(signal.Id, signal.Version + 1)), [Decide(command, signal, caller, now)]);
}

public static class DismissSignalEndpoint
{
    public static ProblemDetails Validate(DismissSignal command, Signal signal) =>
        SignalRules.MustBeUntriaged(signal) ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why the signal is dismissed")]) ?? Problems.None;

    public static SignalDismissed Decide(DismissSignal command, Signal signal, Caller caller, DateTimeOffset now) => new(signal.Id, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Dismiss a signal.</summary>
    [WolverinePost("/api/signals/{signalId}/dismissal"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<SignalResponse>, Events) Post(DismissSignal command, [WriteAggregate("signalId")] Signal signal, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new SignalResponse(signal.Id, signal.Version + 1)), [Decide(command, signal, caller, now)]);
}
