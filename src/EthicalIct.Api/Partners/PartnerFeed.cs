using System.Text;
using System.Text.Json;
using EthicalIct.Api.Audit;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace EthicalIct.Api.Partners;

/// <summary>What a subscriber asks for: event types (Marten's alias, e.g. <c>risk_identified</c>), stream types (e.g. <c>assessment</c>) and one supplier.</summary>
public sealed record FeedFilter(IReadOnlyList<string> Types, IReadOnlyList<string> StreamTypes, Guid? Supplier)
{
    public static readonly FeedFilter All = new([], [], null);

    /// <summary>The audit trail's checkpoints go with every unfiltered feed, and with one filtered by type when it names <c>audit_checkpoint</c>.</summary>
    public bool WantsCheckpoints => StreamTypes.Count == 0 && Supplier is null && (Types.Count == 0 || Types.Contains(CloudEventFormat.CheckpointType));

    /// <summary>The filter from query values (comma-separated lists), or the field errors.</summary>
    public static (FeedFilter Filter, List<FieldError> Errors) Parse(string? type, string? streamType, string? supplier)
    {
        var errors = new List<FieldError>();
        static string[] List(string? value) => value is null ? [] : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct()];
        var types = List(type).Select(t => t.StartsWith(CloudEventFormat.TypePrefix, StringComparison.Ordinal) ? t[CloudEventFormat.TypePrefix.Length..] : t).ToArray();
        var streamTypes = List(streamType);
        foreach (var (field, values) in new[] { ("type", types), ("streamType", streamTypes) })
        {
            if (values.Length > 50 || values.Any(v => v.Length > 100 || !v.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
            {
                errors.Add(new FieldError(field, "a comma-separated list of at most 50 names in lower case with underscores, e.g. risk_identified"));
            }
        }

        Guid? supplierId = null;
        if (supplier is not null)
        {
            if (Guid.TryParse(supplier, out var parsed))
            {
                supplierId = parsed;
            }
            else
            {
                errors.Add(new FieldError("supplier", "must be a supplier id (a UUID)"));
            }
        }

        return (new FeedFilter(types, streamTypes, supplierId), errors);
    }
}

/// <summary>One event as the partner channels deliver it: the audit entry's facts and the stored data.</summary>
public sealed record FeedItem(long Position, Guid StreamId, long Version, string StreamType, string Type, DateTimeOffset Time, string Organisation, string Person, string Name,
    string Role, string AccessClass, string? CorrelationId, string? CausationId, string EventHash, string Data);

/// <summary>
/// A page: the visible events after the cursor, the signed checkpoints of the audit trail at positions up to the next
/// cursor (public: everyone receives them), and the cursor after them (the chain's head when the page is not full).
/// </summary>
public sealed record FeedPage(IReadOnlyList<FeedItem> Items, long Next, IReadOnlyList<AuditTable.DeliveredCheckpoint>? Checkpoints = null)
{
    /// <summary>Events and checkpoints in delivery order: by position, a checkpoint right after the event it ends with.</summary>
    public IEnumerable<object> Ordered()
    {
        var checkpoints = Checkpoints ?? [];
        var c = 0;
        foreach (var item in Items)
        {
            while (c < checkpoints.Count && checkpoints[c].Checkpoint.Position < item.Position)
            {
                yield return checkpoints[c++];
            }

            yield return item;
        }

        while (c < checkpoints.Count)
        {
            yield return checkpoints[c++];
        }
    }
}

/// <summary>
/// The partner feed's one read (the feed, the live stream and the webhooks all use it): events in the audit trail's
/// order after a global position — the trail is written in strict order with no gap (ADR 0015), so a cursor never
/// skips an event that commits late — limited to what the caller may see: an observer only public-class events,
/// anyone else its own organisation's events and those of a shared or public class, as the audit trail shows them.
/// </summary>
public static class PartnerFeed
{
    public const int MaxLimit = 1000;

