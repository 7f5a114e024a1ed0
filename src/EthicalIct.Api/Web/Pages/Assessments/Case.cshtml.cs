using EthicalIct.Api.Assessments;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Assessments;

/// <summary>
/// An assessment: its risks, scores and decisions as of now or any earlier version or moment, its timeline from the
/// audit trail (who, organisation, role, when, evidence with SHA-256 and download), and the forms to identify and score
/// a risk, record a decision and disclose a risk (each carries the version it was read at, so a stale form gets the
/// stale-version answer).
/// </summary>
public sealed class CaseModel(ApiClient api) : CasePage(api)
{
    public AssessmentDetails Case { get; private set; } = new();

    public string SupplierName { get; private set; } = "";

    public override string PagePath => $"/assessments/{Id}";

    public override long ShownVersion => Case.Version;

    [BindProperty]
    public RiskForm Risk { get; set; } = new();

    [BindProperty]
    public ScoreForm Score { get; set; } = new();

    public sealed class RiskForm
    {
        public RiskCode Code { get; set; } = RiskCode.FL;

        public Tier Tier { get; set; } = Tier.T1;

        public string Country { get; set; } = "";

        public string Description { get; set; } = "";

        public string Source { get; set; } = "";

        public long ExpectedVersion { get; set; }
    }

    public sealed class ScoreForm
    {
        public Guid RiskId { get; set; }

        public int Scale { get; set; } = 3;

        public int Scope { get; set; } = 3;

        public int Irremediability { get; set; } = 3;

        public int Likelihood { get; set; } = 3;

        public Connection Connection { get; set; } = Connection.DirectlyLinked;

        public Leverage Leverage { get; set; } = Leverage.Medium;

        public string? Rationale { get; set; }

        public long ExpectedVersion { get; set; }
    }

    [BindProperty]
    public DiscloseForm Disclose { get; set; } = new();

    public sealed class DiscloseForm
    {
        public Guid RiskId { get; set; }

        public bool ShowDescription { get; set; }

        public bool ShowMeasures { get; set; }
    }

    /// <summary>A coordinator discloses a risk's summary to the parties (the API's <c>DiscloseRiskSummary</c>).</summary>
    public async Task<IActionResult> OnPostDiscloseAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/assessments/{Id}/risks/{Disclose.RiskId}/disclosures",
            new EthicalIct.Api.Disclosures.DiscloseRiskSummary(Disclose.ShowDescription, Disclose.ShowMeasures), ct);
        return await AfterAsync(result, "Disclose", ct);
    }

    public async Task<IActionResult> OnPostRiskAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/assessments/{Id}/risks",
            new IdentifyRisk(Risk.Code, Risk.Tier, Risk.Country.Trim().ToUpperInvariant(), Risk.Description, Risk.Source, null, Risk.ExpectedVersion), ct);
        return await AfterAsync(result, "Risk", ct);
    }

    public async Task<IActionResult> OnPostScoreAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/assessments/{Id}/risks/{Score.RiskId}/scores",
            new AssessRisk(Score.Scale, Score.Scope, Score.Irremediability, Score.Likelihood, Score.Connection, Score.Leverage,
                string.IsNullOrWhiteSpace(Score.Rationale) ? null : Score.Rationale, Score.ExpectedVersion), ct);
        return await AfterAsync(result, "Score", ct);
    }

    [BindProperty]
    public DecisionForm Decision { get; set; } = new();

    public sealed class DecisionForm
    {
        public DecisionKind Kind { get; set; } = DecisionKind.Prioritise;

        public string Rationale { get; set; } = "";

        public List<Guid> RiskIds { get; set; } = [];

        public long ExpectedVersion { get; set; }
    }

    /// <summary>A coordinator records a decision with its rationale and the risks it is about (the API's <c>RecordDecision</c>).</summary>
    public async Task<IActionResult> OnPostDecisionAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/assessments/{Id}/decisions",
            new RecordDecision(Decision.Kind, Decision.Rationale, null, Decision.RiskIds, Decision.ExpectedVersion), ct);
        return await AfterAsync(result, "Decision", ct);
    }

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await ReadCaseAsync($"/api/assessments/{Id}", ct) is not { } read)
        {
            return false;
        }

        Case = read.As<AssessmentDetails>();
        Risk.ExpectedVersion = Score.ExpectedVersion = Decision.ExpectedVersion = Case.Version;
        SupplierName = (await Api.GetAsync($"/api/suppliers/{Case.SupplierId}", ct)) is { Ok: true } s ? s.Body?["legalName"]?.GetValue<string>() ?? "" : "";
        return true;
    }
}
