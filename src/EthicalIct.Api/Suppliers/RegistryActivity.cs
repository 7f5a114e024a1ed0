using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Suppliers;

public enum RegistryChangeKind
{
    SupplierRegistered,
    ProductionSiteRecorded,
    SupplierDetailsCorrected,
}

/// <summary>
/// Published through the Wolverine outbox by every registry command, committed with its events, so that the other
/// organisations can see what changed in the shared registry.
/// </summary>
public sealed record RegistryChanged(Guid SupplierId, string LegalName, RegistryChangeKind Kind, long Version, Actor By, DateTimeOffset At);

/// <summary>One entry of the shared "recent registry changes" feed (single-tenanted: every organisation sees it).</summary>
public sealed class RegistryActivity
{
    /// <summary>"&lt;supplierId&gt;:&lt;version&gt;", so a redelivered message overwrites rather than duplicates.</summary>
    public string Id { get; set; } = "";

    public Guid SupplierId { get; set; }

    public string LegalName { get; set; } = "";

    public RegistryChangeKind Kind { get; set; }

    public long Version { get; set; }

    public Actor By { get; set; } = Actor.System;

    public DateTimeOffset At { get; set; }
}

public static class RegistryChangedHandler
{
    public static IMartenOp Handle(RegistryChanged m) => MartenOps.Store(new RegistryActivity
    {
        Id = $"{m.SupplierId}:{m.Version}",
        SupplierId = m.SupplierId,
        LegalName = m.LegalName,
        Kind = m.Kind,
        Version = m.Version,
        By = m.By,
        At = m.At,
    });
}

public static class GetRegistryActivityEndpoint
{
    /// <summary>Recent changes to the shared registry, newest first.</summary>
    [WolverineGet("/api/registry/activity"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<RegistryActivity>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize) =>
        Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem
            ? Results.Problem(problem)
            : Results.Ok(await session.Query<RegistryActivity>().OrderByDescending(a => a.At).ToPageAsync(page, pageSize, ct));
}
