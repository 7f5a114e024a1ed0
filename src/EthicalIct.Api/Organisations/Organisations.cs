using System.Text.Json.Serialization;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Organisations", "Organisations", "The participating organisations (reference data).")]

namespace EthicalIct.Api.Organisations;

public enum OrganisationType
{
    [JsonStringEnumMemberName("municipality")] Municipality,
    [JsonStringEnumMemberName("state-agency")] StateAgency,
    [JsonStringEnumMemberName("health-trust")] HealthTrust,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>
/// A party to the cooperation agreement (the founding parties come from configuration, <c>Cooperation:FoundingParties</c>).
/// The organisation number is the tenant id.
/// </summary>
public sealed record Organisation(string OrgNumber, string Name, string ShortName, OrganisationType Type);
