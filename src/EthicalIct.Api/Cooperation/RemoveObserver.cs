using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>Stop admitting an observer.</summary>
public sealed record RemoveObserver(string Reason, long? ExpectedVersion = null);

public static class RemoveObserverEndpoint
{
    public static ProblemDetails Validate(RemoveObserver command, Observer observer) =>
        Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why the observer is removed", 1000)])
        ?? (observer.Active ? null : Problems.Conflict("The observer was removed already.", new Dictionary<string, object?> { ["field"] = "observerId" }))
        ?? Problems.None;

    public static ObserverRemoved Decide(RemoveObserver command, Observer observer, Caller caller, DateTimeOffset now) => new(observer.Id, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Remove an observer (coordinators of the parties).</summary>
    [WolverinePost("/api/observers/{observerId}/removal"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Ok<ObserverResponse>, Events) Post(RemoveObserver command, [WriteAggregate] Observer observer, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new ObserverResponse(observer.Id, observer.Version + 1)), [Decide(command, observer, caller, now)]);
}
