using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EthicalIct.Api.Audit;

/// <summary>One stored event as the chain sees it: the columns of <c>mt_events</c> it covers, the data as PostgreSQL renders the jsonb.</summary>
public sealed record StoredEvent(long Position, Guid StreamId, long Version, string Type, DateTimeOffset Timestamp, string Organisation, string Person, string Data);

/// <summary>
/// The canonical form of an event and the chain over it (EventModel.md, "Audit trail and hash chain"). The canonical
/// bytes are the fields below, in this order, each as a 4-byte big-endian length followed by its UTF-8 bytes:
/// the format tag <c>ethicalict-event-v1</c>; the position (decimal); the stream id (lower-case, hyphenated); the
/// stream version (decimal); the event type (Marten's alias, e.g. <c>risk_identified</c>); the timestamp (UTC,
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>); the organisation (the tenant, or for a shared stream the acting organisation);
/// the person (the actor's subject, empty if none); the data (PostgreSQL's text of the stored jsonb, which is
/// deterministic for a jsonb value). Event hash = SHA-256(canonical); chain h(n) = SHA-256(h(n−1) ‖ canonical(n)),
/// h(0) = 32 zero bytes.
/// </summary>
public static class Canonical
{
    public const string Format = "ethicalict-event-v1";

    public static readonly byte[] Genesis = new byte[32];

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Bytes(StoredEvent e)
    {
        string[] fields =
        [
            Format, e.Position.ToString(CultureInfo.InvariantCulture), e.StreamId.ToString("D"), e.Version.ToString(CultureInfo.InvariantCulture), e.Type,
            Timestamp(e.Timestamp), e.Organisation, e.Person, e.Data,
        ];
        var encoded = fields.Select(Encoding.UTF8.GetBytes).ToArray();
        var bytes = new byte[encoded.Sum(f => 4 + f.Length)];
        var at = 0;
        foreach (var f in encoded)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), f.Length);
            f.CopyTo(bytes, at + 4);
            at += 4 + f.Length;
        }

        return bytes;
    }

    public static byte[] EventHash(byte[] canonical) => SHA256.HashData(canonical);

    public static byte[] Chain(byte[] previous, byte[] canonical)
    {
        var input = new byte[previous.Length + canonical.Length];
        previous.CopyTo(input, 0);
        canonical.CopyTo(input, previous.Length);
        return SHA256.HashData(input);
    }
}
