using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Requirements;

public sealed class RequirementSetVersion
{
    public int SetVersion { get; set; }

    public SetVersionStatus Status { get; set; }

    public List<Clause> Clauses { get; set; } = [];

    public List<QuestionnaireSection> Sections { get; set; } = [];

    public Actor DraftedBy { get; set; } = Actor.System;

    public DateTimeOffset DraftedAt { get; set; }

    public Actor? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);
}

/// <summary>An adoption as it happened: the version, why, by whom and when.</summary>
public sealed record Adoption(int SetVersion, int? ReplacesVersion, string Rationale, Actor By, DateTimeOffset At);

/// <summary>
/// A harmonised requirement set as everyone reads it (inline global projection): every version with its clauses and
/// questionnaire sections, who drafted and published it, and every adoption by every organisation in order.
/// </summary>
[SnapshotsAsOf(typeof(RequirementSet), Shared = true)]
public sealed class RequirementSetDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Title { get; set; } = "";

    public List<RequirementSetVersion> Versions { get; set; } = [];

    /// <summary>Every adoption in order; the last per organisation is its current one.</summary>
    public List<Adoption> Adoptions { get; set; } = [];

    public int? CurrentVersion => Versions.LastOrDefault(v => v.Status == SetVersionStatus.Published)?.SetVersion;

    public RequirementSetVersion? Find(int setVersion) => Versions.FirstOrDefault(v => v.SetVersion == setVersion);

    public Adoption? AdoptionOf(string org) => Adoptions.LastOrDefault(a => a.By.Org == org);

    public static RequirementSetDetails Create(RequirementSetVersionDrafted e)
    {
        var set = new RequirementSetDetails { Id = e.RequirementSetId };
        set.Apply(e);
        return set;
    }

    public void Apply(RequirementSetVersionDrafted e)
    {
        Title = e.Title;
        Versions.Add(new RequirementSetVersion
        {
            SetVersion = e.SetVersion, Status = SetVersionStatus.Draft, Clauses = [.. e.Clauses], Sections = [.. e.Sections], DraftedBy = e.By, DraftedAt = e.At,
        });
    }

    public void Apply(RequirementSetVersionPublished e)
    {
        if (e.SupersedesVersion is { } old && Find(old) is { } previous)
        {
            previous.Status = SetVersionStatus.Superseded;
        }

        var published = Find(e.SetVersion)!;
        published.Status = SetVersionStatus.Published;
        published.PublishedBy = e.By;
        published.PublishedAt = e.At;
    }

    public void Apply(RequirementSetVersionAdopted e) => Adoptions.Add(new Adoption(e.SetVersion, e.ReplacesVersion, e.Rationale, e.By, e.At));
}

/// <summary>Per organisation: which version of a requirement set it has adopted, and whether that is the current one.</summary>
public sealed record OrganisationAdoption(string OrgNumber, string Organisation, int? AdoptedVersion, bool Current, DateTimeOffset? AdoptedAt);

public sealed record HarmonisationRow(Guid RequirementSetId, string Title, int? CurrentVersion, bool Harmonised, IReadOnlyList<OrganisationAdoption> Organisations);

public static class RequirementSetQueries
{
    /// <summary>A requirement set with all its versions and adoptions, now or as of a moment or version; ETag = stream version.</summary>
    [WolverineGet("/api/requirement-sets/{requirementSetId}"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<RequirementSetDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid requirementSetId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null) =>
        PointsInTime.Parse(asOf, version, now, out var point) is { } problem
            ? Results.Problem(problem)
            : await PointsInTime.OkAsync(session, requirementSetId,
                await PointsInTime.ReadAsync(session, requirementSetId, point, () => session.LoadAsync<RequirementSetDetails>(requirementSetId, ct), s => s.Version, ct, shared: true),
                s => s.Version, point, response, $"No requirement set {requirementSetId}.", ct);

    /// <summary>
    /// Harmonisation at a glance: for every requirement set, its current version and which version each organisation
    /// has adopted. Harmonised = all on the current version.
    /// </summary>
    [WolverineGet("/api/harmonisation"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<Paged<HarmonisationRow>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Harmonisation(IQuerySession session, PartySet parties, CancellationToken ct, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var sets = await session.Query<RequirementSetDetails>().OrderBy(s => s.Title).ToPageAsync(page, pageSize, ct);
        return Results.Ok(new Paged<HarmonisationRow>([.. sets.Items.Select(s => Row(s, parties))], sets.Page, sets.PageSize, sets.TotalCount));
    }

    public static HarmonisationRow Row(RequirementSetDetails set, PartySet parties)
    {
        var current = set.CurrentVersion;
        var orgs = parties.Current.Select(o =>
        {
            var adopted = set.AdoptionOf(o.OrgNumber);
            return new OrganisationAdoption(o.OrgNumber, o.ShortName, adopted?.SetVersion, adopted is not null && adopted.SetVersion == current, adopted?.At);
        }).ToList();
        return new HarmonisationRow(set.Id, set.Title, current, current is not null && orgs.All(o => o.Current), orgs);
    }
}
