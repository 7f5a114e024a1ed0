using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Optimistic concurrency for commands on an existing stream (docs/adr/0005): the caller states the version it
/// read, as the body field <c>expectedVersion</c> or an <c>If-Match: "N"</c> header (the strong ETag of the GET).
/// Missing: 428. Stale: 409 with <c>currentVersion</c>. Malformed, weak (<c>W/"N"</c>, which RFC 9110 does not allow
/// for <c>If-Match</c>), a list or <c>*</c>, or body and header disagreeing: 400. Applied to every command on an
/// existing stream by <see cref="Http.CommandConventions"/>; a race lost between this check and the commit is
/// answered the same way by <see cref="ErrorHandling"/>.
/// </summary>
public static class ExpectedVersion
{
    public const string Field = "expectedVersion";
    public const string IfMatch = "If-Match";

    /// <summary>Where the check leaves the version the caller sent, for a conflict found at commit.</summary>
    public const string ItemKey = "ethicalict.expectedVersion";

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Where the check leaves the id of the stream the command appends to (Npgsql redacts it from a conflict).</summary>
    public const string StreamKey = "ethicalict.streamId";

    public static ProblemDetails? Check(HttpContext context, Guid streamId, long? bodyVersion, long currentVersion)
    {
        context.Items[StreamKey] = streamId;
        var problem = Check(bodyVersion, context.Request.Headers.IfMatch.Count == 0 ? null : context.Request.Headers.IfMatch.ToString(), currentVersion, out var expected);
        if (expected is not null)
        {
            context.Items[ItemKey] = expected;
        }

        return problem;
    }

    public static ProblemDetails? Evaluate(long? bodyVersion, string? ifMatch, long currentVersion) => Check(bodyVersion, ifMatch, currentVersion, out _);

    private static ProblemDetails? Check(long? bodyVersion, string? ifMatch, long currentVersion, out long? expected)
    {
        expected = null;
        long? headerVersion = null;
        if (ifMatch is not null)
        {
            var raw = ifMatch.Trim();
            if (raw.StartsWith("W/", StringComparison.Ordinal))
            {
                return Problems.Invalid(IfMatch, "must be a strong validator such as \"3\": RFC 9110 does not allow weak ETags in If-Match");
            }

            if (raw.Length < 3 || raw[0] != '"' || raw[^1] != '"'
                || !long.TryParse(raw.AsSpan(1, raw.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Problems.Invalid(IfMatch, "must be one ETag of the resource, a quoted version such as \"3\"");
            }

            headerVersion = parsed;
        }

        if (bodyVersion is not null && headerVersion is not null && bodyVersion != headerVersion)
        {
            return Problems.Invalid(Field, $"the body says {bodyVersion} but If-Match says {headerVersion}");
        }

        expected = bodyVersion ?? headerVersion;
        if (expected is null)
        {
            return Problems.VersionRequired(currentVersion);
        }

        if (expected < 1)
        {
            return Problems.Invalid(Field, "must be 1 or more");
        }

        return expected == currentVersion ? null : Problems.StaleVersion(expected.Value, currentVersion);
    }
}
