using System.Globalization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>The caller's organisation adopts the current published version, by its coordinator's decision.</summary>
public sealed record AdoptRequirementSetVersion(int SetVersion, string Rationale, long? ExpectedVersion = null);

public static class AdoptRequirementSetVersionEndpoint
{
    public static ProblemDetails Validate(AdoptRequirementSetVersion command, RequirementSet requirementSet, Caller caller) =>
            Problems.Validation([.. Rules.Text(command.Rationale, "rationale", "an adoption is a decision and needs a rationale")])
            ?? (requirementSet.Status(command.SetVersion) switch
            {
                null => Problems.Invalid("setVersion", $"no version {command.SetVersion} of this requirement set"),
                SetVersionStatus.Published => null,
                var status => Problems.Conflict(
                    $"Version {command.SetVersion} is {status.Value.ToString().ToLowerInvariant()}; only the current published version ({requirementSet.CurrentVersion?.ToString(CultureInfo.InvariantCulture) ?? "none yet"}) can be adopted.",
                    new Dictionary<string, object?> { ["field"] = "setVersion", ["currentVersion"] = requirementSet.CurrentVersion }),
            })
            ?? (requirementSet.Adoptions.TryGetValue(caller.OrgNumber, out var current) && current == command.SetVersion
                ? Problems.Conflict($"Your organisation has already adopted version {command.SetVersion}.", new Dictionary<string, object?> { ["field"] = "setVersion" })
                : null)
            ?? Problems.None;

    public static RequirementSetVersionAdopted Decide(AdoptRequirementSetVersion command, RequirementSet requirementSet, Caller caller, DateTimeOffset now) =>
        new(requirementSet.Id, command.SetVersion, requirementSet.Adoptions.TryGetValue(caller.OrgNumber, out var old) ? old : null, command.Rationale.Trim(),
            caller.Actor, now);

    /// <summary>Adopt a published version for the caller's organisation. Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets/{requirementSetId}/adoptions"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Ok<RequirementSetResponse>, Events) Post(AdoptRequirementSetVersion command, [WriteAggregate] RequirementSet requirementSet, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RequirementSetResponse(requirementSet.Id, command.SetVersion, requirementSet.Version + 1)), [Decide(command, requirementSet, caller, now)]);
}
