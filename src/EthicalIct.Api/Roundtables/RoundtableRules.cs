using EthicalIct.Api.Evidence;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Roundtables;

public sealed record RoundtableResponse(Guid RoundtableId, long Version);

public sealed record FollowUpResponse(Guid FollowUpItemId, long Version);

/// <summary>The files a command cites that the caller's organisation has uploaded.</summary>
public sealed record UploadedFiles(IReadOnlySet<string> Hashes);

public static class RoundtableRules
{
    public static ProblemDetails? MustBeScheduled(Roundtable roundtable) =>
        roundtable.Status == RoundtableStatus.Scheduled
            ? null
            : Problems.Conflict($"The roundtable is {roundtable.Status.ToString().ToLowerInvariant()}.",
                new Dictionary<string, object?> { ["field"] = "roundtableId", ["roundtableStatus"] = roundtable.Status });

    public static ProblemDetails? MustNotBeCancelled(RoundtableStatus status) =>
        status == RoundtableStatus.Cancelled
            ? Problems.Conflict("The roundtable is cancelled.",
                new Dictionary<string, object?> { ["field"] = "roundtableId", ["roundtableStatus"] = status })
            : null;

    public static ProblemDetails? MustBeOpen(FollowUpItem item) =>
        item.Status == FollowUpStatus.Closed
            ? Problems.Conflict("The follow-up item is closed.", new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = "closed" })
            : null;

    /// <summary>A required list of short texts (agenda items, take-aways): 1 to 100, none blank or over 2,000 characters.</summary>
    public static IEnumerable<FieldError> Lines(IReadOnlyList<string> lines, string field, string reason)
    {
        if (lines.Count is 0 or > 100 || lines.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > 2000))
        {
            yield return new FieldError(field, reason);
        }
    }

    /// <summary>Each cited file must have been uploaded by the caller's organisation.</summary>
    public static IEnumerable<FieldError> Evidence(IReadOnlyList<EvidenceRef>? evidence, UploadedFiles uploaded, string field = "evidence")
    {
        var list = evidence ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            foreach (var e in Rules.Text(list[i].Title, $"{field}[{i}].title", "give the evidence a title", 300))
            {
                yield return e;
            }

            if (!uploaded.Hashes.Contains(list[i].Sha256 ?? ""))
            {
                yield return new FieldError($"{field}[{i}].sha256", "no file with this hash was uploaded by your organisation");
            }
        }
    }

    public static async Task<UploadedFiles> UploadedAsync(IQuerySession session, IReadOnlyList<EvidenceRef>? evidence, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in (evidence ?? []).Take(50))
        {
            if (await EvidenceFiles.FindAsync(session, e.Sha256, ct) is not null)
            {
                found.Add(e.Sha256);
            }
        }

        return new UploadedFiles(found);
    }
}
