using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>Draft the first version of a new harmonised requirement set (coordinators).</summary>
public sealed record DraftRequirementSet(string Title, IReadOnlyList<Clause> Clauses, IReadOnlyList<QuestionnaireSection> Sections);

/// <summary>Draft the next version of a requirement set (coordinators); only one unpublished draft at a time.</summary>
public sealed record DraftRequirementSetVersion(IReadOnlyList<Clause> Clauses, IReadOnlyList<QuestionnaireSection> Sections, long? ExpectedVersion = null);

public sealed record RequirementSetResponse(Guid RequirementSetId, int SetVersion, long Version);

public static class DraftRequirementSetDecision
{
    /// <summary>Clause and question ids are unique; OECD steps are 1–6; there is something to adopt.</summary>
    public static IReadOnlyList<FieldError> ValidateContent(IReadOnlyList<Clause> clauses, IReadOnlyList<QuestionnaireSection> sections)
    {
        var errors = new List<FieldError>();
        if (clauses.Count == 0 && sections.Count == 0)
        {
            errors.Add(new("clauses", "a version needs clauses or questionnaire sections"));
        }

        for (var i = 0; i < clauses.Count; i++)
        {
            var c = clauses[i];
            if (string.IsNullOrWhiteSpace(c.ClauseId) || string.IsNullOrWhiteSpace(c.Title) || string.IsNullOrWhiteSpace(c.Text))
            {
                errors.Add(new($"clauses[{i}]", "needs a clauseId, a title and a text"));
            }

            if (c.OecdSteps.Any(s => s is < 1 or > 6))
            {
                errors.Add(new($"clauses[{i}].oecdSteps", "OECD due-diligence steps are 1 to 6"));
            }
        }

        foreach (var dup in clauses.GroupBy(c => c.ClauseId).Where(g => g.Count() > 1))
        {
            errors.Add(new("clauses", $"clause id '{dup.Key}' is used twice"));
        }

        for (var i = 0; i < sections.Count; i++)
        {
            var s = sections[i];
            if (s.OecdStep is < 1 or > 6)
            {
                errors.Add(new($"sections[{i}].oecdStep", "OECD due-diligence steps are 1 to 6"));
            }

            if (s.Questions.Count == 0 || s.Questions.Any(q => string.IsNullOrWhiteSpace(q.QuestionId) || string.IsNullOrWhiteSpace(q.Text)))
            {
                errors.Add(new($"sections[{i}].questions", "each section needs questions, each with a questionId and a text"));
            }
        }

        foreach (var dup in sections.SelectMany(s => s.Questions).GroupBy(q => q.QuestionId).Where(g => g.Count() > 1))
        {
            errors.Add(new("sections", $"question id '{dup.Key}' is used twice"));
        }

        return errors;
    }

    public static IReadOnlyList<FieldError> Validate(DraftRequirementSet cmd) =>
    [
        .. string.IsNullOrWhiteSpace(cmd.Title) ? [new FieldError("title", "give the requirement set a title")] : Array.Empty<FieldError>(),
        .. ValidateContent(cmd.Clauses, cmd.Sections),
    ];

    public static ProblemDetails? OneDraftAtATime(RequirementSet set) =>
        set.Versions.FirstOrDefault(v => v.Status == SetVersionStatus.Draft) is { } draft
            ? Problems.Conflict($"Version {draft.SetVersion} is still a draft; publish it before drafting another.",
                new Dictionary<string, object?> { ["field"] = "setVersion", ["draftVersion"] = draft.SetVersion })
            : null;

    public static RequirementSetVersionDrafted Decide(Guid id, string title, int setVersion, IReadOnlyList<Clause> clauses,
        IReadOnlyList<QuestionnaireSection> sections, Caller caller, DateTimeOffset now) =>
        new(id, title.Trim(), setVersion, clauses, sections, caller.OrgNumber, caller.UserId, now);
}

public static class DraftRequirementSetEndpoint
{
    public static ProblemDetails Validate(DraftRequirementSet cmd) =>
        Problems.Validation(DraftRequirementSetDecision.Validate(cmd)) ?? WolverineContinue.NoProblems;

    /// <summary>Draft a new requirement set (version 1). Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<RequirementSetResponse>(StatusCodes.Status201Created)]
    public static (IResult, IStartStream) Post(DraftRequirementSet cmd, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var drafted = DraftRequirementSetDecision.Decide(id, cmd.Title, 1, cmd.Clauses, cmd.Sections, user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/requirement-sets/{id}", new RequirementSetResponse(id, 1, 1)), MartenOps.StartStream<RequirementSet>(id, drafted));
    }
}

public static class DraftRequirementSetVersionEndpoint
{
    public static ProblemDetails Validate(DraftRequirementSetVersion cmd, [FromHeader(Name = "If-Match")] string? ifMatch, RequirementSet requirementSet) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, requirementSet.Version)
        ?? DraftRequirementSetDecision.OneDraftAtATime(requirementSet)
        ?? Problems.Validation(DraftRequirementSetDecision.ValidateContent(cmd.Clauses, cmd.Sections))
        ?? WolverineContinue.NoProblems;

    /// <summary>Draft the next version of a requirement set. Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets/{requirementSetId}/versions")]
    [Authorize(Policy = Policies.Coordinator)]
    [ProducesResponseType<RequirementSetResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(DraftRequirementSetVersion cmd, [WriteAggregate] RequirementSet requirementSet, ClaimsPrincipal user, TimeProvider clock)
    {
        var next = requirementSet.Versions.Max(v => v.SetVersion) + 1;
        var drafted = DraftRequirementSetDecision.Decide(requirementSet.Id, requirementSet.Title, next, cmd.Clauses, cmd.Sections, user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/requirement-sets/{requirementSet.Id}", new RequirementSetResponse(requirementSet.Id, next, requirementSet.Version + 1)), [drafted]);
    }
}
