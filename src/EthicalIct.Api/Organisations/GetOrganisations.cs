using EthicalIct.Api.Identity;
using Wolverine.Http;

namespace EthicalIct.Api.Organisations;

public static class GetOrganisationsEndpoint
{
    /// <summary>The participating organisations (reference data).</summary>
    [WolverineGet("/api/organisations"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    public static IReadOnlyList<Organisation> Get() => Organisations.All;
}
