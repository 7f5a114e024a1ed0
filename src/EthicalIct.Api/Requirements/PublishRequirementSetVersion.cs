using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>Publish a drafted version; it supersedes the previously published one.</summary>
public sealed record PublishRequirementSetVersion(long? ExpectedVersion = null);

public static class PublishRequirementSetVersionEndpoint
{
    public static ProblemDetails Validate(PublishRequirementSetVersion command, RequirementSet requirementSet, int setVersion) =>
            (requirementSet.Status(setVersion) switch
        {
            null => Problems.NotFound($"No version {setVersion} of this requirement set."),
            SetVersionStatus.Draft => null,
            var status => Problems.Conflict($"Version {setVersion} is {status.Value.ToString().ToLowerInvariant()}, not a draft.",
                new Dictionary<string, object?> { ["field"] = "setVersion" }),
        })
            ?? Problems.None;

    public static RequirementSetVersionPublished Decide(PublishRequirementSetVersion command, RequirementSet requirementSet, int setVersion, Caller caller, DateTimeOffset now) =>
        new(requirementSet.Id, setVersion, requirementSet.CurrentVersion, caller.Actor, now);

    /// <summary>Publish a drafted version. Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets/{requirementSetId}/versions/{setVersion}/publish"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Ok<RequirementSetResponse>, Events) Post(PublishRequirementSetVersion command, int setVersion, [WriteAggregate] RequirementSet requirementSet,
        Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RequirementSetResponse(requirementSet.Id, setVersion, requirementSet.Version + 1)), [Decide(command, requirementSet, setVersion, caller, now)]);
}
