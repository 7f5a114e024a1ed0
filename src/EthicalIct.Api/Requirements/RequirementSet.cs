using EthicalIct.Api.Infrastructure;
using System.Text.Json.Serialization;

namespace EthicalIct.Api.Requirements;

public enum SetVersionStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("published")] Published,
    [JsonStringEnumMemberName("superseded")] Superseded,
}

/// <summary>
/// The write model of a requirement set (global inline snapshot): the status of each version and which version each
/// organisation adopted, all its decisions read. The view is <see cref="RequirementSetDetails"/>.
/// </summary>
public sealed class RequirementSet : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Set version → status.</summary>
    public Dictionary<int, SetVersionStatus> Versions { get; set; } = [];

    /// <summary>Organisation number → the version it adopted.</summary>
    public Dictionary<string, int> Adoptions { get; set; } = [];

    public int? CurrentVersion => Versions.Where(v => v.Value == SetVersionStatus.Published).Select(v => (int?)v.Key).Max();

    public SetVersionStatus? Status(int setVersion) => Versions.TryGetValue(setVersion, out var s) ? s : null;

    public static RequirementSet Create(RequirementSetVersionDrafted e) => new()
    {
        Id = e.RequirementSetId, Title = e.Title, Versions = new() { [e.SetVersion] = SetVersionStatus.Draft },
    };

    public void Apply(RequirementSetVersionDrafted e) => Versions[e.SetVersion] = SetVersionStatus.Draft;

    public void Apply(RequirementSetVersionPublished e)
    {
        if (e.SupersedesVersion is { } old)
        {
            Versions[old] = SetVersionStatus.Superseded;
        }

        Versions[e.SetVersion] = SetVersionStatus.Published;
    }

    public void Apply(RequirementSetVersionAdopted e) => Adoptions[e.By.Org] = e.SetVersion;
}
