using EthicalIct.Api.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace EthicalIct.Api.Web;

/// <summary>
/// The web interface (ADR 0018): Razor Pages under <c>Web/Pages</c>, signed in with a cookie of their own
/// (<c>HttpOnly</c>, <c>SameSite=Lax</c>, <c>Secure</c> outside Development) that carries the user's API token. In
/// production the sign-in is OpenID Connect (<c>Web:Oidc:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>; the
/// access token the provider issues for the API is kept); in Development a sign-in page mints a development token for a
/// chosen organisation, role and name. Razor Pages check the anti-forgery token of every form post.
/// </summary>
public static class WebConfiguration
{
    public const string Scheme = "web";
    public const string TokenName = "access_token";
    public const string Policy = "web-user";

    public static WebApplicationBuilder AddEthicalIctWeb(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Web/Pages";
            o.Conventions.AuthorizeFolder("/", Policy);
            o.Conventions.AllowAnonymousToPage("/SignIn");
        }).AddMvcOptions(o => o.ModelMetadataDetailsProviders.Add(new KeepEmptyText()));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ethicalict-antiforgery";
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<ApiClient>(c => c.Timeout = TimeSpan.FromSeconds(30));

        var auth = builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "ethicalict";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/sign-in";
            o.AccessDeniedPath = "/sign-in";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = false;
        });
        var oidc = builder.Configuration.GetSection("Web:Oidc");
        if (!string.IsNullOrEmpty(oidc["Authority"]))
        {
            auth.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.SignInScheme = Scheme;
                o.Authority = oidc["Authority"];
                o.ClientId = oidc["ClientId"];
                o.ClientSecret = oidc["ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = true; // the access token (for the API's audience) travels in the cookie's properties
                o.MapInboundClaims = false;
                foreach (var scope in oidc.GetSection("Scopes").Get<string[]>() ?? [])
                {
                    o.Scope.Add(scope);
                }
            });
        }

        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .RequireAssertion(c => Caller.From(c.User) is not null));
        return builder;
    }

    public static WebApplication MapEthicalIctWeb(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>Whether the development sign-in is offered (Development with a signing key, and no OpenID Connect configured).</summary>
    public static bool DevelopmentSignIn(IWebHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && !string.IsNullOrEmpty(configuration["Auth:DevSigningKey"]) && string.IsNullOrEmpty(configuration["Web:Oidc:Authority"]);
}

/// <summary>
/// A field left empty is sent to the API as empty text, not as absent: the API then names it in its answer ("describe
/// the action") instead of the request failing as malformed (ASP.NET's binding turns "" into null by default).
/// </summary>
internal sealed class KeepEmptyText : Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DisplayMetadataProviderContext context) =>
        context.DisplayMetadata.ConvertEmptyStringToNull = context.Key.ModelType != typeof(string) && context.DisplayMetadata.ConvertEmptyStringToNull;
}
