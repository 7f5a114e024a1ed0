using EthicalIct.Api.Identity;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

/// <summary>
/// The last full verification of the hash chain (<see cref="ChainWatch"/>, every <c>Audit:VerifyEverySeconds</c>):
/// <c>not-verified-yet</c>, <c>holds</c> (entries checked, checkpoints and witnesses seen) or <c>broken</c> (where, and why).
/// </summary>
public sealed record ChainStatusView(string Status, long Checked, int Checkpoints, long? Ordinal, long? Position, string? Problem, int VerifyEverySeconds);

public static class ChainStatusQuery
{
    /// <summary>The whole chain's status as the background verification last found it (the same as <c>/health/ready</c>'s chain entry).</summary>
    [WolverineGet("/api/audit/chain"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<ChainStatusView>(StatusCodes.Status200OK)]
    public static ChainStatusView Get(ChainStatus status, IConfiguration config) => View(status.Last, config.GetValue("Audit:VerifyEverySeconds", 300));

    public static ChainStatusView View(Verification? last, int everySeconds) => last switch
    {
        null => new("not-verified-yet", 0, 0, null, null, null, everySeconds),
        { Holds: true } v => new("holds", v.Checked, v.Checkpoints, null, null, null, everySeconds),
        { } v => new("broken", v.Checked, v.Checkpoints, v.Ordinal, v.Position, v.Problem, everySeconds),
    };
}
