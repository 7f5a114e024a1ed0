using EthicalIct.Api.Assessments;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Partners;
using EthicalIct.Api.Suppliers;

namespace EthicalIct.Api.Web.Pages;

/// <summary>The overview: my organisation's open risks by priority (the risk register), my reminders, my assessments.</summary>
public sealed class OverviewModel(ApiClient api) : WebPage
{
    public IReadOnlyList<RiskRegisterEntry> Risks { get; private set; } = [];

    public IReadOnlyList<ReminderLine> Reminders { get; private set; } = [];

    public IReadOnlyList<AssessmentSummary> Assessments { get; private set; } = [];

    private Dictionary<Guid, string> _suppliers = [];

    public string SupplierName(Guid id) => _suppliers.GetValueOrDefault(id, id.ToString());

    public async Task OnGetAsync(CancellationToken ct)
    {
        var risks = api.GetAsync("/api/risk-register?status=open&pageSize=200", ct);
        var reminders = api.GetAsync("/api/reminders", ct);
        var assessments = api.GetAsync("/api/assessments?pageSize=200", ct);
        var suppliers = api.GetAsync("/api/suppliers?pageSize=200", ct);
        Risks = (await risks) is { Ok: true } r ? r.As<Paged<RiskRegisterEntry>>().Items : [];
        Reminders = (await reminders) is { Ok: true } m ? m.As<List<ReminderLine>>() : [];
        Assessments = (await assessments) is { Ok: true } a ? a.As<Paged<AssessmentSummary>>().Items : [];
        _suppliers = (await suppliers) is { Ok: true } s ? s.As<Paged<SupplierSummary>>().Items.ToDictionary(x => x.Id, x => x.LegalName) : [];
    }
}
