using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Decide a mitigation measure for a risk, with an owner and a due date.</summary>
public sealed record DecideMitigation(string Description, string Owner, DateOnly DueDate, long? ExpectedVersion = null);

public static class DecideMitigationEndpoint
{
    public static ProblemDetails Validate(DecideMitigation command, Assessment assessment, Guid riskId, DateTimeOffset now)
    {
        var errors = new List<FieldError>(Rules.Text(command.Description, "description", "describe the measure"));
        errors.AddRange(Rules.Text(command.Owner, "owner", "name who is responsible for the measure", 200));
        if (command.DueDate < Rules.Today(now))
        {
            errors.Add(new("dueDate", "must not be in the past"));
        }

        return AssessmentRules.MustBeOpen(assessment)
            ?? AssessmentRules.RiskMustBeOpen(assessment, riskId)
            ?? Problems.Validation(errors)
            ?? Problems.None;
    }

    public static MitigationDecided Decide(DecideMitigation command, Assessment assessment, Guid riskId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, riskId, Ids.For(assessment.Id, assessment.Version, 0, now), command.Description.Trim(), command.Owner.Trim(), command.DueDate,
            caller.Actor, now);

    /// <summary>Decide a mitigation measure for a risk.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/mitigations"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<AssessmentItemResponse>, Events) Post(DecideMitigation command, Guid riskId, [WriteAggregate] Assessment assessment, Caller caller, DateTimeOffset now)
    {
        var decided = Decide(command, assessment, riskId, caller, now);
        return (TypedResults.Created($"/api/assessments/{assessment.Id}", new AssessmentItemResponse(assessment.Id, decided.MeasureId, assessment.Version + 1)), [decided]);
    }
}
