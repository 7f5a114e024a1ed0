[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Organisations", "Organisations", "The participating organisations (reference data).")]

namespace EthicalIct.Api.Organisations;

public enum OrganisationType
{
    Municipality,
    StateAgency,
    HealthTrust,
}

/// <summary>One of the procurers that take part in the joint follow-up. The organisation number is the tenant id.</summary>
public sealed record Organisation(string OrgNumber, string Name, string ShortName, OrganisationType Type);

/// <summary>
/// The three procurers, seeded as reference data (docs/adr/0003-identity.md). An organisation number that is not
/// listed here is refused at the door (403), so no tenant can ever be created for it.
/// </summary>
public static class Organisations
{
    public static readonly Organisation OsloKommune =
        new("958935420", "Oslo kommune", "Oslo kommune", OrganisationType.Municipality);

    public static readonly Organisation Dfo =
        new("986252932", "Direktoratet for forvaltning og økonomistyring / Statens innkjøpssenter", "DFØ", OrganisationType.StateAgency);

    public static readonly Organisation Sykehusinnkjop =
        new("916879067", "Sykehusinnkjøp HF", "Sykehusinnkjøp", OrganisationType.HealthTrust);

    public static IReadOnlyList<Organisation> All { get; } = [OsloKommune, Dfo, Sykehusinnkjop];

    public static IReadOnlyList<string> OrgNumbers { get; } = [.. All.Select(o => o.OrgNumber)];

    public static Organisation? Find(string? orgNumber) => All.FirstOrDefault(o => o.OrgNumber == orgNumber);

    public static bool IsParticipant(string? orgNumber) => Find(orgNumber) is not null;
}
