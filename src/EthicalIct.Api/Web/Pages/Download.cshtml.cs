using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages;

/// <summary>
/// Serves an evidence file to the browser: the file routes of the API (<c>/api/…/file</c>) need the bearer token the
/// cookie carries, so the page fetches the file through the API with it (same access rules, same 404s).
/// </summary>
public sealed class DownloadModel(ApiClient api) : WebPage
{
    public async Task<IActionResult> OnGetAsync(string path, CancellationToken ct)
    {
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || !path.EndsWith("/file", StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal)
            || path.Contains('?', StringComparison.Ordinal))
        {
            return NotFoundPage();
        }

        var (status, bytes, contentType, fileName) = await api.GetFileAsync(path, ct);
        return status == StatusCodes.Status200OK ? File(bytes, contentType ?? "application/octet-stream", fileName) : NotFoundPage();
    }
}
