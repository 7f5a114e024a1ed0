using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace EthicalIct.Api.Audit;

/// <summary>
/// The Merkle tree's right edge (its perfect subtrees, largest first), enough to append leaves and compute the root
/// of RFC 9162 without reading the leaves again.
/// </summary>
public sealed class MerkleFrontier
{
    public long Size { get; private set; }

    public List<(long Size, byte[] Hash)> Peaks { get; } = [];

    public static MerkleFrontier From(long size, IEnumerable<byte[]> peaks)
    {
        var frontier = new MerkleFrontier { Size = size };
        var remaining = size;
        foreach (var hash in peaks)
        {
            var peak = 1L << (int)(63 - long.LeadingZeroCount(remaining));
            frontier.Peaks.Add((peak, hash));
            remaining -= peak;
        }

        return remaining == 0 ? frontier : throw new InvalidOperationException($"The stored Merkle frontier does not add up to {size} leaves.");
    }

    public void Append(byte[] leafHash)
    {
        Peaks.Add((1, leafHash));
        Size++;
        while (Peaks.Count > 1 && Peaks[^1].Size == Peaks[^2].Size)
        {
            var right = Peaks[^1];
            var left = Peaks[^2];
            Peaks.RemoveRange(Peaks.Count - 2, 2);
            Peaks.Add((left.Size * 2, MerkleTree.NodeHash(left.Hash, right.Hash)));
        }
    }

    public byte[] Root()
    {
        if (Peaks.Count == 0)
        {
            return MerkleTree.EmptyRoot;
        }

        var root = Peaks[^1].Hash;
        for (var i = Peaks.Count - 2; i >= 0; i--)
        {
            root = MerkleTree.NodeHash(Peaks[i].Hash, root);
        }

        return root;
    }
}

/// <summary>A signed statement of the log at one size: its last position, Merkle root, chain head and time.</summary>
public sealed record Checkpoint(long TreeSize, long Position, string MerkleRoot, string ChainHead, DateTimeOffset At, string KeyId, string Signature)
{
    /// <summary>
    /// The signed text: <c>ethicalict-checkpoint-v1</c>, tree size, position, Merkle root (hex), chain head (hex) and
    /// time (UTC, microseconds), one per line, each line ending in a line feed.
    /// </summary>
    public static string Text(long treeSize, long position, string merkleRoot, string chainHead, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"ethicalict-checkpoint-v1\n{treeSize}\n{position}\n{merkleRoot}\n{chainHead}\n{Canonical.Timestamp(at)}\n");

    public string SignedText => Text(TreeSize, Position, MerkleRoot, ChainHead, At);
}

/// <summary>The service's Ed25519 checkpoint key (from <c>Audit:SigningKey</c>, base64 of the 32-byte seed).</summary>
public sealed class CheckpointSigner : IDisposable
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    public CheckpointSigner(byte[] seed)
    {
        _key = Key.Import(Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
        PublicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(PublicKey))[..16];
    }

    public byte[] PublicKey { get; }

    /// <summary>The first 16 hex digits of SHA-256 of the public key.</summary>
    public string KeyId { get; }

    public static byte[] NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public Checkpoint Sign(long treeSize, long position, byte[] root, byte[] chainHead, DateTimeOffset at)
    {
        var (r, h) = (Convert.ToHexStringLower(root), Convert.ToHexStringLower(chainHead));
        var signature = Ed25519.Sign(_key, Encoding.UTF8.GetBytes(Checkpoint.Text(treeSize, position, r, h, at)));
        return new Checkpoint(treeSize, position, r, h, at, KeyId, Convert.ToBase64String(signature));
    }

    /// <summary>Signs bytes (an evidence bundle) with the checkpoint key.</summary>
    public byte[] SignBytes(byte[] data) => Ed25519.Sign(_key, data);

    public static bool VerifyBytes(byte[] data, byte[] signature, byte[] publicKey)
    {
        try
        {
            return Ed25519.Verify(NSec.Cryptography.PublicKey.Import(Ed25519, publicKey, KeyBlobFormat.RawPublicKey), data, signature);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Whether the checkpoint's signature holds for a public key (raw 32 bytes).</summary>
    public static bool Verify(Checkpoint checkpoint, byte[] publicKey)
    {
        try
        {
            var key = NSec.Cryptography.PublicKey.Import(Ed25519, publicKey, KeyBlobFormat.RawPublicKey);
            return Ed25519.Verify(key, Encoding.UTF8.GetBytes(checkpoint.SignedText), Convert.FromBase64String(checkpoint.Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
