using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using Wolverine.Http;

namespace EthicalIct.Api.Organisations;

public static class GetOrganisationsEndpoint
{
    /// <summary>The organisations the service admits: the parties of the cooperation agreement.</summary>
    [WolverineGet("/api/organisations"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    public static IReadOnlyList<Organisation> Get(PartySet parties) => parties.Current;
}
