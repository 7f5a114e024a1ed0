using EthicalIct.Api.Identity;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EthicalIct.Api.Development;

/// <summary>
/// Mints tokens signed with the development key (<c>Auth:DevSigningKey</c>). Only the Development environment
/// accepts them; nothing mints them over HTTP. Used by the <c>token</c> command and by the tests.
/// </summary>
public static class DevTokens
{
    public const string Issuer = "ethicalict-dev";
    public const string Audience = "ethicalict";

    public static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    public static string Create(string signingKey, string orgNumber, string role, string? subject = null, string? name = null,
        TimeSpan? lifetime = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var consumer = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["authority"] = "iso6523-actorid-upis",
            ["ID"] = Caller.OrgNumberPrefix + orgNumber,
        });
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(8)),
            Claims = new Dictionary<string, object>
            {
                [Caller.ConsumerClaim] = JsonDocument.Parse(consumer).RootElement.Clone(),
                [Caller.RoleClaim] = role,
                [Caller.SubjectClaim] = subject ?? $"{role}@{orgNumber}",
                [Caller.NameClaim] = name ?? $"{role} ({orgNumber})",
            },
            SigningCredentials = new SigningCredentials(Key(signingKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

}
