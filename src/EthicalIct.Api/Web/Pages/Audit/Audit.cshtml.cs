using EthicalIct.Api.Audit;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Audit;

/// <summary>
/// The audit page: the whole chain's status (the background verification's last result), the signed checkpoints of the audit trail (the latest one's signature checked against the service's
/// published key), a range verified — the consistency proof between two checkpoints checked against their signed roots —,
/// and an evidence bundle of a case downloaded for offline checking (<c>verify-bundle</c>).
/// </summary>
public sealed class AuditModel(ApiClient api) : WebPage
{
    public IReadOnlyList<Checkpoint> Checkpoints { get; private set; } = [];

    public Checkpoint? Latest => Checkpoints.Count > 0 ? Checkpoints[^1] : null;

    public bool? LatestSignatureHolds { get; private set; }

    public string? KeyId { get; private set; }

    /// <summary>The whole chain as the service's background verification last found it.</summary>
    public ChainStatusView? Chain { get; private set; }

    [BindProperty(SupportsGet = true)]
    public long? First { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Second { get; set; }

    /// <summary>The range's verdict: null when no range was asked for.</summary>
    public bool? Consistent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var chain = api.GetAsync("/api/audit/chain", ct);
        var checkpoints = new List<Checkpoint>();
        long after = 0;
        for (var page = 0; page < 100; page++)
        {
            var read = await api.GetAsync($"/api/audit/checkpoints?after={after}&limit=100", ct);
            if (!read.Ok)
            {
                Failed(read);
                break;
            }

            var batch = read.As<List<Checkpoint>>();
            checkpoints.AddRange(batch);
            if (batch.Count < 100)
            {
                break;
            }

            after = batch[^1].TreeSize;
        }

        Checkpoints = checkpoints;
        Chain = (await chain) is { Ok: true } c ? c.As<ChainStatusView>() : null;
        if (await api.GetAsync("/.well-known/ethicalict-checkpoint-key", ct) is { Ok: true } key && Latest is { } latest)
        {
            var published = key.As<CheckpointKey>();
            KeyId = published.KeyId;
            LatestSignatureHolds = latest.KeyId == published.KeyId && CheckpointSigner.Verify(latest, Convert.FromBase64String(published.PublicKey));
        }

        if (First is { } first && Second is { } second)
        {
            Consistent = await VerifyRangeAsync(first, second, ct);
        }

        return Page();
    }

    /// <summary>Both checkpoints signed and the proof between their roots holding (RFC 9162 consistency).</summary>
    private async Task<bool> VerifyRangeAsync(long first, long second, CancellationToken ct)
    {
        var (a, b) = (Checkpoints.FirstOrDefault(c => c.TreeSize == first), Checkpoints.FirstOrDefault(c => c.TreeSize == second));
        if (a is null || b is null || first > second)
        {
            return false;
        }

        var read = await api.GetAsync($"/api/audit/proofs/consistency?first={first}&second={second}", ct);
        if (!read.Ok)
        {
            Failed(read);
            return false;
        }

        var proof = read.As<ConsistencyProof>();
        return proof.FirstRoot == a.MerkleRoot && proof.SecondRoot == b.MerkleRoot
               && MerkleTree.VerifyConsistency(first, second, Convert.FromHexString(a.MerkleRoot), Convert.FromHexString(b.MerkleRoot),
                   [.. proof.Proof.Select(Convert.FromHexString)]);
    }
}
