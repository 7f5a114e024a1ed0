using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency for commands on an existing stream: the caller states the version it read, as the body
/// field <c>expectedVersion</c> or an <c>If-Match: "N"</c> header (the ETag of the GET). A stale version is a 409
/// that carries the current version; a missing one a 428.
/// </summary>
public static class ExpectedVersion
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static ProblemDetails? Check(long? bodyVersion, string? ifMatch, long currentVersion)
    {
        long? headerVersion = null;
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            var raw = ifMatch.Trim();
            if (raw.StartsWith("W/", StringComparison.Ordinal))
            {
                raw = raw[2..];
            }

            if (!long.TryParse(raw.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Problems.Invalid("If-Match", "must be the ETag of the resource, a quoted version such as \"3\"");
            }

            headerVersion = parsed;
        }

        if (bodyVersion is not null && headerVersion is not null && bodyVersion != headerVersion)
        {
            return Problems.Invalid("expectedVersion", $"the body says {bodyVersion} but If-Match says {headerVersion}");
        }

        var expected = bodyVersion ?? headerVersion;
        if (expected is null)
        {
            return Problems.VersionRequired(currentVersion);
        }

        if (expected < 1)
        {
            return Problems.Invalid("expectedVersion", "must be 1 or more");
        }

        return expected == currentVersion ? null : Problems.StaleVersion(expected.Value, currentVersion);
    }
}
