using EthicalIct.Api.Identity;
using EthicalIct.Api.Organisations;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// A party's coordinator registered an organisation outside the agreement as an observer (e.g. Electronics Watch, a
/// Swedish region in the same cooperation): its tokens, in the observer role only, see public-class events through the
/// partner channels and never write.
/// </summary>
public sealed record ObserverRegistered(Guid ObserverId, Organisation Organisation, string Purpose, Actor By, DateTimeOffset At);

/// <summary>The observer is no longer admitted; its tokens are refused from now on.</summary>
public sealed record ObserverRemoved(Guid ObserverId, string Reason, Actor By, DateTimeOffset At);

/// <summary>An observer (global stream, one per observer organisation): what the decisions on it read.</summary>
public sealed class Observer : Infrastructure.IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string OrgNumber { get; set; } = "";

    public bool Active { get; set; }

    public static Observer Create(ObserverRegistered e) => new() { Id = e.ObserverId, OrgNumber = e.Organisation.OrgNumber, Active = true };

    public void Apply(ObserverRemoved e) => Active = false;
}

/// <summary>The observers, with who registered them and why (global: every party sees them; the service admits the active ones).</summary>
public sealed class ObserverView
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Organisation Organisation { get; set; } = new("", "", "", OrganisationType.Other);

    public string Purpose { get; set; } = "";

    public bool Active { get; set; }

    public Actor RegisteredBy { get; set; } = Actor.System;

    public DateTimeOffset RegisteredAt { get; set; }

    public string? RemovedReason { get; set; }

    public Actor? RemovedBy { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public static ObserverView Create(ObserverRegistered e) => new()
    {
        Id = e.ObserverId, Organisation = e.Organisation, Purpose = e.Purpose, Active = true, RegisteredBy = e.By, RegisteredAt = e.At,
    };

    public void Apply(ObserverRemoved e)
    {
        Active = false;
        (RemovedReason, RemovedBy, RemovedAt) = (e.Reason, e.By, e.At);
    }
}

/// <summary>The observer registry as the service reads it when it admits callers.</summary>
public sealed record ObserverRegistry(IReadOnlyList<Organisation> Observers)
{
    public static async Task<ObserverRegistry> LoadAsync(IQuerySession session, CancellationToken ct) =>
        new([.. (await session.Query<ObserverView>().Where(o => o.Active).ToListAsync(ct)).Select(o => o.Organisation)]);
}

public static class ObserverConfiguration
{
    public static StoreOptions ConfigureObservers(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<Observer, Guid>(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<ObserverView, Guid>(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        return opts;
    }
}

public static class ObserverQueries
{
    /// <summary>The observers registered, active and removed.</summary>
    [WolverineGet("/api/observers"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<IReadOnlyList<ObserverView>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<ObserverView>> Get(IQuerySession session, CancellationToken ct) =>
        await session.Query<ObserverView>().OrderBy(o => o.RegisteredAt).Take(1000).ToListAsync(ct);
}
