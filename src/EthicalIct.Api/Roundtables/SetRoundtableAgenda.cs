using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Set (replace) the agenda.</summary>
public sealed record SetRoundtableAgenda(IReadOnlyList<string> Agenda, long? ExpectedVersion = null);

public static class SetRoundtableAgendaEndpoint
{
    public static ProblemDetails Validate(SetRoundtableAgenda command, Roundtable roundtable, Caller caller) =>
            RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? RoundtableRules.MustBeScheduled(roundtable)
            ?? Problems.Validation([.. RoundtableRules.Lines(command.Agenda, "agenda", "list the agenda items, none empty")])
            ?? Problems.None;

    public static RoundtableAgendaSet Decide(SetRoundtableAgenda command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, [.. command.Agenda.Select(a => a.Trim())], caller.Actor, now);

    /// <summary>Set the agenda of a scheduled roundtable (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/agenda"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<RoundtableResponse>, Events) Post(SetRoundtableAgenda command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
