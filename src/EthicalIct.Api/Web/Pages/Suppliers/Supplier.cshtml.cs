using EthicalIct.Api.Assessments;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SharedView;
using EthicalIct.Api.Suppliers;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Suppliers;

/// <summary>
/// A supplier: the registry's facts and sites by tier and country; a heat map of risks by taxonomy and priority — what my
/// organisation knows (its risk register) beside what the parties disclosed (the shared view); combined spend; joint
/// dialogues; roundtable commitments; questionnaires already sent.
/// </summary>
public sealed class SupplierModel(ApiClient api) : WebPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public SupplierDetails Supplier { get; private set; } = new();

    /// <summary>What the parties know together; null while the supplier is not in the shared view.</summary>
    public SupplierOverview? Shared { get; private set; }

    public IReadOnlyList<RiskRegisterEntry> OwnRisks { get; private set; } = [];

    public static IReadOnlyList<Priority?> Columns { get; } = [Priority.Critical, Priority.High, Priority.Medium, Priority.Low, null];

    /// <summary>Open risks of a code at a priority (null: not scored): my organisation's, and the disclosed ones (other parties').</summary>
    public (int Own, int Disclosed) Cell(RiskCode code, Priority? priority) =>
        (OwnRisks.Count(r => r.Code == code && (r.Assessed ? r.Priority : null) == priority),
         Shared?.DisclosedRisks.Count(r => r.Code == code && r.Priority == priority && r.Status == RiskStatus.Open && r.Org != Me?.OrgNumber) ?? 0);

    /// <summary>The dialogues with this supplier my organisation takes part in.</summary>
    public IReadOnlyList<EthicalIct.Api.SupplierDialogues.DialogueSummary> MyDialogues { get; private set; } = [];

    /// <summary>The title of a new supplier dialogue (the open-dialogue form).</summary>
    [BindProperty]
    public string DialogueTitle { get; set; } = "";

    /// <summary>Opens a supplier dialogue with this supplier (the API's <c>OpenSupplierDialogue</c>) and goes to it.</summary>
    public async Task<IActionResult> OnPostDialogueAsync(CancellationToken ct)
    {
        var result = await api.PostAsync("/api/supplier-dialogues", new EthicalIct.Api.SupplierDialogues.OpenSupplierDialogue(Id, DialogueTitle), ct);
        if (result.Ok)
        {
            TempData["notice"] = T["saved"];
            return Redirect($"/dialogues/{result.As<EthicalIct.Api.SupplierDialogues.DialogueResponse>().DialogueId}");
        }

        Failed(result);
        foreach (var field in Errors.Keys.ToList())
        {
            Errors["Dialogue." + field] = Errors[field];
        }

        return await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Notice ??= TempData["notice"] as string;
        var mine = api.GetAsync($"/api/supplier-dialogues?supplierId={Id}&pageSize=200", ct);
        var supplier = api.GetAsync($"/api/suppliers/{Id}", ct);
        var shared = api.GetAsync($"/api/suppliers/{Id}/overview", ct);
        var risks = api.GetAsync($"/api/risk-register?supplierId={Id}&status=open&pageSize=200", ct);
        if (await supplier is not { Ok: true } read)
        {
            return NotFoundPage();
        }

        Supplier = read.As<SupplierDetails>();
        Shared = (await shared) is { Ok: true } s ? s.As<SupplierOverview>() : null;
        OwnRisks = (await risks) is { Ok: true } r ? r.As<Paged<RiskRegisterEntry>>().Items : [];
        MyDialogues = (await mine) is { Ok: true } m ? m.As<Paged<EthicalIct.Api.SupplierDialogues.DialogueSummary>>().Items : [];
        return Page();
    }
}
