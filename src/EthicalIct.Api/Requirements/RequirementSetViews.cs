using EthicalIct.Api.Infrastructure;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Requirements;

public static class RequirementsConfiguration
{
    /// <summary>Requirement sets are shared: global streams and a single-tenanted inline snapshot.</summary>
    public static StoreOptions ConfigureRequirements(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<RequirementSet, Guid>(), ProjectionLifecycle.Inline);
        return opts;
    }
}

/// <summary>Per organisation: which version of a requirement set it has adopted, and whether that is the current one.</summary>
public sealed record OrganisationAdoption(string OrgNumber, string Organisation, int? AdoptedVersion, bool Current, DateTimeOffset? AdoptedAt);

public sealed record HarmonisationRow(Guid RequirementSetId, string Title, int? CurrentVersion, bool Harmonised, IReadOnlyList<OrganisationAdoption> Organisations);

public static class RequirementSetQueries
{
    /// <summary>A requirement set with all its versions and adoptions; ETag = stream version.</summary>
    [WolverineGet("/api/requirement-sets/{requirementSetId}")]
    [ProducesResponseType<RequirementSet>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid requirementSetId, IQuerySession session, HttpResponse response, CancellationToken ct) =>
        Resources.OkWithVersion(await session.LoadAsync<RequirementSet>(requirementSetId, ct), s => s.Version, response, $"No requirement set {requirementSetId}.");

    /// <summary>
    /// Harmonisation at a glance: for every requirement set, its current version and which version each of the three
    /// organisations has adopted. Harmonised = all three on the current version.
    /// </summary>
    [WolverineGet("/api/harmonisation")]
    [ProducesResponseType<IReadOnlyList<HarmonisationRow>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<HarmonisationRow>> Harmonisation(IQuerySession session, CancellationToken ct)
    {
        var sets = await session.Query<RequirementSet>().OrderBy(s => s.Title).ToListAsync(ct);
        return [.. sets.Select(Row)];
    }

    public static HarmonisationRow Row(RequirementSet set)
    {
        var current = set.CurrentVersion;
        var orgs = Organisations.Organisations.All.Select(o =>
        {
            var adopted = set.Adoptions.TryGetValue(o.OrgNumber, out var a) ? a : null;
            return new OrganisationAdoption(o.OrgNumber, o.ShortName, adopted?.SetVersion, adopted is not null && adopted.SetVersion == current, adopted?.AdoptedAt);
        }).ToList();
        return new HarmonisationRow(set.Id, set.Title, current, current is not null && orgs.All(o => o.Current), orgs);
    }
}
