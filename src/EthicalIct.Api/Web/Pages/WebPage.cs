using EthicalIct.Api.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EthicalIct.Api.Web.Pages;

/// <summary>What every page has: its words in the chosen language, the signed-in caller, and the field errors the API gave.</summary>
public abstract class WebPage : PageModel
{
    public Texts T => Texts.For(HttpContext);

    public Caller? Me => Caller.From(User);

    /// <summary>The API's reasons per field of the form last sent (shown beside the fields).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A message for the whole form (stale version, saved, a fault).</summary>
    public string? Notice { get; set; }

    public bool NoticeIsError { get; set; }

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    /// <summary>Takes a failed command's answer: the field errors, or the stale-version message, or the detail.</summary>
    protected void Failed(ApiResult result)
    {
        NoticeIsError = true;
        foreach (var (field, reason) in result.FieldErrors)
        {
            Errors[field] = reason;
        }

        Notice = result.Stale ? T["stale"] : Errors.Count > 0 ? T["invalid"] : result.Detail ?? T["error"];
    }

    /// <summary>A 404 page (the same answer for an unknown case and for one the caller may not see).</summary>
    protected IActionResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Partial("_NotFoundPage", this);
    }
}
