using EthicalIct.Api.Assessments;
using EthicalIct.Api.Audit;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Assessments;

/// <summary>
/// An assessment: its risks and scores as of now or any earlier version or moment, its timeline from the audit trail
/// (who, organisation, role, when, evidence with SHA-256 and download), and the forms to identify and score a risk
/// (each carries the version it was read at, so a stale form gets the stale-version answer).
/// </summary>
public sealed class CaseModel(ApiClient api) : WebPage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Show the case as it was at this version (from the as-of control).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Version { get; set; }

    /// <summary>Or at this moment (UTC, from the as-of control).</summary>
    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    public AssessmentDetails Case { get; private set; } = new();

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public string SupplierName { get; private set; } = "";

    public bool Historic => Version is not null || !string.IsNullOrEmpty(AsOf);

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
        var result = await api.PostAsync($"/api/assessments/{Id}/risks/{Disclose.RiskId}/disclosures",
            new EthicalIct.Api.Disclosures.DiscloseRiskSummary(Disclose.ShowDescription, Disclose.ShowMeasures), ct);
        return await AfterAsync(result, "disclose", ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostRiskAsync(CancellationToken ct)
    {
        var result = await api.PostAsync($"/api/assessments/{Id}/risks",
            new IdentifyRisk(Risk.Code, Risk.Tier, Risk.Country.Trim().ToUpperInvariant(), Risk.Description, Risk.Source, null, Risk.ExpectedVersion), ct);
        return await AfterAsync(result, "risk", ct);
    }

    public async Task<IActionResult> OnPostScoreAsync(CancellationToken ct)
    {
        var result = await api.PostAsync($"/api/assessments/{Id}/risks/{Score.RiskId}/scores",
            new AssessRisk(Score.Scale, Score.Scope, Score.Irremediability, Score.Likelihood, Score.Connection, Score.Leverage,
                string.IsNullOrWhiteSpace(Score.Rationale) ? null : Score.Rationale, Score.ExpectedVersion), ct);
        return await AfterAsync(result, "score", ct);
    }

    /// <summary>After a command: back to the page on success (post/redirect/get), else the page again with the API's reasons.</summary>
    private async Task<IActionResult> AfterAsync(ApiResult result, string form, CancellationToken ct)
    {
        if (result.Ok)
        {
            TempData["notice"] = T["saved"];
            return Redirect($"/assessments/{Id}");
        }

        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFoundPage();
        }

        Failed(result);
        var prefix = form switch { "risk" => "Risk.", "score" => "Score.", _ => "Disclose." };
        foreach (var field in Errors.Keys.ToList())
        {
            Errors[prefix + field] = Errors[field];
        }

        // A stale form is shown again on the current version: the user sees what changed and sends again.
        ModelState.Clear();
        if (!await LoadAsync(ct))
        {
            return NotFoundPage();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Notice ??= TempData["notice"] as string;
        var point = Version is { } v ? $"?version={v}" : !string.IsNullOrEmpty(AsOf) ? $"?asOf={Uri.EscapeDataString(Moment(AsOf))}" : "";
        var details = api.GetAsync($"/api/assessments/{Id}{point}", ct);
        var timeline = TimelineAsync(ct);
        var read = await details;
        if (read.Status == StatusCodes.Status404NotFound || (read.Status == StatusCodes.Status400BadRequest && !Historic))
        {
            return false;
        }

        if (!read.Ok)
        {
            Failed(read);
            Version = null;
            AsOf = null;
            read = await api.GetAsync($"/api/assessments/{Id}", ct);
            if (!read.Ok)
            {
                return false;
            }
        }

        Case = read.As<AssessmentDetails>();
        Timeline = await timeline;
        if (Historic)
        {
            Timeline = [.. Timeline.Where(e => e.Entry.Version <= Case.Version)];
        }

        Risk.ExpectedVersion = Case.Version;
        Score.ExpectedVersion = Case.Version;
        SupplierName = (await api.GetAsync($"/api/suppliers/{Case.SupplierId}", ct)) is { Ok: true } s ? s.Body?["legalName"]?.GetValue<string>() ?? "" : "";
        return true;
    }

    /// <summary>The case's timeline, page after page (at most ten pages of the audit trail's largest page).</summary>
    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();
        long? after = 0;
        for (var page = 0; page < 10 && after is { } cursor; page++)
        {
            var read = await api.GetAsync($"/api/cases/{Id}/timeline?after={cursor}&limit={AuditTrailQuery.MaxLimit}", ct);
            if (!read.Ok)
            {
                break;
            }

            var timeline = read.As<CaseTimeline>();
            entries.AddRange(timeline.Items);
            after = timeline.Next;
        }

        return entries;
    }

    /// <summary>The as-of control's moment (a <c>datetime-local</c> value, read as UTC) as RFC 3339.</summary>
    private static string Moment(string value) =>
        value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) ? value : (value.Length == 16 ? value + ":00" : value) + "Z";
}