    public static async Task<FeedPage> ReadAsync(NpgsqlConnection connection, string schema, string orgNumber, bool observer, long after, int limit, FeedFilter filter,
        CancellationToken ct)
    {
        long head;
        await using (var cmd = new NpgsqlCommand($"select coalesce(max(position), 0) from {schema}.{AuditTable.Name}", connection))
        {
            head = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        if (head <= after)
        {
            return new FeedPage([], after, []);
        }

        var sql = new StringBuilder(
            $"select a.position, a.stream_id, a.version, coalesce(s.type, ''), a.type, a.recorded_at, a.organisation, a.person, a.name, a.role, a.access_class, " +
            $"a.correlation_id, a.causation_id, encode(a.event_hash, 'hex'), e.data::text from {schema}.{AuditTable.Name} a " +
            $"join {schema}.mt_events e on e.seq_id = a.position left join {schema}.mt_streams s on s.id = a.stream_id and s.tenant_id = e.tenant_id " +
            "where a.position > @after and a.position <= @head");
        sql.Append(observer ? " and a.access_class = 'public'" : " and (a.organisation = @org or a.access_class <> 'private')");
        // A withdrawn disclosure's copy is no longer shown to later reads (it was delivered while it stood; the withdrawal follows it).
        sql.Append($" and (a.organisation = @org or coalesce(s.type, '') <> 'disclosure' or a.type = 'disclosure_withdrawn' or not exists " +
                   $"(select 1 from {schema}.{AuditTable.Name} w where w.stream_id = a.stream_id and w.type = 'disclosure_withdrawn'))");
        if (filter.Types.Count > 0)
        {
            sql.Append(" and a.type = any(@types)");
        }

        if (filter.StreamTypes.Count > 0)
        {
            sql.Append(" and s.type = any(@streamTypes)");
        }

        if (filter.Supplier is not null)
        {
            sql.Append($" and a.stream_id in (select stream_id from {schema}.{AuditTable.SubjectName} where supplier_id = @supplier)");
        }

        sql.Append(" order by a.position limit @limit");
        await using var query = new NpgsqlCommand(sql.ToString(), connection);
        query.Parameters.AddWithValue("after", after);
        query.Parameters.AddWithValue("head", head);
        query.Parameters.AddWithValue("org", orgNumber);
        query.Parameters.Add(new NpgsqlParameter("types", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.Types.ToArray() });
        query.Parameters.Add(new NpgsqlParameter("streamTypes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.StreamTypes.ToArray() });
        query.Parameters.Add(new NpgsqlParameter("supplier", NpgsqlDbType.Uuid) { Value = (object?)filter.Supplier ?? DBNull.Value });
        query.Parameters.AddWithValue("limit", limit);
        var items = new List<FeedItem>();
        await using (var reader = await query.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(new FeedItem(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                    new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc)), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                    reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                    reader.GetString(13), reader.GetString(14)));
            }
        }

        var next = items.Count == limit ? items[^1].Position : head;
        return new FeedPage(items, next, filter.WantsCheckpoints ? await AuditTable.CheckpointsAtAsync(connection, schema, after, next, ct) : []);
    }

    public static Task<FeedPage> ReadAsync(NpgsqlConnection connection, string schema, Caller caller, long after, int limit, FeedFilter filter, CancellationToken ct) =>
        ReadAsync(connection, schema, caller.OrgNumber, caller.Role == Role.Observer, after, limit, filter, ct);
}

/// <summary>
/// CloudEvents 1.0 in JSON (EventModel.md, "Partner channels"): <c>id</c> = the global position, <c>source</c> =
/// <c>urn:ethicalict:events</c>, <c>type</c> = <c>no.ethicalict.&lt;event&gt;</c>, <c>subject</c> = <c>&lt;stream type&gt;/&lt;stream id&gt;</c>,
/// <c>time</c>, <c>datacontenttype</c> and the event's data as stored, with the extensions <c>position</c>,
/// <c>streamid</c>, <c>streamversion</c>, <c>streamtype</c>, <c>organisation</c>, <c>person</c>, <c>role</c>,
/// <c>accessclass</c>, <c>eventhash</c> and, when recorded, <c>correlationid</c> and <c>causationid</c>.
/// </summary>
public static class CloudEventFormat
{
    public const string Source = "urn:ethicalict:events";
    public const string TypePrefix = "no.ethicalict.";
    public const string BatchMediaType = "application/cloudevents-batch+json";
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The type name of a signed checkpoint (<c>no.ethicalict.audit_checkpoint</c>).</summary>
    public const string CheckpointType = "audit_checkpoint";

