using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Record take-aways of a held roundtable.</summary>
public sealed record RecordRoundtableTakeaways(IReadOnlyList<string> Takeaways, long? ExpectedVersion = null);

public static class RecordRoundtableTakeawaysEndpoint
{
    public static ProblemDetails Validate(RecordRoundtableTakeaways command, Roundtable roundtable, Caller caller) =>
            RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? (roundtable.Status != RoundtableStatus.Held
                ? Problems.Conflict("Take-aways are recorded after the roundtable is held.", new Dictionary<string, object?> { ["field"] = "roundtableId" })
                : null)
            ?? Problems.Validation([.. RoundtableRules.Lines(command.Takeaways, "takeaways", "list the take-aways, none empty")])
            ?? Problems.None;

    public static RoundtableTakeawaysRecorded Decide(RecordRoundtableTakeaways command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, [.. command.Takeaways.Select(t => t.Trim())], caller.Actor, now);

    /// <summary>Record take-aways (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/takeaways"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<RoundtableResponse>, Events) Post(RecordRoundtableTakeaways command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
