using System.Security.Claims;
using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Development;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EthicalIct.Api.Web.Pages;

/// <summary>
/// Sign-in: in Development a form that mints a development token for an admitted organisation, a role and a name; with
/// OpenID Connect configured, a button that starts the provider's sign-in. Either way the cookie carries the API token.
/// </summary>
public sealed class SignInModel(IWebHostEnvironment environment, IConfiguration configuration, Parties parties) : WebPage
{
    public static readonly string[] Roles = ["case-officer", "coordinator", "auditor", "partner", "observer"];

    public bool Development => WebConfiguration.DevelopmentSignIn(environment, configuration);

    public bool Oidc => !string.IsNullOrEmpty(configuration["Web:Oidc:Authority"]);

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<(string Number, string Name)> Organisations =>
        [.. parties.Current.Current.Select(p => (p.OrgNumber, p.Name))];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string org, string role, string name)
    {
        if (!Development)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            Errors["name"] = T.Language == "en" ? "Give a name of 1 to 100 characters." : "Oppgi et navn på 1 til 100 tegn.";
            return Page();
        }

        if (!Roles.Contains(role) || Organisations.All(o => o.Number != org))
        {
            return BadRequest();
        }

        var token = DevTokens.Create(configuration["Auth:DevSigningKey"]!, org, role, subject: $"{name.Trim().ToLowerInvariant().Replace(' ', '.')}@{org}", name: name.Trim());
        var claims = new JsonWebTokenHandler().ReadJsonWebToken(token).Claims;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, WebConfiguration.Scheme));
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = WebConfiguration.TokenName, Value = token }]);
        await HttpContext.SignInAsync(WebConfiguration.Scheme, principal, properties);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public IActionResult OnPostOidc() =>
        Oidc ? Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, OpenIdConnectDefaults.AuthenticationScheme) : NotFound();
}
