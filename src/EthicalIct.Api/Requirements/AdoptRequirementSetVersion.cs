using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>The caller's organisation adopts the current published version, by its coordinator's decision.</summary>
public sealed record AdoptRequirementSetVersion(int SetVersion, string Rationale, long? ExpectedVersion = null);

public static class AdoptRequirementSetVersionDecision
{
    public static ProblemDetails? Check(AdoptRequirementSetVersion cmd, RequirementSet set, string org)
    {
        if (Problems.Validation([.. string.IsNullOrWhiteSpace(cmd.Rationale) ? [new FieldError("rationale", "an adoption is a decision and needs a rationale")] : Array.Empty<FieldError>()]) is { } invalid)
        {
            return invalid;
        }

        var version = set.Find(cmd.SetVersion);
        if (version is null)
        {
            return Problems.Invalid("setVersion", $"no version {cmd.SetVersion} of this requirement set");
        }

        if (version.Status != SetVersionStatus.Published)
        {
            return Problems.Conflict($"Version {cmd.SetVersion} is {version.Status.ToString().ToLowerInvariant()}; only the current published version ({set.CurrentVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none yet"}) can be adopted.",
                new Dictionary<string, object?> { ["field"] = "setVersion", ["currentVersion"] = set.CurrentVersion });
        }

        return set.Adoptions.TryGetValue(org, out var current) && current.SetVersion == cmd.SetVersion
            ? Problems.Conflict($"Your organisation has already adopted version {cmd.SetVersion}.", new Dictionary<string, object?> { ["field"] = "setVersion" })
            : null;
    }

    public static RequirementSetVersionAdopted Decide(AdoptRequirementSetVersion cmd, RequirementSet set, Caller caller, DateTimeOffset now) =>
        new(set.Id, cmd.SetVersion, set.Adoptions.TryGetValue(caller.OrgNumber, out var old) ? old.SetVersion : null, cmd.Rationale.Trim(),
            caller.OrgNumber, caller.UserId, caller.RoleText, now);
}

public static class AdoptRequirementSetVersionEndpoint
{
    public static ProblemDetails Validate(AdoptRequirementSetVersion cmd, [FromHeader(Name = "If-Match")] string? ifMatch, RequirementSet requirementSet, ClaimsPrincipal user) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, requirementSet.Version)
        ?? AdoptRequirementSetVersionDecision.Check(cmd, requirementSet, user.Caller().OrgNumber)
        ?? WolverineContinue.NoProblems;

    /// <summary>Adopt a published version for the caller's organisation. Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets/{requirementSetId}/adoptions")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<RequirementSetResponse>(StatusCodes.Status200OK)]
    public static (RequirementSetResponse, Events) Post(AdoptRequirementSetVersion cmd, [WriteAggregate] RequirementSet requirementSet, ClaimsPrincipal user, TimeProvider clock) =>
        (new RequirementSetResponse(requirementSet.Id, cmd.SetVersion, requirementSet.Version + 1),
            [AdoptRequirementSetVersionDecision.Decide(cmd, requirementSet, user.Caller(), clock.GetUtcNow())]);
}
