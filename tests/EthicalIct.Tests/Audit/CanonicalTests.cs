using EthicalIct.Api.Audit;
using Shouldly;

namespace EthicalIct.Tests.Audit;

/// <summary>EventModel.md, "Audit trail and hash chain": the canonical form's test vectors (AUD1.x).</summary>
public class CanonicalTests
{
    public static readonly StoredEvent Vector = new(42, Guid.Parse("0197a000-0000-7000-8000-000000000001"), 3, "risk_identified",
        new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560), "958935420", "kari@oslo", """{"code": "FL"}""");

    [Fact]
    public void AUD1_1_the_canonical_bytes_are_length_prefixed_utf8_fields_in_a_fixed_order()
    {
        var bytes = Canonical.Bytes(Vector);
        Convert.ToHexStringLower(bytes).ShouldBe(
            "00000013" + Convert.ToHexStringLower("ethicalict-event-v1"u8) +
            "00000002" + Convert.ToHexStringLower("42"u8) +
            "00000024" + Convert.ToHexStringLower("0197a000-0000-7000-8000-000000000001"u8) +
            "00000001" + Convert.ToHexStringLower("3"u8) +
            "0000000f" + Convert.ToHexStringLower("risk_identified"u8) +
            "0000001b" + Convert.ToHexStringLower("2026-11-25T10:00:00.123456Z"u8) +
            "00000009" + Convert.ToHexStringLower("958935420"u8) +
            "00000009" + Convert.ToHexStringLower("kari@oslo"u8) +
            "0000000e" + Convert.ToHexStringLower("""{"code": "FL"}"""u8));
    }

    [Fact]
    public void AUD1_2_the_event_hash_and_the_first_chain_link_of_the_vector()
    {
        var canonical = Canonical.Bytes(Vector);
        var eventHash = Convert.ToHexStringLower(Canonical.EventHash(canonical));
        var chain = Convert.ToHexStringLower(Canonical.Chain(Canonical.Genesis, canonical));
        eventHash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonical)));
        chain.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. new byte[32], .. canonical])));
        eventHash.ShouldBe(VectorEventHash);
        chain.ShouldBe(VectorChainHash);
    }

    [Fact]
    public void AUD1_3_any_change_of_a_covered_field_changes_the_hash()
    {
        var original = Canonical.EventHash(Canonical.Bytes(Vector));
        StoredEvent[] changed =
        [
            Vector with { Position = 43 }, Vector with { StreamId = Guid.Empty }, Vector with { Version = 4 }, Vector with { Type = "risk_closed" },
            Vector with { Timestamp = Vector.Timestamp.AddTicks(10) }, Vector with { Organisation = "986252932" }, Vector with { Person = "ola@oslo" },
            Vector with { Data = """{"code": "CL"}""" },
        ];
        changed.Select(c => Convert.ToHexStringLower(Canonical.EventHash(Canonical.Bytes(c)))).ShouldAllBe(h => h != Convert.ToHexStringLower(original));
        // A field's bytes cannot slide into the next: "ab" + "c" differs from "a" + "bc".
        Canonical.EventHash(Canonical.Bytes(Vector with { Organisation = "9589354", Person = "20kari@oslo" })).ShouldNotBe(original);
    }

    /// <summary>Computed independently (Python hashlib over the same bytes); also in EventModel.md.</summary>
    public const string VectorEventHash = "e5b3eda250104091eae121605441a839114867ea38a82b3ddb7811f01290fd74";
    public const string VectorChainHash = "1f7d6c1fa92351d45781df58a2e9955b6c3c225963de651ab8da7b1bbf84738d";
}