    /// <summary>
    /// A signed checkpoint of the audit trail: <c>id</c> = <c>checkpoint-&lt;tree size&gt;</c>, <c>subject</c> =
    /// <c>audit/checkpoints/&lt;tree size&gt;</c>, <c>position</c> = the position of the last event it covers; data: the
    /// checkpoint as signed, and the consistency proof (hex) from the previous checkpoint's tree size.
    /// </summary>
    public static void Write(Utf8JsonWriter w, AuditTable.DeliveredCheckpoint d)
    {
        var c = d.Checkpoint;
        w.WriteStartObject();
        w.WriteString("specversion", "1.0");
        w.WriteString("id", $"checkpoint-{c.TreeSize}");
        w.WriteString("source", Source);
        w.WriteString("type", TypePrefix + CheckpointType);
        w.WriteString("subject", $"audit/checkpoints/{c.TreeSize}");
        w.WriteString("time", c.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("datacontenttype", "application/json");
        w.WriteNumber("position", c.Position);
        w.WriteString("accessclass", "public");
        w.WritePropertyName("data");
        w.WriteStartObject();
        w.WriteNumber("treeSize", c.TreeSize);
        w.WriteNumber("position", c.Position);
        w.WriteString("merkleRoot", c.MerkleRoot);
        w.WriteString("chainHead", c.ChainHead);
        w.WriteString("at", c.At);
        w.WriteString("keyId", c.KeyId);
        w.WriteString("signature", c.Signature);
        if (d.PreviousTreeSize is { } previous)
        {
            w.WriteNumber("previousTreeSize", previous);
        }
        else
        {
            w.WriteNull("previousTreeSize");
        }

        w.WriteStartArray("consistencyProof");
        foreach (var node in d.ConsistencyProof)
        {
            w.WriteStringValue(node);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>An event or a checkpoint.</summary>
    public static void WriteAny(Utf8JsonWriter w, object item)
    {
        switch (item)
        {
            case FeedItem e:
                Write(w, e);
                break;
            case AuditTable.DeliveredCheckpoint c:
                Write(w, c);
                break;
            default:
                throw new ArgumentException($"not a feed item: {item.GetType().Name}", nameof(item));
        }
    }

    public static void Write(Utf8JsonWriter w, FeedItem e)
    {
        w.WriteStartObject();
        w.WriteString("specversion", "1.0");
        w.WriteString("id", e.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("source", Source);
        w.WriteString("type", TypePrefix + e.Type);
        w.WriteString("subject", $"{(e.StreamType.Length == 0 ? "stream" : e.StreamType)}/{e.StreamId}");
        w.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("datacontenttype", "application/json");
        w.WriteNumber("position", e.Position);
        w.WriteString("streamid", e.StreamId.ToString());
        w.WriteNumber("streamversion", e.Version);
        w.WriteString("streamtype", e.StreamType);
        w.WriteString("organisation", e.Organisation);
        w.WriteString("person", e.Name.Length > 0 ? e.Name : e.Person);
        w.WriteString("role", e.Role);
        w.WriteString("accessclass", e.AccessClass);
        w.WriteString("eventhash", e.EventHash);
        if (e.CorrelationId is { Length: > 0 } correlation)
        {
            w.WriteString("correlationid", correlation);
        }

        if (e.CausationId is { Length: > 0 } causation)
        {
            w.WriteString("causationid", causation);
        }

        w.WritePropertyName("data");
        w.WriteRawValue(e.Data, skipInputValidation: true);
        w.WriteEndObject();
    }

    /// <summary>One event or checkpoint as a structured-mode CloudEvent (UTF-8 JSON, one line).</summary>
    public static byte[] Single(object item)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            WriteAny(w, item);
        }

        return buffer.ToArray();
    }

    /// <summary>Events and checkpoints in the JSON batch format (a JSON array of CloudEvents).</summary>
    public static byte[] Batch(IEnumerable<object> items)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var e in items)
            {
                WriteAny(w, e);
            }

            w.WriteEndArray();
        }

        return buffer.ToArray();
    }
}
