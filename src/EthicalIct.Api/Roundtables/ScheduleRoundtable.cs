using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Schedule a roundtable: topic, date, a place or online, and the hosting organisations (the caller's among them).</summary>
public sealed record ScheduleRoundtable(string Topic, DateOnly Date, IReadOnlyList<string> HostOrgs, string? Place = null, bool Online = false);

public static class ScheduleRoundtableDecision
{
    public static IReadOnlyList<FieldError> Validate(ScheduleRoundtable cmd, Caller caller, DateTimeOffset now)
    {
        var errors = new List<FieldError>(Rules.Text(cmd.Topic, "topic", "give the roundtable a topic", 300));
        if (cmd.Date < Rules.Today(now))
        {
            errors.Add(new("date", "must not be in the past"));
        }

        if (string.IsNullOrWhiteSpace(cmd.Place) && !cmd.Online)
        {
            errors.Add(new("place", "give a place, or set online"));
        }

        for (var i = 0; i < cmd.HostOrgs.Count; i++)
        {
            if (!Organisations.Organisations.IsParticipant(cmd.HostOrgs[i]))
            {
                errors.Add(new($"hostOrgs[{i}]", "must be one of the three organisations"));
            }
        }

        if (!cmd.HostOrgs.Contains(caller.OrgNumber))
        {
            errors.Add(new("hostOrgs", "your organisation must be among the hosts"));
        }

        return errors;
    }

    public static RoundtableScheduled Decide(ScheduleRoundtable cmd, Guid id, Caller caller, DateTimeOffset now) =>
        new(id, cmd.Topic.Trim(), cmd.Date, string.IsNullOrWhiteSpace(cmd.Place) ? null : cmd.Place.Trim(), cmd.Online, [.. cmd.HostOrgs.Distinct()], caller.OrgNumber, caller.UserId, now);
}

public static class ScheduleRoundtableEndpoint
{
    public static ProblemDetails Validate(ScheduleRoundtable cmd, ClaimsPrincipal user, TimeProvider clock) =>
        Problems.Validation(ScheduleRoundtableDecision.Validate(cmd, user.Caller(), clock.GetUtcNow())) ?? WolverineContinue.NoProblems;

    /// <summary>Schedule a roundtable. Coordinators only.</summary>
    [WolverinePost("/api/roundtables")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status201Created)]
    public static (IResult, IStartStream) Post(ScheduleRoundtable cmd, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        return (Results.Created($"/api/roundtables/{id}", new RoundtableResponse(id, 1)),
            MartenOps.StartStream<Roundtable>(id, ScheduleRoundtableDecision.Decide(cmd, id, user.Caller(), clock.GetUtcNow())));
    }
}
