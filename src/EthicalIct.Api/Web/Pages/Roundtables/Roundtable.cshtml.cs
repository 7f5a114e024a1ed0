using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Organisations;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.Suppliers;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Roundtables;

/// <summary>
/// A roundtable, now or as of an earlier version or moment: hosts, participants, agenda, minutes, take-aways, its
/// follow-up items (as they were then too) and timeline; the hosting coordinators agree a follow-up item here.
/// </summary>
public sealed class RoundtableModel(ApiClient api) : CasePage(api)
{
    public RoundtableDetails Roundtable { get; private set; } = new();

    public IReadOnlyList<FollowUpItemDetails> Items { get; private set; } = [];

    public IReadOnlyList<Organisation> Parties { get; private set; } = [];

    public IReadOnlyList<SupplierSummary> Suppliers { get; private set; } = [];

    public override string PagePath => $"/roundtables/{Id}";

    public override long ShownVersion => Roundtable.Version;

    [BindProperty]
    public FollowUpForm FollowUp { get; set; } = new();

    public sealed class FollowUpForm
    {
        public string Description { get; set; } = "";

        public DateOnly? DueOn { get; set; }

        /// <summary>The owner: <c>org:{organisation number}</c> or <c>supplier:{id}</c>.</summary>
        public string Owner { get; set; } = "";
    }

    public async Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct)
    {
        var (org, supplier) = FollowUp.Owner.Split(':', 2) switch
        {
            ["org", var number] => (number, (Guid?)null),
            ["supplier", var id] when Guid.TryParse(id, out var g) => (null, g),
            _ => ((string?)null, (Guid?)null),
        };
        var result = await Api.PostAsync($"/api/roundtables/{Id}/follow-up-items", new AgreeFollowUp(FollowUp.Description, FollowUp.DueOn ?? default, org, supplier), ct);
        return await AfterAsync(result, "FollowUp", ct);
    }

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        var parties = Api.GetAsync("/api/organisations", ct);
        var suppliers = Api.GetAsync($"/api/suppliers?pageSize={Paging.MaxPageSize}", ct);
        if (await ReadCaseAsync($"/api/roundtables/{Id}", ct) is not { } read)
        {
            return false;
        }

        var details = read.As<RoundtableWithItems>();
        Roundtable = details.Roundtable;
        Items = details.Items;
        Parties = (await parties) is { Ok: true } p ? p.As<List<Organisation>>() : [];
        Suppliers = (await suppliers) is { Ok: true } s ? s.As<Paged<SupplierSummary>>().Items : [];
        return true;
    }
}
