using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Requirements;

/// <summary>Draft the first version of a new harmonised requirement set (coordinators).</summary>
public sealed record DraftRequirementSet(string Title, IReadOnlyList<Clause> Clauses, IReadOnlyList<QuestionnaireSection> Sections);

public sealed record RequirementSetResponse(Guid RequirementSetId, int SetVersion, long Version);

public static class DraftRequirementSetEndpoint
{
    public static ProblemDetails Validate(DraftRequirementSet command) =>
            Problems.Validation([
            .. Rules.Text(command.Title, "title", "give the requirement set a title", 300),
            .. ValidateContent(command.Clauses, command.Sections),
        ])
            ?? Problems.None;

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

    public static RequirementSetVersionDrafted Decide(DraftRequirementSet command, Guid requirementSetId, Caller caller, DateTimeOffset now) =>
        new(requirementSetId, command.Title.Trim(), 1, command.Clauses, command.Sections, caller.Actor, now);

    /// <summary>Draft a new requirement set (version 1). Coordinators only.</summary>
    [WolverinePost("/api/requirement-sets"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Created<RequirementSetResponse>, IStartStream) Post(DraftRequirementSet command, Caller caller, DateTimeOffset now)
    {
        var drafted = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/requirement-sets/{drafted.RequirementSetId}", new RequirementSetResponse(drafted.RequirementSetId, 1, 1)),
            MartenOps.StartStream<RequirementSet>(drafted.RequirementSetId, drafted));
    }
}
