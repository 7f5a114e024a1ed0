using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EthicalIct.Api.Audit;

/// <summary>One event of a bundle: the stored fields the chain covers, its place in the log and its inclusion proof.</summary>
public sealed record BundleEvent(long Ordinal, long Position, Guid StreamId, long Version, string Type, DateTimeOffset Timestamp, string Organisation, string Person,
    string Data, string EventHash, IReadOnlyList<string> InclusionProof);

/// <summary>A version of a case left out because the requesting organisation may not see it: only its hash and proof.</summary>
public sealed record WithheldEvent(long Ordinal, Guid StreamId, long Version, string EventHash, IReadOnlyList<string> InclusionProof);

/// <summary>What the bundle is of: a case (<c>case</c>, the stream's id) or a supplier across its cases (<c>supplier</c>, the supplier's id).</summary>
public sealed record BundleSubject(string Kind, Guid Id);

/// <summary>A case in the bundle and how many versions of it (1..n) the bundle accounts for, included or withheld.</summary>
public sealed record BundleStream(Guid StreamId, string StreamType, long Versions);

/// <summary>An evidence file in the bundle, by its SHA-256 (the file is <c>files/&lt;sha256&gt;</c>).</summary>
public sealed record BundleFile(string Sha256, long SizeBytes);

/// <summary>What a bundle claims: its subject, the point, every version 1..n of each of its cases (included or withheld), the covering checkpoint and its key.</summary>
public sealed record BundleManifest(string Format, BundleSubject Subject, DateTimeOffset AsOf, IReadOnlyList<BundleStream> Streams, Checkpoint Checkpoint, string PublicKey,
    IReadOnlyList<WithheldEvent> Withheld, IReadOnlyList<BundleFile> Files);

/// <summary>
/// Evidence bundles (EventModel.md, "Evidence bundles"): one UTF-8 file of JSON lines — the manifest, then each event,
/// then each evidence file (base64) — and a last line with the service's Ed25519 signature (hex: no slack bits, unlike
/// base64 padding) over every byte before it,
/// so that a change of any byte is found. <see cref="Verify"/> proves offline — no database, no network — that the
/// bundle is complete for what it claims (every version of each case it lists up to the point, included or withheld
/// with its hash) and unaltered (each event's canonical bytes hash to an entry whose inclusion proof leads to the checkpoint's
/// root; the checkpoint's signature holds; each file hashes to its name and is cited by an included event).
/// </summary>
public static class Bundles
{
    public const string Format = "ethicalict-bundle-v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private sealed record Line(BundleManifest? Manifest = null, BundleEvent? Event = null, BundleFileContent? File = null);

    private sealed record BundleFileContent(string Sha256, string Content);

