using EthicalIct.Api.Audit;
using Shouldly;

namespace EthicalIct.Tests.Audit;

/// <summary>EventModel.md AUD5.x: the Merkle tree of RFC 9162 with the test vectors of Certificate Transparency.</summary>
public class MerkleTreeTests
{
    /// <summary>The eight leaves and the roots of their prefixes from the Certificate Transparency reference tests.</summary>
    private static readonly byte[][] Entries = [.. new[] { "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f" }
        .Select(Convert.FromHexString)];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static List<byte[]> Leaves(int n) => [.. Entries.Take(n).Select(MerkleTree.LeafHash)];

    [Fact]
    public void AUD5_1_the_roots_are_those_of_certificate_transparency()
    {
        for (var n = 1; n <= 8; n++)
        {
            Convert.ToHexStringLower(MerkleTree.Root(Leaves(n))).ShouldBe(Roots[n - 1], $"tree size {n}");
        }

        Convert.ToHexStringLower(MerkleTree.Root([])).ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void AUD5_2_every_leaf_has_an_inclusion_proof_that_verifies_and_a_wrong_leaf_index_or_root_does_not()
    {
        for (var n = 1; n <= 8; n++)
        {
            var leaves = Leaves(n);
            var root = MerkleTree.Root(leaves);
            for (var m = 0; m < n; m++)
            {
                var proof = MerkleTree.InclusionProof(leaves, m);
                MerkleTree.VerifyInclusion(leaves[m], m, n, proof, root).ShouldBeTrue($"leaf {m} of {n}");
                MerkleTree.VerifyInclusion(MerkleTree.LeafHash([0xff]), m, n, proof, root).ShouldBeFalse();
                MerkleTree.VerifyInclusion(leaves[m], m, n, proof, Convert.FromHexString(Roots[n == 8 ? 6 : n])).ShouldBeFalse("another tree's root");
                if (n > 1)
                {
                    MerkleTree.VerifyInclusion(leaves[m], (m + 1) % n, n, proof, root).ShouldBeFalse();
                }
            }
        }
    }

    [Fact]
    public void AUD5_3_every_earlier_tree_is_proved_a_prefix_of_every_later_one_and_a_rewritten_history_is_not()
    {
        for (var n = 1; n <= 8; n++)
        {
            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(Leaves(n), m);
                MerkleTree.VerifyConsistency(m, n, MerkleTree.Root(Leaves(m)), MerkleTree.Root(Leaves(n)), proof).ShouldBeTrue($"{m} → {n}");
            }
        }

        // The operator rewrites leaf 2 and rebuilds: the new tree is not consistent with the root a party kept at size 4.
        var kept = MerkleTree.Root(Leaves(4));
        var rewritten = Leaves(8);
        rewritten[2] = MerkleTree.LeafHash([0x42]);
        var forged = MerkleTree.ConsistencyProof(rewritten, 4);
        MerkleTree.VerifyConsistency(4, 8, kept, MerkleTree.Root(rewritten), forged).ShouldBeFalse();
        MerkleTree.VerifyConsistency(3, 8, MerkleTree.Root(Leaves(3)), MerkleTree.Root(rewritten), MerkleTree.ConsistencyProof(rewritten, 3)).ShouldBeFalse();
    }
}

/// <summary>EventModel.md AUD5.4–5.5: the frontier kept by the handler and the signed checkpoint.</summary>
public class CheckpointTests
{
    [Fact]
    public void AUD5_4_the_frontier_gives_the_same_root_as_the_whole_tree_at_every_size_and_survives_a_round_trip()
    {
        var leaves = Enumerable.Range(0, 70).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        var frontier = new MerkleFrontier();
        for (var n = 1; n <= leaves.Count; n++)
        {
            frontier.Append(leaves[n - 1]);
            Convert.ToHexStringLower(frontier.Root()).ShouldBe(Convert.ToHexStringLower(MerkleTree.Root(leaves.Take(n).ToList())), $"size {n}");
            var restored = MerkleFrontier.From(frontier.Size, frontier.Peaks.Select(p => p.Hash));
            restored.Root().ShouldBe(frontier.Root());
        }
    }

