using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Move a scheduled roundtable to another date, with the reason.</summary>
public sealed record RescheduleRoundtable(DateOnly NewDate, string Reason, long? ExpectedVersion = null);

public static class RescheduleRoundtableEndpoint
{
    public static ProblemDetails Validate(RescheduleRoundtable command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
            RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? RoundtableRules.MustBeScheduled(roundtable)
            ?? (Problems.Validation([
                .. command.NewDate < Rules.Today(now) || command.NewDate == roundtable.Date
                    ? [new FieldError("newDate", "must be a different date, not in the past")] : Array.Empty<FieldError>(),
                .. Rules.Text(command.Reason, "reason", "say why the roundtable moves"),
            ]))
            ?? Problems.None;

    public static RoundtableRescheduled Decide(RescheduleRoundtable command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, roundtable.Date, command.NewDate, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Reschedule a roundtable (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/reschedule"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<RoundtableResponse>, Events) Post(RescheduleRoundtable command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
