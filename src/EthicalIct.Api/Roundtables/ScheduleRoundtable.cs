using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Schedule a roundtable: topic, date, a place or online, and the hosting organisations (the caller's among them).</summary>
public sealed record ScheduleRoundtable(string Topic, DateOnly Date, IReadOnlyList<string> HostOrgs, string? Place = null, bool Online = false);

public static class ScheduleRoundtableEndpoint
{
    public static ProblemDetails Validate(ScheduleRoundtable command, Caller caller, DateTimeOffset now)
    {
        var errors = new List<FieldError>(Rules.Text(command.Topic, "topic", "give the roundtable a topic", 300));
        if (command.Date < Rules.Today(now))
        {
            errors.Add(new("date", "must not be in the past"));
        }

        if (string.IsNullOrWhiteSpace(command.Place) && !command.Online)
        {
            errors.Add(new("place", "give a place, or set online"));
        }
        else if (command.Place is { Length: > 300 })
        {
            errors.Add(new("place", "must be at most 300 characters"));
        }

        for (var i = 0; i < command.HostOrgs.Count; i++)
        {
            if (!Organisations.Organisations.IsParticipant(command.HostOrgs[i]))
            {
                errors.Add(new($"hostOrgs[{i}]", "must be one of the participating organisations"));
            }
        }

        if (!command.HostOrgs.Contains(caller.OrgNumber))
        {
            errors.Add(new("hostOrgs", "your organisation must be among the hosts"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static RoundtableScheduled Decide(ScheduleRoundtable command, Guid roundtableId, Caller caller, DateTimeOffset now) =>
        new(roundtableId, command.Topic.Trim(), command.Date, string.IsNullOrWhiteSpace(command.Place) ? null : command.Place.Trim(), command.Online,
            [.. command.HostOrgs.Distinct()], caller.Actor, now);

    /// <summary>Schedule a roundtable. Coordinators only.</summary>
    [WolverinePost("/api/roundtables"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Created<RoundtableResponse>, IStartStream) Post(ScheduleRoundtable command, Caller caller, DateTimeOffset now)
    {
        var scheduled = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/roundtables/{scheduled.RoundtableId}", new RoundtableResponse(scheduled.RoundtableId, 1)),
            MartenOps.StartStream<Roundtable>(scheduled.RoundtableId, scheduled));
    }
}
