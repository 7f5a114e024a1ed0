using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>Decide a mitigation measure for a risk, with an owner and a due date.</summary>
public sealed record DecideMitigation(string Description, string Owner, DateOnly DueDate, long? ExpectedVersion = null);

public static class DecideMitigationDecision
{
    public static IReadOnlyList<FieldError> Validate(DecideMitigation cmd, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        errors.AddRange(Rules.Text(cmd.Description, "description", "describe the measure"));
        errors.AddRange(Rules.Text(cmd.Owner, "owner", "name who is responsible for the measure", 200));
        if (cmd.DueDate < DateOnly.FromDateTime(now.UtcDateTime))
        {
            errors.Add(new("dueDate", "must not be in the past"));
        }

        return errors;
    }

    public static MitigationDecided Decide(DecideMitigation cmd, Assessment assessment, Guid riskId, Guid measureId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, riskId, measureId, cmd.Description.Trim(), cmd.Owner.Trim(), cmd.DueDate, caller.OrgNumber, caller.UserId, now);
}

public static class DecideMitigationEndpoint
{
    public static ProblemDetails Validate(DecideMitigation cmd, Guid riskId, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? AssessmentRules.RiskMustExist(assessment, riskId)
        ?? AssessmentRules.RiskMustBeOpen(assessment, riskId)
        ?? Problems.Validation(DecideMitigationDecision.Validate(cmd, clock.GetUtcNow()))
        ?? WolverineContinue.NoProblems;

    /// <summary>Decide a mitigation measure for a risk.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/mitigations")]
    [ProducesResponseType<AssessmentItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(DecideMitigation cmd, Guid riskId, [WriteAggregate] Assessment assessment, ClaimsPrincipal user, TimeProvider clock)
    {
        var measureId = Guid.CreateVersion7();
        return (Results.Created($"/api/assessments/{assessment.Id}", new AssessmentItemResponse(assessment.Id, measureId, assessment.Version + 1)),
            [DecideMitigationDecision.Decide(cmd, assessment, riskId, measureId, user.Caller(), clock.GetUtcNow())]);
    }
}
