using Wolverine.Http;

namespace EthicalIct.Api.Organisations;

public static class GetOrganisationsEndpoint
{
    /// <summary>The participating organisations (reference data).</summary>
    [WolverineGet("/api/organisations")]
    public static IReadOnlyList<Organisation> Get() => Organisations.All;
}
