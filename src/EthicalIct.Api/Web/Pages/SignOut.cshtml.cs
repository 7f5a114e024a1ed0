using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Web.Pages;

public sealed class SignOutModel : WebPage
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebConfiguration.Scheme);
        return LocalRedirect("/sign-in");
    }
}
