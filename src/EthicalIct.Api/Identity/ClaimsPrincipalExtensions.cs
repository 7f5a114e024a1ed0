using System.Security.Claims;

namespace EthicalIct.Api.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>
    /// The caller of an endpoint. Every Wolverine endpoint requires the participant policy, so a request that
    /// reaches an endpoint always has one.
    /// </summary>
    public static Caller Caller(this ClaimsPrincipal user) =>
        Identity.Caller.From(user) ?? throw new InvalidOperationException("No participating caller: the endpoint is missing its authorization policy.");
}
