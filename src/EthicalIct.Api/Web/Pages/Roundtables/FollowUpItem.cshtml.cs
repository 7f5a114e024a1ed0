using EthicalIct.Api.Roundtables;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Roundtables;

/// <summary>
/// A follow-up item agreed at a roundtable, now or as of an earlier version or moment: owner, deadline, progress notes,
/// deliveries with their evidence and its SHA-256, history across carry-overs, timeline; the owner reports progress and
/// delivery here.
/// </summary>
public sealed class FollowUpItemModel(ApiClient api) : CasePage(api)
{
    public FollowUpItemDetails Item { get; private set; } = new();

    public override string PagePath => $"/follow-up-items/{Id}";

    public override long ShownVersion => Item.Version;

    [BindProperty]
    public ProgressForm Progress { get; set; } = new();

    [BindProperty]
    public DeliveryForm Delivery { get; set; } = new();

    public sealed class ProgressForm
    {
        public string Note { get; set; } = "";

        public long ExpectedVersion { get; set; }
    }

    public sealed class DeliveryForm
    {
        public string Note { get; set; } = "";

        public string? EvidenceTitle { get; set; }

        public string? EvidenceSha256 { get; set; }

        public string? NoEvidenceReason { get; set; }

        public long ExpectedVersion { get; set; }
    }

    public async Task<IActionResult> OnPostProgressAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/follow-up-items/{Id}/progress", new NoteFollowUpProgress(Progress.Note, Progress.ExpectedVersion), ct);
        return await AfterAsync(result, "Progress", ct);
    }

    /// <summary>A delivery with one piece of evidence (its title and SHA-256), or the reason there is none.</summary>
    public async Task<IActionResult> OnPostDeliveryAsync(CancellationToken ct)
    {
        IReadOnlyList<EvidenceRef>? evidence = Optional(Delivery.EvidenceTitle) is null && Optional(Delivery.EvidenceSha256) is null
            ? null
            : [new EvidenceRef(Delivery.EvidenceTitle ?? "", (Delivery.EvidenceSha256 ?? "").Trim())];
        var result = await Api.PostAsync($"/api/follow-up-items/{Id}/delivery",
            new DeliverFollowUp(Delivery.Note, evidence, Optional(Delivery.NoEvidenceReason), Delivery.ExpectedVersion), ct);
        return await AfterAsync(result, "Delivery", ct);
    }

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await ReadCaseAsync($"/api/follow-up-items/{Id}", ct) is not { } read)
        {
            return false;
        }

        Item = read.As<FollowUpItemDetails>();
        Progress.ExpectedVersion = Delivery.ExpectedVersion = Item.Version;
        return true;
    }
}