    [Fact]
    public void AUD5_6_a_consistency_proof_from_the_older_trees_peaks_and_the_newer_leaves_equals_the_proof_from_all_leaves()
    {
        var leaves = Enumerable.Range(0, 70).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        var frontier = new MerkleFrontier();
        for (var m = 1; m < leaves.Count; m++)
        {
            frontier.Append(leaves[m - 1]);
            for (var n = m + 1; n <= leaves.Count; n++)
            {
                var fromPeaks = MerkleTree.ConsistencyProof(frontier.Peaks, leaves.Skip(m).Take(n - m).ToList());
                fromPeaks.Select(Convert.ToHexStringLower).ShouldBe(MerkleTree.ConsistencyProof(leaves.Take(n).ToList(), m).Select(Convert.ToHexStringLower), $"{m} → {n}");
                MerkleTree.VerifyConsistency(m, n, frontier.Root(), MerkleTree.Root(leaves.Take(n).ToList()), fromPeaks).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void AUD5_5_a_checkpoint_verifies_with_the_public_key_and_not_after_any_field_changed_or_with_another_key()
    {
        using var signer = new CheckpointSigner(new byte[32]);
        using var other = new CheckpointSigner(Enumerable.Repeat((byte)7, 32).ToArray());
        var checkpoint = signer.Sign(4, 17, new byte[32], Enumerable.Repeat((byte)1, 32).ToArray(), new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        checkpoint.SignedText.ShouldBe("ethicalict-checkpoint-v1\n4\n17\n" + new string('0', 64) + "\n" + string.Concat(Enumerable.Repeat("01", 32)) + "\n2026-11-25T10:00:00.000000Z\n");
        CheckpointSigner.Verify(checkpoint, signer.PublicKey).ShouldBeTrue();
        CheckpointSigner.Verify(checkpoint, other.PublicKey).ShouldBeFalse();
        CheckpointSigner.Verify(checkpoint with { TreeSize = 5 }, signer.PublicKey).ShouldBeFalse();
        CheckpointSigner.Verify(checkpoint with { Position = 18 }, signer.PublicKey).ShouldBeFalse();
        CheckpointSigner.Verify(checkpoint with { ChainHead = new string('2', 64) }, signer.PublicKey).ShouldBeFalse();
        CheckpointSigner.Verify(checkpoint with { At = checkpoint.At.AddSeconds(1) }, signer.PublicKey).ShouldBeFalse();
        CheckpointSigner.Verify(checkpoint with { Signature = "not base64!" }, signer.PublicKey).ShouldBeFalse();
        // RFC 8032 §7.1, test 1: the seed's public key.
        using var rfc = new CheckpointSigner(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        Convert.ToHexStringLower(rfc.PublicKey).ShouldBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }
}

/// <summary>EventModel.md AUD7: witnessing a checkpoint.</summary>
public class WitnessTests
{
    private static readonly Checkpoint Checkpoint = new(4, 17, new string('a', 64), new string('b', 64), Given.Now, "k", "s");

    [Fact]
    public void AUD7_1_a_coordinator_witnesses_the_root_and_chain_head_it_checked_and_nothing_else()
    {
        WitnessCheckpointEndpoint.Validate(new WitnessCheckpoint(new string('A', 64), new string('b', 64)), Checkpoint, 4).ShouldPass();
        var e = WitnessCheckpointEndpoint.Decide(new WitnessCheckpoint(new string('a', 64), new string('b', 64)), Checkpoint, Guid.Empty, Given.DfoCoordinator, Given.Now);
        (e.TreeSize, e.MerkleRoot, e.By.Org).ShouldBe((4L, new string('a', 64), "986252932"));
        WitnessCheckpointEndpoint.Validate(new WitnessCheckpoint(new string('c', 64), new string('b', 64)), Checkpoint, 4).ShouldFail(409);
        WitnessCheckpointEndpoint.Validate(new WitnessCheckpoint("xyz", ""), Checkpoint, 4).ShouldFail(400).Fields().ShouldBe(["merkleRoot", "chainHead"]);
        WitnessCheckpointEndpoint.Validate(new WitnessCheckpoint(new string('a', 64), new string('b', 64)), null, 5).ShouldFail(404);
    }
}
