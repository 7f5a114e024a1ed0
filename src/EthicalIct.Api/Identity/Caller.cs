using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EthicalIct.Api.Identity;

public enum Role
{
    Coordinator,
    CaseOfficer,
    Auditor,
    Partner,

    /// <summary>Sees public-class events only, through the partner channels; never writes (an observer organisation outside the agreement, or a party's public-facing system).</summary>
    Observer,
}

/// <summary>
/// Who did something, as every event records it: the organisation, the person (the token's subject), the person's
/// name as the token gives it, and the role they acted in. Scheduled checks act as <see cref="System"/>.
/// </summary>
public sealed record Actor(string Org, string Person, string Name, string Role)
{
    public static readonly Actor System = new("system", "scheduler", "Scheduled check", "system");
}

/// <summary>
/// The caller as stated by a validated bearer token: the organisation (Maskinporten-shaped <c>consumer</c> claim,
/// <c>0192:&lt;orgno&gt;</c>), the role and the person. The organisation is taken from the token only. Every endpoint
/// receives it as a <c>Caller caller</c> parameter (bound once per request by <see cref="CallerBinding"/>).
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

    public bool IsCoordinator => Role == Role.Coordinator;

    /// <summary>The role as it appears in tokens and events (e.g. "case-officer").</summary>
    public string RoleText => RoleName(Role);

    /// <summary>The caller as events record it.</summary>
    public Actor Actor => new(OrgNumber, UserId, string.IsNullOrWhiteSpace(Name) ? UserId : Name, RoleText);

    public static string RoleName(Role role) => role switch
    {
        Role.Coordinator => "coordinator",
        Role.CaseOfficer => "case-officer",
        Role.Auditor => "auditor",
        Role.Partner => "partner",
        Role.Observer => "observer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static Role? ParseRole(string? value) => value switch
    {
        "coordinator" => Role.Coordinator,
        "case-officer" => Role.CaseOfficer,
        "auditor" => Role.Auditor,
        "partner" => Role.Partner,
        "observer" => Role.Observer,
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
                id = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("ID", out var v) && v.ValueKind == JsonValueKind.String
                    ? v.GetString()
                    : null;
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
    /// The caller, or null when the token does not name exactly one of the participating organisations, exactly one
    /// known role and exactly one subject. Anything ambiguous (a claim given twice, a role list) is refused.
    /// </summary>
    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        // Read once per principal: the policies, the tenant detection and the endpoint all ask.
        return Parsed.GetValue(user, static u => new StrongBox<Caller?>(Parse(u))).Value;
    }

    private static readonly ConditionalWeakTable<ClaimsPrincipal, StrongBox<Caller?>> Parsed = new();

    private static Caller? Parse(ClaimsPrincipal user)
    {
        if (Single(user, ConsumerClaim) is not { } consumer || Single(user, RoleClaim) is not { } roleText
            || Single(user, SubjectClaim) is not { } subject || string.IsNullOrWhiteSpace(subject) || subject.Length > 200)
        {
            return null;
        }

        var names = user.FindAll(NameClaim).ToList();
        if (names.Count > 1 || names.Any(n => n.Value.Length > 200))
        {
            return null;
        }

        var org = ParseConsumer(consumer);
        var role = ParseRole(roleText);
        if (org is null || role is null)
        {
            return null;
        }

        return new Caller(org, role.Value, subject, names.Count == 1 && !string.IsNullOrWhiteSpace(names[0].Value) ? names[0].Value : null);
    }

    private static string? Single(ClaimsPrincipal user, string type)
    {
        string? found = null;
        foreach (var claim in user.FindAll(type))
        {
            if (found is not null)
            {
                return null;
            }

            found = claim.Value;
        }

        return found;
    }

    [GeneratedRegex("^0192:([0-9]{9})$")]
    private static partial Regex ConsumerPattern();
}
