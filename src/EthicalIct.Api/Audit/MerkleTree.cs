using System.Security.Cryptography;

namespace EthicalIct.Api.Audit;

/// <summary>
/// The Merkle tree of Certificate Transparency (RFC 9162 §2.1) over the chain's event hashes: leaf = SHA-256(0x00 ‖
/// entry), node = SHA-256(0x01 ‖ left ‖ right), the root of n leaves splits at the largest power of two below n.
/// Inclusion proofs (§2.1.3) and consistency proofs (§2.1.4) with their verification algorithms. Pure functions.
/// </summary>
public static class MerkleTree
{
    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    /// <summary>MTH over leaf hashes (already <see cref="LeafHash"/>ed).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => leaves.Count == 0 ? EmptyRoot : Root(leaves, 0, leaves.Count);

    private static byte[] Root(IReadOnlyList<byte[]> leaves, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return leaves[start];
        }

        var k = Split(n);
        return NodeHash(Root(leaves, start, start + k), Root(leaves, start + k, end));
    }

    /// <summary>The largest power of two smaller than n (n ≥ 2).</summary>
    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    /// <summary>PATH(m, D[n]): the audit path of leaf m.</summary>
    public static List<byte[]> InclusionProof(IReadOnlyList<byte[]> leaves, int m) => Path(leaves, m, 0, leaves.Count);

    private static List<byte[]> Path(IReadOnlyList<byte[]> leaves, int m, int start, int end)
    {
        var n = end - start;
        if (n <= 1)
        {
            return [];
        }

        var k = Split(n);
        if (m < k)
        {
            var path = Path(leaves, m, start, start + k);
            path.Add(Root(leaves, start + k, end));
            return path;
        }

        var right = Path(leaves, m - k, start + k, end);
        right.Add(Root(leaves, start, start + k));
        return right;
    }

    /// <summary>RFC 9162 §2.1.3.2.</summary>
    public static bool VerifyInclusion(byte[] leafHash, long index, long treeSize, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (index < 0 || index >= treeSize)
        {
            return false;
        }

        long fn = index, sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>PROOF(m, D[n]): that the tree of the first m leaves is a prefix of the tree of all n.</summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<byte[]> leaves, int m) =>
        m <= 0 || m >= leaves.Count ? [] : SubProof(leaves, m, 0, leaves.Count, true);

    private static List<byte[]> SubProof(IReadOnlyList<byte[]> leaves, int m, int start, int end, bool whole)
    {
        var n = end - start;
        if (m == n)
        {
            return whole ? [] : [Root(leaves, start, end)];
        }

        var k = Split(n);
        if (m <= k)
        {
            var proof = SubProof(leaves, m, start, start + k, whole);
            proof.Add(Root(leaves, start + k, end));
            return proof;
        }

        var right = SubProof(leaves, m - k, start + k, end, false);
        right.Add(Root(leaves, start, start + k));
        return right;
    }

    /// <summary>
    /// PROOF(m, D[n]) from what the log keeps without reading all leaves: the frontier's peaks at size m and the leaf
    /// hashes m..n−1. The proof's nodes are only ever peaks of the older tree or subtrees of the newer leaves, so this
    /// equals <see cref="ConsistencyProof(IReadOnlyList{byte[]}, int)"/> (tested against it for every m &lt; n ≤ 70).
    /// </summary>
    public static List<byte[]> ConsistencyProof(IReadOnlyList<(long Size, byte[] Hash)> peaksAtM, IReadOnlyList<byte[]> newLeaves)
    {
        var m = peaksAtM.Sum(p => p.Size);
        var n = m + newLeaves.Count;
        if (m <= 0 || newLeaves.Count == 0)
        {
            return [];
        }

        var offsets = new Dictionary<(long Start, long End), byte[]>();
        var at = 0L;
        foreach (var (size, hash) in peaksAtM)
        {
            offsets[(at, at + size)] = hash;
            at += size;
        }

        byte[] RootOf(long start, long end) =>
            end <= m ? offsets.TryGetValue((start, end), out var peak) ? peak : throw new InvalidOperationException($"no peak covers [{start}, {end}) of a tree of {m}")
            : start >= m ? Root(newLeaves, (int)(start - m), (int)(end - m))
            : throw new InvalidOperationException($"[{start}, {end}) straddles the old size {m}");

        return SubProof(m, 0, n, true, RootOf);
    }

    private static List<byte[]> SubProof(long m, long start, long end, bool whole, Func<long, long, byte[]> rootOf)
    {
        var n = end - start;
        if (m == n)
        {
            return whole ? [] : [rootOf(start, end)];
        }

        var k = (long)Split((int)n);
        if (m <= k)
        {
            var proof = SubProof(m, start, start + k, whole, rootOf);
            proof.Add(rootOf(start + k, end));
            return proof;
        }

        var right = SubProof(m - k, start + k, end, false, rootOf);
        right.Add(rootOf(start, start + k));
        return right;
    }

    /// <summary>RFC 9162 §2.1.4.2.</summary>
    public static bool VerifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 1 || first > second)
        {
            return false;
        }

        if (first == second)
        {
            return proof.Count == 0 && firstRoot.AsSpan().SequenceEqual(secondRoot);
        }

        var path = new List<byte[]>(proof);
        if ((first & (first - 1)) == 0)
        {
            path.Insert(0, firstRoot);
        }

        if (path.Count == 0)
        {
            return false;
        }

        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        byte[] fr = path[0], sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                sr = NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
