using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Roundtables;

namespace EthicalIct.Api.Web.Pages.Roundtables;

/// <summary>Every roundtable by date (the shared record: every party sees them).</summary>
public sealed class RoundtablesModel(ApiClient api) : WebPage
{
    public IReadOnlyList<RoundtableDetails> Roundtables { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Roundtables = (await api.GetAsync($"/api/roundtables?pageSize={Paging.MaxPageSize}", ct)) is { Ok: true } r ? r.As<Paged<RoundtableDetails>>().Items : [];
}
