using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using EthicalIct.Api.Organisations;

namespace EthicalIct.Api.Identity;

public enum Role
{
    Coordinator,
    CaseOfficer,
    Auditor,
    Partner,
}

/// <summary>
/// The caller as stated by a validated bearer token: the organisation (Maskinporten-shaped <c>consumer</c> claim,
/// <c>0192:&lt;orgno&gt;</c>), the role and the person. The organisation is taken from the token only.
/// </summary>
public sealed partial record Caller(string OrgNumber, Role Role, string UserId, string? Name)
{
    public const string ConsumerClaim = "consumer";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";

    /// <summary>ISO 6523 ICD 0192 is the Norwegian Enhetsregisteret.</summary>
    public const string OrgNumberPrefix = "0192:";

    public bool CanWrite => Role is Role.Coordinator or Role.CaseOfficer;

    /// <summary>The role as it appears in tokens and events (e.g. "case-officer").</summary>
    public string RoleText => RoleName(Role);

    public static string RoleName(Role role) => role switch
    {
        Role.Coordinator => "coordinator",
        Role.CaseOfficer => "case-officer",
        Role.Auditor => "auditor",
        Role.Partner => "partner",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Role? ParseRole(string? value) => value switch
    {
        "coordinator" => Role.Coordinator,
        "case-officer" => Role.CaseOfficer,
        "auditor" => Role.Auditor,
        "partner" => Role.Partner,
        _ => null,
    };

    /// <summary>The organisation number in a <c>consumer</c> claim: a Maskinporten JSON object or the plain string.</summary>
    public static string? ParseConsumer(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var id = value;
        if (value.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(value);
                id = doc.RootElement.TryGetProperty("ID", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        var match = id is null ? null : ConsumerPattern().Match(id);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    /// <summary>
    /// The caller, or null when the token does not name one of the participating organisations and a known role.
    /// </summary>
    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        // Read once per principal: the policies, the tenant detection, the middleware and the endpoint all ask.
        return Parsed.GetValue(user, static u => new StrongBox<Caller?>(Parse(u))).Value;
    }

    private static readonly ConditionalWeakTable<ClaimsPrincipal, StrongBox<Caller?>> Parsed = new();

    private static Caller? Parse(ClaimsPrincipal user)
    {
        var org = ParseConsumer(user.FindFirst(ConsumerClaim)?.Value);
        var role = ParseRole(user.FindFirst(RoleClaim)?.Value);
        var subject = user.FindFirst(SubjectClaim)?.Value;
        if (!Organisations.Organisations.IsParticipant(org) || role is null || string.IsNullOrWhiteSpace(subject))
        {
            return null;
        }

        return new Caller(org!, role.Value, subject, user.FindFirst(NameClaim)?.Value);
    }

    [GeneratedRegex("^0192:([0-9]{9})$")]
    private static partial Regex ConsumerPattern();
}
