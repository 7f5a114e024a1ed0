using EthicalIct.Api.Evidence;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Roundtables;

public sealed record RoundtableResponse(Guid RoundtableId, long Version);

public sealed record FollowUpResponse(Guid FollowUpItemId, long Version);

public static class RoundtableRules
{
    public static ProblemDetails? MustBeScheduled(Roundtable roundtable) =>
        roundtable.Status == RoundtableStatus.Scheduled
            ? null
            : Problems.Conflict($"The roundtable is {roundtable.Status.ToString().ToLowerInvariant()}.", new Dictionary<string, object?> { ["field"] = "roundtableId", ["roundtableStatus"] = roundtable.Status });

    public static ProblemDetails? MustBeOpen(FollowUpItem item) =>
        item.Status == FollowUpStatus.Closed
            ? Problems.Conflict("The follow-up item is closed.", new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = "closed" })
            : null;

    /// <summary>Each cited file must have been uploaded by the caller's organisation.</summary>
    public static IEnumerable<FieldError> Evidence(IReadOnlyList<EvidenceRef>? evidence, IReadOnlySet<string> uploaded, string field = "evidence")
    {
        var list = evidence ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(list[i].Title))
            {
                yield return new FieldError($"{field}[{i}].title", "give the evidence a title");
            }

            if (!uploaded.Contains(list[i].Sha256 ?? ""))
            {
                yield return new FieldError($"{field}[{i}].sha256", "no file with this hash was uploaded by your organisation");
            }
        }
    }

    public static async Task<IReadOnlySet<string>> UploadedAsync(IQuerySession session, IReadOnlyList<EvidenceRef>? evidence, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in evidence ?? [])
        {
            if (e.Sha256 is { Length: 64 } && await EvidenceFiles.FindAsync(session, e.Sha256, ct) is not null)
            {
                found.Add(e.Sha256);
            }
        }

        return found;
    }
}
