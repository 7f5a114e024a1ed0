using Wolverine.Http.Runtime.MultiTenancy;

namespace EthicalIct.Api.Identity;

/// <summary>
/// The Marten tenant of every request is the caller's organisation number, taken from the validated token and
/// nothing else. A token without one of the three organisations yields no tenant, and the request is refused.
/// </summary>
public sealed class OrganisationTenantDetection : ITenantDetection
{
    public ValueTask<string?> DetectTenant(HttpContext context) => ValueTask.FromResult(Caller.From(context.User)?.OrgNumber);
}
