using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Suppliers;

/// <summary>The shared supplier registry (search by name) and the form to register a supplier.</summary>
public sealed class SuppliersModel(ApiClient api) : WebPage
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    public Paged<SupplierSummary> Suppliers { get; private set; } = new([], 1, Paging.MaxPageSize, 0);

    [BindProperty]
    public RegisterForm Register { get; set; } = new();

    public sealed class RegisterForm
    {
        public string LegalName { get; set; } = "";

        public List<SupplierRole> Roles { get; set; } = [];

        public string? OrgNumber { get; set; }

        public string? ForeignIdentifier { get; set; }

        public string? Country { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice ??= TempData["notice"] as string;
        var query = string.IsNullOrWhiteSpace(Name) ? "" : $"&name={Uri.EscapeDataString(Name.Trim())}";
        Suppliers = (await api.GetAsync($"/api/suppliers?pageSize={Paging.MaxPageSize}{query}", ct)) is { Ok: true } s ? s.As<Paged<SupplierSummary>>() : Suppliers;
    }

    /// <summary>Registers the supplier (the API's <c>RegisterSupplier</c>) and opens its page.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        static string? Blank(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        var result = await api.PostAsync("/api/suppliers", new RegisterSupplier(Register.LegalName, Register.Roles, Blank(Register.OrgNumber),
            Blank(Register.ForeignIdentifier), Blank(Register.Country)?.ToUpperInvariant()), ct);
        if (result.Ok)
        {
            TempData["notice"] = T["saved"];
            return Redirect($"/suppliers/{result.As<SupplierResponse>().Id}");
        }

        Failed(result);
        await OnGetAsync(ct);
        return Page();
    }
}
