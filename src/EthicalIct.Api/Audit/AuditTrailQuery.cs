using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

/// <summary>A page of the audit trail, oldest first; <see cref="Next"/> is the cursor of the next page (null when there is none yet).</summary>
public sealed record AuditTrailPage(IReadOnlyList<AuditEntry> Items, long? Next);

public static class AuditTrailQuery
{
    public const int MaxLimit = 500;

    /// <summary>
    /// The audit trail: every event the caller's organisation may see (its own, and those of a shared or public access
    /// class), in chain order, with who, when, what, the correlation and causation ids and both hashes. Filters:
    /// organisation, person (subject), stream, event type, time range; cursor paging by chain ordinal.
    /// </summary>
    [WolverineGet("/api/audit-trail"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<AuditTrailPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(ReadStore read, IDocumentStore store, Caller caller, DateTimeOffset now, CancellationToken ct,
        string? organisation = null, string? person = null, Guid? streamId = null, string? type = null, string? from = null, string? to = null, long after = 0,
        int limit = 100)
    {
        var errors = new List<FieldError>();
        DateTimeOffset? Time(string? value, string field)
        {
            if (value is null)
            {
                return null;
            }

            if (PointsInTime.Parse(value, null, DateTimeOffset.MaxValue, out var point) is not null)
            {
                errors.Add(new FieldError(field, "must be an RFC 3339 timestamp with its offset, e.g. 2026-11-30T12:00:00Z"));
            }

            return point.AsOf;
        }

        var fromTime = Time(from, "from");
        var toTime = Time(to, "to");
        errors.AddRange(Paging(after, limit));

        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var items = await ReadAsync(connection, store.Options.Events.DatabaseSchemaName,
            "where ordinal > @after and (organisation = @caller or access_class <> 'private') " +
            "and (@org::text is null or organisation = @org) and (@person::text is null or person = @person) and (@stream::uuid is null or stream_id = @stream) " +
            "and (@type::text is null or type = @type) and (@from::timestamptz is null or recorded_at >= @from) and (@to::timestamptz is null or recorded_at <= @to) " +
            "order by ordinal limit @limit",
            p =>
            {
                p.AddWithValue("after", after);
                p.AddWithValue("caller", caller.OrgNumber);
                p.Add(new NpgsqlParameter("org", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)organisation ?? DBNull.Value });
                p.Add(new NpgsqlParameter("person", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)person ?? DBNull.Value });
                p.Add(new NpgsqlParameter("stream", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)streamId ?? DBNull.Value });
                p.Add(new NpgsqlParameter("type", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)type ?? DBNull.Value });
                p.Add(new NpgsqlParameter("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)fromTime ?? DBNull.Value });
                p.Add(new NpgsqlParameter("to", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)toTime ?? DBNull.Value });
                p.AddWithValue("limit", limit);
            }, ct);
        return Results.Ok(new AuditTrailPage(items, items.Count == limit ? items[^1].Ordinal : null));
    }

    /// <summary>The cursor and page size every audit read takes: <c>after</c> 0 or an earlier cursor, <c>limit</c> 1..<see cref="MaxLimit"/>.</summary>
    public static IEnumerable<FieldError> Paging(long after, int limit)
    {
        if (after < 0)
        {
            yield return new FieldError("after", "must be 0 or a cursor from an earlier page");
        }

        if (limit is < 1 or > MaxLimit)
        {
            yield return new FieldError("limit", $"must be between 1 and {MaxLimit}");
        }
    }

    /// <summary>Audit entries by a condition (the SQL after <c>from audit_trail</c>), with its parameters.</summary>
    public static async Task<List<AuditEntry>> ReadAsync(NpgsqlConnection connection, string schema, string condition, Action<NpgsqlParameterCollection> parameters,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select ordinal, position, stream_id, version, type, recorded_at, organisation, person, name, role, access_class, summary, correlation_id, causation_id, " +
            $"encode(event_hash, 'hex'), encode(chain_hash, 'hex') from {schema}.{AuditTable.Name} {condition}", connection);
        parameters(cmd.Parameters);
        var items = new List<AuditEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new AuditEntry(reader.GetInt64(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.GetString(9), reader.GetString(10), reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.IsDBNull(13) ? null : reader.GetString(13), reader.GetString(14), reader.GetString(15)));
        }

        return items;
    }
}
