using Marten;
using Marten.Pagination;
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
/// Published through the Wolverine outbox by every registry command, after its events commit, so that the other
/// organisations can see what changed in the shared registry (and, later, partner subscriptions can pick it up).
/// </summary>
public sealed record RegistryChanged(Guid SupplierId, string LegalName, RegistryChangeKind Kind, long Version, string ChangedByOrg, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>One entry of the shared "recent registry changes" feed (single-tenanted: all three see it).</summary>
public sealed class RegistryActivity
{
    /// <summary>"&lt;supplierId&gt;:&lt;version&gt;", so a redelivered message overwrites rather than duplicates.</summary>
    public string Id { get; set; } = "";

    public Guid SupplierId { get; set; }

    public string LegalName { get; set; } = "";

    public RegistryChangeKind Kind { get; set; }

    public long Version { get; set; }

    public string ChangedByOrg { get; set; } = "";

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
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
        ChangedByOrg = m.ChangedByOrg,
        ChangedBy = m.ChangedBy,
        ChangedAt = m.ChangedAt,
    });
}

public sealed record RegistryActivityPage(IReadOnlyList<RegistryActivity> Items, int Page, int PageSize, long TotalCount);

public static class GetRegistryActivityEndpoint
{
    /// <summary>Recent changes to the shared registry, newest first.</summary>
    [WolverineGet("/api/registry/activity")]
    [ProducesResponseType<RegistryActivityPage>(StatusCodes.Status200OK)]
    public static async Task<RegistryActivityPage> Get(IQuerySession session, CancellationToken ct, int page = 1, int pageSize = 50)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var result = await session.Query<RegistryActivity>().OrderByDescending(a => a.ChangedAt).ToPagedListAsync(page, pageSize, ct);
        return new RegistryActivityPage([.. result], page, pageSize, result.TotalItemCount);
    }
}