    public static byte[] Write(BundleManifest manifest, IReadOnlyList<BundleEvent> events, IReadOnlyDictionary<string, byte[]> files, CheckpointSigner signer)
    {
        var body = new StringBuilder();
        body.Append(JsonSerializer.Serialize(new Line(Manifest: manifest), Json)).Append('\n');
        foreach (var e in events)
        {
            body.Append(JsonSerializer.Serialize(new Line(Event: e), Json)).Append('\n');
        }

        foreach (var (sha, content) in files)
        {
            body.Append(JsonSerializer.Serialize(new Line(File: new BundleFileContent(sha, Convert.ToBase64String(content))), Json)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        var signature = Encoding.UTF8.GetBytes($"{{\"signature\":\"{Convert.ToHexStringLower(signer.SignBytes(bytes))}\"}}\n");
        return [.. bytes, .. signature];
    }

    /// <summary>The verification of a bundle: holds, or the first thing that does not. <paramref name="trustedKey"/>: a key the verifier got elsewhere (base64).</summary>
    public static (bool Holds, string Message) Verify(byte[] bundle, string? trustedKey = null)
    {
        try
        {
            var text = Encoding.UTF8.GetString(bundle);
            var lastLine = text.TrimEnd('\n').LastIndexOf('\n');
            if (lastLine < 0 || !text.EndsWith('\n'))
            {
                return (false, "not a bundle: no signature line");
            }

            var body = Encoding.UTF8.GetBytes(text[..(lastLine + 1)]);
            var lines = text[..(lastLine + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<Line>(l, Json)!).ToList();
            // The signature line has one exact form: {"signature":"<128 lower-case hex digits>"} and a line feed.
            var signatureLine = text[(lastLine + 1)..];
            if (signatureLine.Length != 145 || !signatureLine.StartsWith("{\"signature\":\"", StringComparison.Ordinal) || !signatureLine.EndsWith("\"}\n", StringComparison.Ordinal))
            {
                return (false, "not a bundle: the last line is not its signature");
            }

            var signature = signatureLine[14..142];
            if (!signature.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return (false, "not a bundle: the signature is not lower-case hex");
            }

            var manifest = lines.FirstOrDefault()?.Manifest ?? throw new InvalidDataException("no manifest");
            if (manifest.Format != Format)
            {
                return (false, $"unknown bundle format {manifest.Format}");
            }

            var key = Convert.FromBase64String(trustedKey ?? manifest.PublicKey);
            if (!CheckpointSigner.VerifyBytes(body, Convert.FromHexString(signature), key))
            {
                return (false, "the bundle's signature does not hold: a byte of it was changed" + (trustedKey is null ? "" : ", or it was not signed with the trusted key"));
            }

            if (!CheckpointSigner.Verify(manifest.Checkpoint, key))
            {
                return (false, "the checkpoint's signature does not hold");
            }

            var root = Convert.FromHexString(manifest.Checkpoint.MerkleRoot);
            var size = manifest.Checkpoint.TreeSize;
            var events = lines.Skip(1).Select(l => l.Event).OfType<BundleEvent>().ToList();
            var files = lines.Skip(1).Select(l => l.File).OfType<BundleFileContent>().ToList();
            var streams = manifest.Streams.ToDictionary(s => s.StreamId);
            var versions = new HashSet<(Guid, long)>();
            var cited = new StringBuilder();
            foreach (var e in events)
            {
                var canonical = Canonical.Bytes(new StoredEvent(e.Position, e.StreamId, e.Version, e.Type, e.Timestamp, e.Organisation, e.Person, e.Data));
                var hash = Canonical.EventHash(canonical);
                if (Convert.ToHexStringLower(hash) != e.EventHash.ToLowerInvariant())
                {
                    return (false, $"event version {e.Version} (position {e.Position}) was altered: it does not hash to its entry");
                }

                if (!streams.ContainsKey(e.StreamId) || !MerkleTree.VerifyInclusion(MerkleTree.LeafHash(hash), e.Ordinal - 1, size, [.. e.InclusionProof.Select(Convert.FromHexString)], root))
                {
                    return (false, $"event version {e.Version} (position {e.Position}) is not in the checkpointed log");
                }

                versions.Add((e.StreamId, e.Version));
                cited.Append(e.Data);
            }

            foreach (var w in manifest.Withheld)
            {
                if (!streams.ContainsKey(w.StreamId)
                    || !MerkleTree.VerifyInclusion(MerkleTree.LeafHash(Convert.FromHexString(w.EventHash)), w.Ordinal - 1, size, [.. w.InclusionProof.Select(Convert.FromHexString)], root))
                {
                    return (false, $"withheld version {w.Version} of {w.StreamId} is not in the checkpointed log");
                }

                versions.Add((w.StreamId, w.Version));
            }

            foreach (var stream in manifest.Streams)
            {
                for (var v = 1L; v <= stream.Versions; v++)
                {
                    if (!versions.Contains((stream.StreamId, v)))
                    {
                        return (false, $"version {v} of the case {stream.StreamId} is missing from the bundle");
                    }
                }
            }

            if (events.Count + manifest.Withheld.Count != manifest.Streams.Sum(s => s.Versions) || versions.Count != events.Count + manifest.Withheld.Count)
            {
                return (false, "the bundle holds versions it does not claim");
            }

            var citedText = cited.ToString();
            foreach (var file in manifest.Files)
            {
                var content = Convert.FromBase64String(files.SingleOrDefault(f => f.Sha256 == file.Sha256)?.Content ?? throw new InvalidDataException($"file {file.Sha256} is missing"));
                if (Convert.ToHexStringLower(SHA256.HashData(content)) != file.Sha256 || content.LongLength != file.SizeBytes)
                {
                    return (false, $"the file {file.Sha256} was altered");
                }

                if (!citedText.Contains(file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    return (false, $"the file {file.Sha256} is cited by no event of the bundle");
                }
            }

            if (files.Count != manifest.Files.Count)
            {
                return (false, "the bundle holds files it does not claim");
            }

            return (true, $"{manifest.Subject.Kind} {manifest.Subject.Id}: {manifest.Streams.Count} case{(manifest.Streams.Count == 1 ? "" : "s")}, {events.Count} events and " +
                $"{manifest.Files.Count} files verified against the checkpoint at tree size {size} ({manifest.Withheld.Count} versions withheld)");
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return (false, $"not a readable bundle: {e.Message}");
        }
    }
}
