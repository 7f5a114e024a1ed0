using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages;

/// <summary>
/// Serves an evidence file or bundle to the browser: those routes of the API need the bearer token the
/// cookie carries, so the page fetches the file through the API with it (same access rules, same 404s).
/// </summary>
public sealed partial class DownloadModel(ApiClient api) : WebPage
{
    /// <summary>Evidence files and evidence bundles of cases and suppliers; nothing else.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^/api/(([a-z-]+/[0-9a-f-]{36}/evidence/[0-9a-f-]{36}/file)|(disclosures/[0-9a-f-]{36}/file)|(audit/bundles/[0-9a-f-]{36})|(suppliers/[0-9a-f-]{36}/bundle))$")]
    private static partial System.Text.RegularExpressions.Regex Downloadable();

    public async Task<IActionResult> OnGetAsync(string? path, CancellationToken ct)
    {
        if (path is null || !Downloadable().IsMatch(path))
        {
            return NotFoundPage();
        }

        var (status, bytes, contentType, fileName) = await api.GetFileAsync(path, ct);
        if (status == StatusCodes.Status200OK)
        {
            return File(bytes, contentType ?? "application/octet-stream", fileName);
        }

        if (status == StatusCodes.Status404NotFound)
        {
            return NotFoundPage();
        }

        // Another answer (a bundle before a checkpoint covers the case: 409): the API's reason, with its status.
        Response.StatusCode = status;
        NoticeIsError = true;
        Notice = contentType?.Contains("json", StringComparison.Ordinal) == true
            ? System.Text.Json.Nodes.JsonNode.Parse(bytes)?["detail"]?.GetValue<string>() ?? T["error"]
            : T["error"];
        return Partial("_MessagePage", this);
    }
}
