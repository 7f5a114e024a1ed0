using EthicalIct.Api.Audit;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages;

/// <summary>
/// What every case page has (assessment, dialogue, roundtable, follow-up item): the case as of now or an earlier version
/// or moment (the as-of control), its timeline from the audit trail, and the answer to a form sent from it — back to the
/// page on success (post/redirect/get), else the page again on the current version with the API's reasons beside the
/// fields and, for a stale form, the "someone changed this" message.
/// </summary>
public abstract class CasePage(ApiClient api) : WebPage
{
    protected ApiClient Api { get; } = api;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Show the case as it was at this version (from the as-of control).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Version { get; set; }

    /// <summary>Or at this moment (UTC, from the as-of control).</summary>
    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    public bool Historic => Version is not null || !string.IsNullOrEmpty(AsOf);

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>The page's own address (<c>/dialogues/{id}</c> …), where the as-of control and a saved form lead.</summary>
    public abstract string PagePath { get; }

    /// <summary>The case's version as shown (the timeline stops there when the page shows an earlier state).</summary>
    public abstract long ShownVersion { get; }

    /// <summary>Reads the case (now or at the as-of point) and what the page shows beside it; false: not found (or not the caller's to see).</summary>
    protected abstract Task<bool> LoadAsync(CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadPageAsync(ct) ? Page() : NotFoundPage();

    /// <summary>
    /// Reads the case from the API at the page's as-of point; a point the API refuses (before the case began, a version
    /// it never had) is said in the notice and the case is shown as it is now.
    /// </summary>
    protected async Task<ApiResult?> ReadCaseAsync(string apiPath, CancellationToken ct)
    {
        var point = Version is { } v ? $"?version={v}" : !string.IsNullOrEmpty(AsOf) ? $"?asOf={Uri.EscapeDataString(Moment(AsOf))}" : "";
        var read = await Api.GetAsync(apiPath + point, ct);
        if (read.Status == StatusCodes.Status404NotFound || (read.Status == StatusCodes.Status400BadRequest && !Historic))
        {
            return null;
        }

        if (!read.Ok)
        {
            Failed(read);
            Version = null;
            AsOf = null;
            read = await Api.GetAsync(apiPath, ct);
        }

        return read.Ok ? read : null;
    }

    private async Task<bool> LoadPageAsync(CancellationToken ct)
    {
        Notice ??= TempData["notice"] as string;
        var timeline = TimelineAsync(ct);
        if (!await LoadAsync(ct))
        {
            return false;
        }

        Timeline = await timeline;
        if (Historic)
        {
            Timeline = [.. Timeline.Where(e => e.Entry.Version <= ShownVersion)];
        }

        return true;
    }

    /// <summary>After a command sent from one of the page's forms (its fields named <paramref name="prefix"/>.Field).</summary>
    protected async Task<IActionResult> AfterAsync(ApiResult result, string prefix, CancellationToken ct, string? next = null)
    {
        if (result.Ok)
        {
            TempData["notice"] = T["saved"];
            return Redirect(next ?? PagePath);
        }

        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFoundPage();
        }

        Failed(result);
        foreach (var field in Errors.Keys.ToList())
        {
            Errors[prefix + "." + field] = Errors[field];
        }

        // A stale form is shown again on the current version: the user sees what changed and sends again.
        ModelState.Clear();
        Version = null;
        AsOf = null;
        return await LoadPageAsync(ct) ? Page() : NotFoundPage();
    }

    /// <summary>The case's timeline, page after page (at most ten pages of the audit trail's largest page).</summary>
    private async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(CancellationToken ct)
    {
        var entries = new List<TimelineEntry>();
        long? after = 0;
        for (var page = 0; page < 10 && after is { } cursor; page++)
        {
            var read = await Api.GetAsync($"/api/cases/{Id}/timeline?after={cursor}&limit={AuditTrailQuery.MaxLimit}", ct);
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
    public static string Moment(string value) =>
        value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) ? value : (value.Length == 16 ? value + ":00" : value) + "Z";

    /// <summary>A nullable text field as the API wants it (blank = absent).</summary>
    protected static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
