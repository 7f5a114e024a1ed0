using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Development;
using EthicalIct.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;

namespace EthicalIct.Api.Identity;

public static class IdentityConfiguration
{
    /// <summary>
    /// Bearer tokens: in Development signed with <c>Auth:DevSigningKey</c>; elsewhere validated against the issuer
    /// and JWKS of <c>Auth:Authority</c> (or <c>Auth:MetadataAddress</c>) with audience <c>Auth:Audience</c>. One
    /// authorization policy per <see cref="RoleSet"/>; each also requires a well-formed caller (<see cref="Caller.From"/>).
    /// </summary>
    public static WebApplicationBuilder AddEthicalIctIdentity(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth");
        var devKey = auth["DevSigningKey"];
        var useDevKey = builder.Environment.IsDevelopment() && !string.IsNullOrEmpty(devKey);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (useDevKey)
            {
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = DevTokens.Issuer,
                    ValidAudience = DevTokens.Audience,
                    IssuerSigningKey = DevTokens.Key(devKey!),
                    ValidateIssuerSigningKey = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                return;
            }

            var authority = auth["Authority"];
            var metadata = auth["MetadataAddress"];
            if (string.IsNullOrEmpty(authority) && string.IsNullOrEmpty(metadata))
            {
                throw new InvalidOperationException(
                    "No token issuer configured: set Auth:Authority (or Auth:MetadataAddress) and Auth:Audience. " +
                    "The development signing key is accepted only in the Development environment.");
            }

            o.Authority = authority;
            if (!string.IsNullOrEmpty(metadata))
            {
                o.MetadataAddress = metadata;
            }

            o.Audience = auth["Audience"];
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = auth["Issuer"] ?? authority,
                ValidateAudience = !string.IsNullOrEmpty(auth["Audience"]),
                ValidateIssuerSigningKey = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });

        var policies = builder.Services.AddAuthorizationBuilder();
        foreach (var set in Enum.GetValues<RoleSet>())
        {
            // The caller's organisation must be admitted: a party of the cooperation agreement in force (or, for
            // reading, an auditor of a former party); the set comes from Parties, reloaded when the agreement changes.
            policies.AddPolicy(Policies.For(set), p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => Caller.From(c.User) is { } caller && Policies.Allows(set, caller.Role)
                                       && c.Resource is HttpContext http && http.RequestServices.GetRequiredService<Parties>().Current.Admits(caller)));
        }

        return builder;
    }

    /// <summary>
    /// Every endpoint: the Marten tenant is the caller's organisation (from the token, nothing else), a well-formed
    /// caller is required (the <see cref="RoleSet.Subscribers"/> policy: any admitted caller) on top of the roles the endpoint declares with
    /// <see cref="AllowAttribute"/>, and a <c>Caller caller</c> parameter receives the caller.
    /// </summary>
    public static WolverineHttpOptions UseEthicalIctIdentity(this WolverineHttpOptions o)
    {
        o.TenantId.DetectWith(new OrganisationTenantDetection());
        o.TenantId.AssertExists();
        o.AddParameterHandlingStrategy(new RequestVariableStrategy(p => p.ParameterType == typeof(Caller),
            () => new RequestValueFrame(typeof(Caller), "caller", typeof(HttpContext), $"{typeof(CallerBinding).FullName}.{nameof(CallerBinding.Of)}({{0}})").Variable));
        o.AddParameterHandlingStrategy(new RequestVariableStrategy(p => p.ParameterType == typeof(PartySet),
            () => new RequestValueFrame(typeof(PartySet), "parties", typeof(Parties), "{0}.Current").Variable));
        o.AddMiddleware(typeof(EventAuthorship), CommandConventions.IsCommand);
        o.ConfigureEndpoints(chain => chain.RequireAuthorization(Policies.Subscribers));
        return o;
    }
}

public static class CallerBinding
{
    /// <summary>The caller of an endpoint; the authorization policies guarantee there is one.</summary>
    public static Caller Of(HttpContext context) =>
        Caller.From(context.User) ?? throw new InvalidOperationException("No participating caller: the endpoint is missing its authorization policy.");
}

/// <summary>Stamps the events a command appends with the user name <c>&lt;orgno&gt;/&lt;subject&gt;</c> (Marten's <c>user_name</c> column).</summary>
public static class EventAuthorship
{
    public static void Before(Caller caller, Marten.IDocumentSession session) => session.LastModifiedBy = $"{caller.OrgNumber}/{caller.UserId}";
}
