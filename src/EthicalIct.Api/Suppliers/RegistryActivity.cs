using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Suppliers;

public enum RegistryChangeKind
{
    SupplierRegistered,
    ProductionSiteRecorded,
    SupplierDetailsCorrected,
}

/// <summary>
/// One entry of the shared "recent registry changes" feed (single-tenanted: every organisation sees it), built from the
/// registry's events by the shared view (<c>SharedView.SharedViewRules</c>), so it is rebuilt with it.
/// </summary>
public sealed class RegistryActivity
{
    /// <summary>"&lt;supplierId&gt;:&lt;version&gt;", so an event applied twice overwrites rather than duplicates.</summary>
    public string Id { get; set; } = "";

    public Guid SupplierId { get; set; }

    public string LegalName { get; set; } = "";

    public RegistryChangeKind Kind { get; set; }

    public long Version { get; set; }

    public Actor By { get; set; } = Actor.System;

    public DateTimeOffset At { get; set; }
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
