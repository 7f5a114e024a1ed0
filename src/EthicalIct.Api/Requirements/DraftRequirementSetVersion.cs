using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>Draft the next version of a requirement set (coordinators); only one unpublished draft at a time.</summary>
public sealed record DraftRequirementSetVersion(IReadOnlyList<Clause> Clauses, IReadOnlyList<QuestionnaireSection> Sections, long? ExpectedVersion = null);

public static class DraftRequirementSetVersionEndpoint
{
    public static ProblemDetails Validate(DraftRequirementSetVersion command, RequirementSet requirementSet) =>
            (requirementSet.Versions.FirstOrDefault(v => v.Value == SetVersionStatus.Draft) is { Key: > 0 } draft
                ? Problems.Conflict($"Version {draft.Key} is still a draft; publish it before drafting another.",
                    new Dictionary<string, object?> { ["field"] = "setVersion", ["draftVersion"] = draft.Key })
                : null)
            ?? Problems.Validation(DraftRequirementSetEndpoint.ValidateContent(command.Clauses, command.Sections))
            ?? Problems.None;

    public static RequirementSetVersionDrafted Decide(DraftRequirementSetVersion command, RequirementSet requirementSet, Caller caller, DateTimeOffset now) =>
        new(requirementSet.Id, requirementSet.Title, requirementSet.Versions.Keys.Max() + 1, command.Clauses, command.Sections, caller.Actor, now);

    /// <summary>Draft the next version of a requirement set. Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets/{requirementSetId}/versions"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Created<RequirementSetResponse>, Events) Post(DraftRequirementSetVersion command, [WriteAggregate] RequirementSet requirementSet, Caller caller, DateTimeOffset now)
    {
        var drafted = Decide(command, requirementSet, caller, now);
        return (TypedResults.Created($"/api/requirement-sets/{requirementSet.Id}", new RequirementSetResponse(requirementSet.Id, drafted.SetVersion, requirementSet.Version + 1)),
            [drafted]);
    }
}
