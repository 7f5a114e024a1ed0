using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace EthicalIct.Api.Identity;

public static class Policies
{
    /// <summary>A valid token naming one of the three organisations and a known role.</summary>
    public const string Participant = "participant";

    /// <summary>A participant with a writing role (coordinator or case officer).</summary>
    public const string Writer = "writer";

    /// <summary>A participant with the coordinator role.</summary>
    public const string Coordinator = "coordinator";
}

public static class IdentitySetup
{
    /// <summary>
    /// Bearer tokens: in Development signed with <c>Auth:DevSigningKey</c>; elsewhere validated against the issuer
    /// and JWKS of <c>Auth:Authority</c> (or <c>Auth:MetadataAddress</c>) with audience <c>Auth:Audience</c>.
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

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Participant, p => p.RequireAuthenticatedUser().RequireAssertion(c => Caller.From(c.User) is not null))
            .AddPolicy(Policies.Writer, p => p.RequireAuthenticatedUser().RequireAssertion(c => Caller.From(c.User)?.CanWrite == true))
            .AddPolicy(Policies.Coordinator, p => p.RequireAuthenticatedUser().RequireAssertion(c => Caller.From(c.User)?.Role == Role.Coordinator));

        builder.Services.AddHttpContextAccessor();
        return builder;
    }
}
