using EthicalIct.Api.Assessments;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Assessments;

/// <summary>Opens an assessment of a registry supplier (the API's <c>OpenAssessment</c>).</summary>
public sealed class NewModel(ApiClient api) : WebPage
{
    public IReadOnlyList<SupplierSummary> Suppliers { get; private set; } = [];

    [BindProperty]
    public Guid SupplierId { get; set; }

    [BindProperty]
    public string FrameworkAgreement { get; set; } = "";

    [BindProperty]
    public ProductCategory Category { get; set; } = ProductCategory.Laptop;

    [BindProperty]
    public DateOnly PeriodFrom { get; set; }

    [BindProperty]
    public DateOnly PeriodTo { get; set; }

    [BindProperty]
    public string ResponsibleCaseOfficer { get; set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = Infrastructure.Http.RequestClock.Now(HttpContext).Year;
        (PeriodFrom, PeriodTo) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        ResponsibleCaseOfficer = Me?.Name ?? "";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await api.PostAsync("/api/assessments",
            new OpenAssessment(SupplierId, FrameworkAgreement, [Category], PeriodFrom, PeriodTo, ResponsibleCaseOfficer), ct);
        if (result.Ok)
        {
            TempData["notice"] = T["saved"];
            return Redirect($"/assessments/{result.As<NewAssessmentResponse>().Id}");
        }

        Failed(result);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Suppliers = (await api.GetAsync("/api/suppliers?pageSize=200", ct)) is { Ok: true } s ? s.As<Paged<SupplierSummary>>().Items : [];
}
