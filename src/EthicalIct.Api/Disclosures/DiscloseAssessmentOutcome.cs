using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Disclosures;

/// <summary>Disclose the outcome of a concluded assessment to the parties; the rationale only when chosen.</summary>
public sealed record DiscloseAssessmentOutcome(bool ShowRationale = false);

public static class DiscloseAssessmentOutcomeEndpoint
{
    public static Task<AssessmentDetails?> LoadAsync(Guid assessmentId, IQuerySession session, CancellationToken ct) =>
        DisclosureRules.LoadAssessmentAsync(assessmentId, session, ct);

    public static ProblemDetails Validate(DiscloseAssessmentOutcome command, AssessmentDetails? assessment, Guid assessmentId) =>
        DisclosureRules.AssessmentFound(assessment, assessmentId)
        ?? (assessment!.Status != AssessmentStatus.Concluded || assessment.Outcome is null
            ? Problems.Conflict("Only a concluded assessment has an outcome to disclose.")
            : null)
        ?? Problems.None;

    public static AssessmentOutcomeDisclosed Decide(DiscloseAssessmentOutcome command, AssessmentDetails assessment, Caller caller, DateTimeOffset now) =>
        DisclosureRules.Outcome(Guid.CreateVersion7(now), assessment, command.ShowRationale, caller, now);

    /// <summary>Disclose an assessment's outcome to the parties (coordinators of the assessing organisation).</summary>
    [WolverinePost("/api/assessments/{assessmentId}/outcome/disclosures"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Created<DisclosureResponse>, IStartStream) Post(DiscloseAssessmentOutcome command, AssessmentDetails assessment, Caller caller, DateTimeOffset now)
    {
        var disclosed = Decide(command, assessment, caller, now);
        return (TypedResults.Created($"/api/disclosures/{disclosed.DisclosureId}", new DisclosureResponse(disclosed.DisclosureId, 1)),
            MartenOps.StartStream<Disclosure>(disclosed.DisclosureId, disclosed));
    }
}
