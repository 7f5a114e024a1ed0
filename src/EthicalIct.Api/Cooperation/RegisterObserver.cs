using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Organisations;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>Register an organisation outside the agreement as an observer (public-class events through the partner channels).</summary>
public sealed record RegisterObserver(string OrgNumber, string Name, string ShortName, string Purpose);

public sealed record ObserverResponse(Guid ObserverId, long Version);

public static class RegisterObserverEndpoint
{
    /// <summary>The admitted organisations now (a party cannot also be an observer; an observer is registered once).</summary>
    public static async Task<ObserverRegistry> LoadAsync(IQuerySession session, CancellationToken ct) => await ObserverRegistry.LoadAsync(session, ct);

    public static ProblemDetails Validate(RegisterObserver command, ObserverRegistry observers, PartySet parties) =>
        Problems.Validation([.. AgreementRules.Candidate(command.OrgNumber, command.Name, command.ShortName),
            .. Rules.Text(command.Purpose, "purpose", "say why the organisation observes (e.g. independent monitoring)", 1000)])
        ?? (parties.IsParty(command.OrgNumber.Trim())
            ? Problems.Conflict("The organisation is a party of the agreement; its people see what parties see.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
            : observers.Observers.Any(o => o.OrgNumber == command.OrgNumber.Trim())
                ? Problems.Conflict("The organisation is an observer already.", new Dictionary<string, object?> { ["field"] = "orgNumber" })
                : null)
        ?? Problems.None;

    public static ObserverRegistered Decide(RegisterObserver command, Guid observerId, Caller caller, DateTimeOffset now) =>
        new(observerId, AgreementRules.Normalised(command.OrgNumber, command.Name, command.ShortName, OrganisationType.Other), command.Purpose.Trim(), caller.Actor, now);

    /// <summary>Register an observer organisation (coordinators of the parties).</summary>
    [WolverinePost("/api/observers"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Created<ObserverResponse>, IStartStream) Post(RegisterObserver command, Caller caller, DateTimeOffset now)
    {
        var registered = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/observers", new ObserverResponse(registered.ObserverId, 1)), MartenOps.StartStream<Observer>(registered.ObserverId, registered));
    }
}
