using System.Security.Cryptography;
using System.Text;
using EthicalIct.Api.Audit;
using Shouldly;

namespace EthicalIct.Tests.Audit;

/// <summary>EventModel.md AUD8.x: an evidence bundle verifies offline, and fails after any change.</summary>
public class BundleTests
{
    private static readonly Guid Stream = Guid.Parse("0197a000-0000-7000-8000-00000000a001");
    private static readonly Guid Other = Guid.Parse("0197a000-0000-7000-8000-00000000a002");
    private static readonly Guid Supplier = Guid.Parse("0197a000-0000-7000-8000-00000000b001");
    private static readonly byte[] File = Encoding.UTF8.GetBytes("audit report");
    private static readonly string Sha = Convert.ToHexStringLower(SHA256.HashData(File));

    /// <summary>
    /// A log of five entries: the case's versions 1–3 at ordinals 2, 3, 5 (version 2 withheld when asked), another case's
    /// versions 1–2 at ordinals 1 and 4 (in the bundle when it is the supplier's, unlisted when asked to smuggle it in).
    /// </summary>
    private static byte[] Bundle(CheckpointSigner signer, bool withhold = false, bool dropVersion3 = false, bool supplier = false, bool unlisted = false)
    {
        var log = Enumerable.Range(1, 5).Select(i => new StoredEvent(10 + i, i is 2 or 3 or 5 ? Stream : Other, i switch { 2 => 1, 3 => 2, 5 => 3, 4 => 2, _ => 1 },
            "evidence_registered", Given.Now.AddMinutes(i), "958935420", "kari@oslo", i == 5 ? $$"""{"sha256": "{{Sha}}"}""" : "{}")).ToList();
        var hashes = log.Select(e => Canonical.EventHash(Canonical.Bytes(e))).ToList();
        var leaves = hashes.Select(MerkleTree.LeafHash).ToList();
        var checkpoint = signer.Sign(5, 15, MerkleTree.Root(leaves), new byte[32], Given.Now.AddMinutes(5));
        IReadOnlyList<string> Proof(int ordinal) => [.. MerkleTree.InclusionProof(leaves, ordinal - 1).Select(Convert.ToHexStringLower)];
        var ordinals = (supplier || unlisted ? new[] { 1, 2, 3, 4, 5 } : [2, 3, 5]).Where(o => !(dropVersion3 && o == 5)).ToList();
        var included = ordinals.Where(o => !(withhold && o == 3)).Select(o =>
        {
            var e = log[o - 1];
            return new BundleEvent(o, e.Position, e.StreamId, e.Version, e.Type, e.Timestamp, e.Organisation, e.Person, e.Data, Convert.ToHexStringLower(hashes[o - 1]), Proof(o));
        }).ToList();
        List<WithheldEvent> withheld = withhold ? [new WithheldEvent(3, Stream, 2, Convert.ToHexStringLower(hashes[2]), Proof(3))] : [];
        var files = dropVersion3 ? new Dictionary<string, byte[]>() : new Dictionary<string, byte[]> { [Sha] = File };
        List<BundleStream> streams = supplier ? [new BundleStream(Stream, "assessment", 3), new BundleStream(Other, "supplier_dialogue", 2)] : [new BundleStream(Stream, "assessment", 3)];
        var manifest = new BundleManifest(Bundles.Format, supplier ? new BundleSubject("supplier", Supplier) : new BundleSubject("case", Stream), Given.Now.AddMinutes(6), streams,
            checkpoint, Convert.ToBase64String(signer.PublicKey), withheld, [.. files.Select(f => new BundleFile(f.Key, f.Value.LongLength))]);
        return Bundles.Write(manifest, included, files, signer);
    }

    [Fact]
    public void AUD8_1_a_bundle_verifies_offline_with_its_key_and_with_the_same_key_obtained_elsewhere_but_not_with_another()
    {
        using var signer = new CheckpointSigner(new byte[32]);
        using var other = new CheckpointSigner(Enumerable.Repeat((byte)9, 32).ToArray());
        var bundle = Bundle(signer);
        Bundles.Verify(bundle).ShouldBe((true, $"case {Stream}: 1 case, 3 events and 1 files verified against the checkpoint at tree size 5 (0 versions withheld)"));
        Bundles.Verify(bundle, Convert.ToBase64String(signer.PublicKey)).Holds.ShouldBeTrue();
        Bundles.Verify(bundle, Convert.ToBase64String(other.PublicKey)).Holds.ShouldBeFalse();
        Bundles.Verify(Bundle(signer, withhold: true)).Message.ShouldContain("1 versions withheld");
    }

    [Fact]
    public void AUD8_2_a_change_of_any_byte_of_the_bundle_is_found()
    {
        using var signer = new CheckpointSigner(new byte[32]);
        var bundle = Bundle(signer);
        for (var i = 0; i < bundle.Length; i++)
        {
            var changed = (byte[])bundle.Clone();
            changed[i] ^= 0x01;
            Bundles.Verify(changed).Holds.ShouldBeFalse($"byte {i} of {bundle.Length} changed: '{(char)bundle[i]}' in …{Encoding.UTF8.GetString(bundle[Math.Max(0, i - 40)..Math.Min(bundle.Length, i + 10)])}…");
        }

        Bundles.Verify(bundle[..^10]).Holds.ShouldBeFalse("cut short");
        Bundles.Verify([]).Holds.ShouldBeFalse();
    }

    [Fact]
    public void AUD8_3_a_bundle_that_leaves_out_a_version_it_claims_is_incomplete_even_when_signed()
    {
        using var signer = new CheckpointSigner(new byte[32]);
        Bundles.Verify(Bundle(signer, dropVersion3: true)).ShouldBe((false, $"version 3 of the case {Stream} is missing from the bundle"));
    }

    [Fact]
    public void AUD8_4_a_supplier_bundle_accounts_for_every_version_of_each_case_it_lists_and_holds_no_event_of_a_case_it_does_not()
    {
        using var signer = new CheckpointSigner(new byte[32]);
        Bundles.Verify(Bundle(signer, supplier: true))
            .ShouldBe((true, $"supplier {Supplier}: 2 cases, 5 events and 1 files verified against the checkpoint at tree size 5 (0 versions withheld)"));
        Bundles.Verify(Bundle(signer, supplier: true, withhold: true)).Message.ShouldContain("4 events and 1 files verified");
        Bundles.Verify(Bundle(signer, supplier: true, dropVersion3: true)).ShouldBe((false, $"version 3 of the case {Stream} is missing from the bundle"));
        Bundles.Verify(Bundle(signer, unlisted: true)).Holds.ShouldBeFalse("an event of a case the manifest does not list");
    }
}
