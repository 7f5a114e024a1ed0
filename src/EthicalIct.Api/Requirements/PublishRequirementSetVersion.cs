using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>Publish a drafted version; it supersedes the previously published one.</summary>
public sealed record PublishRequirementSetVersion(long? ExpectedVersion = null);

public static class PublishRequirementSetVersionDecision
{
    public static ProblemDetails? MustBeDraft(RequirementSet set, int setVersion) => set.Find(setVersion) switch
    {
        null => Problems.NotFound($"No version {setVersion} of this requirement set."),
        { Status: SetVersionStatus.Draft } => null,
        var v => Problems.Conflict($"Version {setVersion} is {v.Status.ToString().ToLowerInvariant()}, not a draft.",
            new Dictionary<string, object?> { ["field"] = "setVersion" }),
    };

    public static RequirementSetVersionPublished Decide(RequirementSet set, int setVersion, Caller caller, DateTimeOffset now) =>
        new(set.Id, setVersion, set.CurrentVersion, caller.OrgNumber, caller.UserId, now);
}

public static class PublishRequirementSetVersionEndpoint
{
    public static ProblemDetails Validate(PublishRequirementSetVersion cmd, int setVersion, [FromHeader(Name = "If-Match")] string? ifMatch, RequirementSet requirementSet) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, requirementSet.Version)
        ?? PublishRequirementSetVersionDecision.MustBeDraft(requirementSet, setVersion)
        ?? WolverineContinue.NoProblems;

    /// <summary>Publish a drafted version. Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets/{requirementSetId}/versions/{setVersion}/publish")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<RequirementSetResponse>(StatusCodes.Status200OK)]
    public static (RequirementSetResponse, Events) Post(PublishRequirementSetVersion cmd, int setVersion, [WriteAggregate] RequirementSet requirementSet,
        ClaimsPrincipal user, TimeProvider clock) =>
        (new RequirementSetResponse(requirementSet.Id, setVersion, requirementSet.Version + 1),
            [PublishRequirementSetVersionDecision.Decide(requirementSet, setVersion, user.Caller(), clock.GetUtcNow())]);
}
