using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages;

/// <summary>Sets the language cookie (bokmål or English) and goes back to the page the link was on.</summary>
public sealed class LanguageModel : WebPage
{
    public IActionResult OnGet(string? to, string? back)
    {
        Response.Cookies.Append(Texts.Cookie, to == "en" ? "en" : "nb", new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
        return LocalRedirect(Url.IsLocalUrl(back) ? back! : "/");
    }
}
