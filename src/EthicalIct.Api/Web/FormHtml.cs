using System.Net;
using Microsoft.AspNetCore.Html;

namespace EthicalIct.Api.Web;

/// <summary>
/// A labelled form field with the API's reason beside it (linked by <c>aria-describedby</c> and marked
/// <c>aria-invalid</c>), the same on every page.
/// </summary>
public static class FormHtml
{
    public static IHtmlContent Field(string id, string name, string label, string? value, string? error, string type = "text", bool multiline = false)
    {
        var described = error is null ? "" : $" aria-describedby=\"{id}-error\" aria-invalid=\"true\"";
        var encoded = WebUtility.HtmlEncode(value ?? "");
        var input = multiline
            ? $"<textarea id=\"{id}\" name=\"{name}\" rows=\"3\" cols=\"40\"{described}>{encoded}</textarea>"
            : $"<input id=\"{id}\" name=\"{name}\" type=\"{type}\" value=\"{encoded}\"{described} />";
        return new HtmlString($"<label for=\"{id}\">{WebUtility.HtmlEncode(label)}</label>{input}" + Error(id, error));
    }

    /// <summary>The reason for a field drawn by hand (a select): shown under it with the id the field's <c>aria-describedby</c> names.</summary>
    public static IHtmlContent Error(string id, string? error) =>
        new HtmlString(error is null ? "" : $"<p class=\"error\" id=\"{id}-error\">{WebUtility.HtmlEncode(error)}</p>");
}
