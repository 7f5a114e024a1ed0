using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Requirements;
using EthicalIct.Api.SupplierDialogues;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages.Dialogues;

/// <summary>
/// A supplier dialogue as its participants read it, now or as of an earlier version or moment: questionnaires, findings
/// with their corrective action plans and verifications, meetings, evidence, the timeline; and the forms to send a
/// questionnaire, raise a finding, submit a plan for it, decide on a plan, and disclose a finding to the parties.
/// </summary>
public sealed class DialogueModel(ApiClient api) : CasePage(api)
{
    public SupplierDialogueDetails Dialogue { get; private set; } = new();

    public string SupplierName { get; private set; } = "";

    /// <summary>The requirement sets my organisation has adopted a version of (what a questionnaire is built from).</summary>
    public IReadOnlyList<(HarmonisationRow Set, int Version)> Adopted { get; private set; } = [];

    public override string PagePath => $"/dialogues/{Id}";

    public override long ShownVersion => Dialogue.Version;

    public const int PlanRows = 3;

    [BindProperty]
    public QuestionnaireForm Questionnaire { get; set; } = new();

    [BindProperty]
    public FindingForm Finding { get; set; } = new();

    [BindProperty]
    public CapForm Cap { get; set; } = new();

    [BindProperty]
    public CapDecisionForm CapDecision { get; set; } = new();

    [BindProperty]
    public DiscloseForm Disclose { get; set; } = new();

    public sealed class QuestionnaireForm
    {
        /// <summary>The requirement set and its version, as <c>{set id}:{version}</c>.</summary>
        public string Set { get; set; } = "";

        public DateOnly? DueOn { get; set; }

        public long ExpectedVersion { get; set; }
    }

    public sealed class FindingForm
    {
        public FindingGrade Grade { get; set; } = FindingGrade.Major;

        public RiskCode Code { get; set; } = RiskCode.FL;

        public string Description { get; set; } = "";

        public long ExpectedVersion { get; set; }
    }

    public sealed class CapForm
    {
        public Guid FindingId { get; set; }

        public List<ActionRow> Actions { get; set; } = [.. Enumerable.Range(0, PlanRows).Select(_ => new ActionRow())];

        public long ExpectedVersion { get; set; }
    }

    public sealed class ActionRow
    {
        public string? Description { get; set; }

        public string? Owner { get; set; }

        public DateOnly? DueOn { get; set; }
    }

    public sealed class CapDecisionForm
    {
        public Guid FindingId { get; set; }

        public bool Approve { get; set; } = true;

        public string Rationale { get; set; } = "";

        public long ExpectedVersion { get; set; }
    }

    public sealed class DiscloseForm
    {
        public Guid FindingId { get; set; }

        public bool ShowDescription { get; set; }

        public bool ShowActions { get; set; }
    }

    public async Task<IActionResult> OnPostQuestionnaireAsync(CancellationToken ct)
    {
        var (set, version) = Questionnaire.Set.Split(':') is [var s, var v] && Guid.TryParse(s, out var id) && int.TryParse(v, out var n) ? (id, n) : (Guid.Empty, 0);
        var result = await Api.PostAsync($"/api/supplier-dialogues/{Id}/questionnaires",
            new SendQuestionnaire(set, version, Questionnaire.DueOn, Questionnaire.ExpectedVersion), ct);
        return await AfterAsync(result, "Questionnaire", ct);
    }

    public async Task<IActionResult> OnPostFindingAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/supplier-dialogues/{Id}/findings",
            new RaiseFinding(Finding.Grade, Finding.Code, Finding.Description, ExpectedVersion: Finding.ExpectedVersion), ct);
        return await AfterAsync(result, "Finding", ct);
    }

    /// <summary>
    /// The plan's rows up to the last one filled in (blank rows after it are left out; a blank or half-filled row before
    /// it goes to the API, which names what is missing by the row's index, so the reason lands beside that row).
    /// </summary>
    public async Task<IActionResult> OnPostCapAsync(CancellationToken ct)
    {
        var filled = Cap.Actions.FindLastIndex(a => !string.IsNullOrWhiteSpace(a.Description) || !string.IsNullOrWhiteSpace(a.Owner) || a.DueOn is not null);
        var actions = Cap.Actions.Take(filled + 1).Select(a => new PlannedAction(a.Description ?? "", a.Owner ?? "", a.DueOn ?? default)).ToList();
        var result = await Api.PostAsync($"/api/supplier-dialogues/{Id}/findings/{Cap.FindingId}/cap", new SubmitCap(actions, Cap.ExpectedVersion), ct);
        return await AfterAsync(result, "Cap", ct);
    }

    public async Task<IActionResult> OnPostCapDecisionAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/supplier-dialogues/{Id}/findings/{CapDecision.FindingId}/cap/decision",
            new DecideCap(CapDecision.Approve, CapDecision.Rationale, CapDecision.ExpectedVersion), ct);
        return await AfterAsync(result, "CapDecision", ct);
    }

    public async Task<IActionResult> OnPostDiscloseAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync($"/api/supplier-dialogues/{Id}/findings/{Disclose.FindingId}/disclosures",
            new DiscloseFinding(Disclose.ShowDescription, Disclose.ShowActions), ct);
        return await AfterAsync(result, "Disclose", ct);
    }

    protected override async Task<bool> LoadAsync(CancellationToken ct)
    {
        var sets = Api.GetAsync($"/api/harmonisation?pageSize={Paging.MaxPageSize}", ct);
        if (await ReadCaseAsync($"/api/supplier-dialogues/{Id}", ct) is not { } read)
        {
            return false;
        }

        Dialogue = read.As<SupplierDialogueDetails>();
        Questionnaire.ExpectedVersion = Finding.ExpectedVersion = Cap.ExpectedVersion = CapDecision.ExpectedVersion = Dialogue.Version;
        SupplierName = (await Api.GetAsync($"/api/suppliers/{Dialogue.SupplierId}", ct)) is { Ok: true } s ? s.Body?["legalName"]?.GetValue<string>() ?? "" : "";
        Adopted = (await sets) is { Ok: true } h
            ? [.. h.As<Paged<HarmonisationRow>>().Items.Select(r => (r, r.Organisations.FirstOrDefault(o => o.OrgNumber == Me?.OrgNumber)?.AdoptedVersion))
                .Where(x => x.Item2 is not null).Select(x => (x.r, x.Item2!.Value))]
            : [];
        return true;
    }
}
