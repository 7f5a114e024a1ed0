using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Ids of the things a decision creates inside a stream (a risk, a finding, a site), derived from the stream, the
/// version the decision is made on and an ordinal, so that a decision stays a pure function of its inputs. They
/// have the UUIDv7 layout (time of <c>at</c> in the first 48 bits), so they sort by time like the stream ids.
/// </summary>
public static class Ids
{
    public static Guid For(Guid stream, long version, int ordinal, DateTimeOffset at)
    {
        Span<byte> input = stackalloc byte[16 + 8 + 4];
        stream.TryWriteBytes(input[..16], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(input[16..24], version);
        BinaryPrimitives.WriteInt32BigEndian(input[24..], ordinal);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);

        Span<byte> bytes = stackalloc byte[16];
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        hash[..10].CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
