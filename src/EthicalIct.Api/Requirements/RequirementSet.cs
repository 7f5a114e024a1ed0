using System.Text.Json.Serialization;

namespace EthicalIct.Api.Requirements;

public enum SetVersionStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("superseded")] Superseded,
}

public sealed class RequirementSetVersion
{
    public int SetVersion { get; set; }

    public SetVersionStatus Status { get; set; }

    public List<Clause> Clauses { get; set; } = [];

    public List<QuestionnaireSection> Sections { get; set; } = [];

    public DateTimeOffset DraftedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public IEnumerable<Question> Questions => Sections.SelectMany(s => s.Questions);
}

public sealed record Adoption(int SetVersion, string Rationale, string AdoptedBy, DateTimeOffset AdoptedAt);

/// <summary>A harmonised requirement set (global snapshot): its versions and which version each organisation adopted.</summary>
public sealed class RequirementSet
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Title { get; set; } = "";

    public List<RequirementSetVersion> Versions { get; set; } = [];

    /// <summary>Organisation number → its current adoption.</summary>
    public Dictionary<string, Adoption> Adoptions { get; set; } = [];

    public int? CurrentVersion => Versions.LastOrDefault(v => v.Status == SetVersionStatus.Published)?.SetVersion;

    public RequirementSetVersion? Find(int setVersion) => Versions.FirstOrDefault(v => v.SetVersion == setVersion);

    public static RequirementSet Create(RequirementSetVersionDrafted e)
    {
        var set = new RequirementSet { Id = e.RequirementSetId };
        set.Apply(e);
        return set;
    }

    public void Apply(RequirementSetVersionDrafted e)
    {
        Title = e.Title;
        Versions.Add(new RequirementSetVersion
        {
            SetVersion = e.SetVersion, Status = SetVersionStatus.Draft, Clauses = [.. e.Clauses], Sections = [.. e.Sections], DraftedAt = e.DraftedAt,
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
        published.PublishedAt = e.PublishedAt;
    }

    public void Apply(RequirementSetVersionAdopted e) =>
        Adoptions[e.AdoptedByOrg] = new Adoption(e.SetVersion, e.Rationale, e.AdoptedBy, e.AdoptedAt);
}
