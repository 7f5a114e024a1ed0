using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>A case read's point in time: the latest state, the state as of a moment, or the state at a stream version.</summary>
public readonly record struct PointInTime(DateTimeOffset? AsOf, long? Version)
{
    public bool Latest => AsOf is null && Version is null;
}

/// <summary>
/// "As of" for every case read (<c>?asOf=</c> an RFC 3339 timestamp, or <c>?version=</c> a stream version): the case is
/// folded from its events up to that point (Marten's live aggregation, from the newest <see cref="CaseSnapshots">snapshot</see>
/// at or before the point); the answer says which version it shows
/// (<c>ETag</c>) and when that version was recorded (<c>Memento-Datetime</c>, RFC 7089). A malformed or future
/// <c>asOf</c>, a version below 1, or both at once is a 400 naming the parameter, never ignored.
/// </summary>
public static class PointsInTime
{
    private static readonly string[] Rfc3339 =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd't'HH:mm:ssK", "yyyy-MM-dd't'HH:mm:ss.FFFFFFFK",
    ];

    public static ProblemDetails? Parse(string? asOf, long? version, DateTimeOffset now, out PointInTime point)
    {
        point = default;
        var errors = new List<FieldError>();
        DateTimeOffset? at = null;
        if (asOf is not null)
        {
            if (!DateTimeOffset.TryParseExact(asOf.ToUpperInvariant(), Rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !HasOffset(asOf))
            {
                errors.Add(new FieldError("asOf", "must be an RFC 3339 timestamp with its offset, e.g. 2026-11-30T12:00:00Z"));
            }
            else if (parsed > now)
            {
                errors.Add(new FieldError("asOf", "must not be in the future"));
            }
            else
            {
                at = parsed;
            }
        }

        if (version is < 1)
        {
            errors.Add(new FieldError("version", "must be 1 or more"));
        }

        if (asOf is not null && version is not null)
        {
            errors.Add(new FieldError("version", "give asOf or version, not both"));
        }

        point = new PointInTime(at, version);
        return Problems.Validation(errors);
    }

    private static bool HasOffset(string value) => value.EndsWith('Z') || value.EndsWith('z') || value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':';

    /// <summary>
    /// The case at the point: the latest document as stored, or folded from the stream up to the point (null if it did
    /// not exist then). A <paramref name="shared"/> stream (registry, dialogues, roundtables, requirement sets) belongs
    /// to no organisation, so it is folded through a session of the shared (default) tenant; the caller's access to it
    /// was checked on the latest document.
    /// </summary>
    public static async Task<T?> ReadAsync<T>(IQuerySession session, Guid id, PointInTime point, Func<Task<T?>> latest, Func<T, long> versionOf, CancellationToken ct,
        bool shared = false)
        where T : class
    {
        if (point.Latest)
        {
            return await latest();
        }

        T? folded;
        if (shared)
        {
            await using var global = session.DocumentStore.QuerySession(new Marten.Services.SessionOptions { TenantId = JasperFx.StorageConstants.DefaultTenantId, AllowAnyTenant = true });
            folded = await CaseSnapshots.FoldAsync<T>(global, id, point.Version, point.AsOf, ct);
        }
        else
        {
            folded = await CaseSnapshots.FoldAsync<T>(session, id, point.Version, point.AsOf, ct);
        }

        return folded is not null && point.Version is { } v && versionOf(folded) != v ? null : folded;
    }

    /// <summary>200 with the ETag of the version shown and, for a point in the past, the time that version was recorded; else 404.</summary>
    public static async Task<IResult> OkAsync<T>(IQuerySession session, Guid id, T? document, Func<T, long> version, PointInTime point, HttpResponse response,
        string notFound, CancellationToken ct)
        where T : class
    {
        if (document is null)
        {
            return Results.Problem(Problems.NotFound(point.Latest ? notFound
                : point.AsOf is { } at ? $"{notFound.TrimEnd('.')} as of {at:O}." : $"{notFound.TrimEnd('.')} at version {point.Version}."));
        }

        response.Headers.ETag = ExpectedVersion.ETag(version(document));
        if (!point.Latest && await RecordedAtAsync(session, id, version(document), ct) is { } recorded)
        {
            response.Headers["Memento-Datetime"] = recorded.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
        }

        return Results.Ok(document);
    }

    /// <summary>When a stream's version was recorded (stream ids are unique across organisations, see the foreign-stream guard).</summary>
    private static async Task<DateTimeOffset?> RecordedAtAsync(IQuerySession session, Guid id, long version, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select timestamp from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events where stream_id = @id and version = @v limit 1", session.Connection);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("v", version);
        return await cmd.ExecuteScalarAsync(ct) is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }
}
