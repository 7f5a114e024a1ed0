using EthicalIct.Api.Assessments;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Partners;
using EthicalIct.Api.Suppliers;

namespace EthicalIct.Api.Web.Pages;

/// <summary>
/// The overview: my organisation's open risks by priority (the risk register); overdue and soon-due corrective actions,
/// questionnaires awaiting an answer, follow-up items my organisation owns; proposals awaiting my organisation's consent
/// (to join a dialogue, to co-host a roundtable, a new party's accession); my reminders; my assessments.
/// </summary>
public sealed class OverviewModel(ApiClient api) : WebPage
{
    public IReadOnlyList<RiskRegisterEntry> Risks { get; private set; } = [];

    public IReadOnlyList<ReminderLine> Reminders { get; private set; } = [];

    public IReadOnlyList<AssessmentSummary> Assessments { get; private set; } = [];

    public IReadOnlyList<EthicalIct.Api.SupplierDialogues.OpenCapAction> CapActions { get; private set; } = [];

    public IReadOnlyList<EthicalIct.Api.SupplierDialogues.QuestionnairePipelineRow> Questionnaires { get; private set; } = [];

    public IReadOnlyList<EthicalIct.Api.Roundtables.FollowUpBoardEntry> FollowUps { get; private set; } = [];

    /// <summary>What awaits my organisation's consent: (what, where it is decided, since when).</summary>
    public IReadOnlyList<(string What, string? Link)> Proposals { get; private set; } = [];

    private Dictionary<Guid, string> _suppliers = [];

    public string SupplierName(Guid id) => _suppliers.GetValueOrDefault(id, id.ToString());

    private static IReadOnlyList<T> Items<T>(ApiResult result) => result.Ok ? result.As<Paged<T>>().Items : [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var risks = api.GetAsync("/api/risk-register?status=open&pageSize=200", ct);
        var reminders = api.GetAsync("/api/reminders", ct);
        var assessments = api.GetAsync("/api/assessments?pageSize=200", ct);
        var suppliers = api.GetAsync("/api/suppliers?pageSize=200", ct);
        var overdueCaps = api.GetAsync("/api/caps?state=overdue&pageSize=200", ct);
        var soonCaps = api.GetAsync("/api/caps?state=due-soon&pageSize=200", ct);
        var questionnaires = api.GetAsync("/api/questionnaire-pipeline?pageSize=200", ct);
        var overdueFollowUps = api.GetAsync($"/api/follow-up-board?ownerOrg={Me?.OrgNumber}&deadline=overdue&pageSize=200", ct);
        var soonFollowUps = api.GetAsync($"/api/follow-up-board?ownerOrg={Me?.OrgNumber}&deadline=due-soon&pageSize=200", ct);
        var participation = api.GetAsync("/api/participation-proposals?pageSize=200", ct);
        var agreement = api.GetAsync("/api/cooperation-agreement", ct);
        var roundtables = api.GetAsync("/api/roundtables?pageSize=200", ct);
        Risks = (await risks) is { Ok: true } r ? r.As<Paged<RiskRegisterEntry>>().Items : [];
        Reminders = (await reminders) is { Ok: true } m ? m.As<List<ReminderLine>>() : [];
        Assessments = (await assessments) is { Ok: true } a ? a.As<Paged<AssessmentSummary>>().Items : [];
        _suppliers = (await suppliers) is { Ok: true } s ? s.As<Paged<SupplierSummary>>().Items.ToDictionary(x => x.Id, x => x.LegalName) : [];
        CapActions = [.. Items<EthicalIct.Api.SupplierDialogues.OpenCapAction>(await overdueCaps), .. Items<EthicalIct.Api.SupplierDialogues.OpenCapAction>(await soonCaps)];
        Questionnaires = [.. Items<EthicalIct.Api.SupplierDialogues.QuestionnairePipelineRow>(await questionnaires).Where(q => q.Sent + q.Overdue > 0)];
        FollowUps = [.. Items<EthicalIct.Api.Roundtables.FollowUpBoardEntry>(await overdueFollowUps), .. Items<EthicalIct.Api.Roundtables.FollowUpBoardEntry>(await soonFollowUps)];
        var proposals = new List<(string, string?)>();
        proposals.AddRange(Items<EthicalIct.Api.SupplierDialogues.ParticipationProposalLine>(await participation)
            .Select(p => ($"{T["overview.proposal.join"]}: {p.Title} ({SupplierName(p.SupplierId)}; {string.Join(", ", p.Participants)})", (string?)$"/suppliers/{p.SupplierId}")));
        if ((await agreement) is { Ok: true } agreed && Me is { } me)
        {
            proposals.AddRange(agreed.As<EthicalIct.Api.Cooperation.AgreementDetails>().Accessions
                .Where(x => x.Outcome is null && x.Approvals.All(v => v.OrgNumber != me.OrgNumber))
                .Select(x => ($"{T["overview.proposal.accession"]}: {x.Candidate.Name}", (string?)null)));
        }

        proposals.AddRange(Items<EthicalIct.Api.Roundtables.RoundtableDetails>(await roundtables).Where(r => r.ProposedHosts.Contains(Me?.OrgNumber ?? ""))
            .Select(r => ($"{T["overview.proposal.co-host"]}: {r.Topic} ({Texts.Day(r.Date)})", (string?)$"/roundtables/{r.Id}")));
        Proposals = proposals;
    }
}
