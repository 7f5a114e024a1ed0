using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Disclosures;

/// <summary>Disclose a risk of one of the organisation's assessments to the parties: always its code, tier, country, priority and status.</summary>
/// <param name="ShowDescription">Also show the risk's description.</param>
/// <param name="ShowMeasures">Also show the mitigation measures decided (description and due date).</param>
public sealed record DiscloseRiskSummary(bool ShowDescription = false, bool ShowMeasures = false);

public static class DiscloseRiskSummaryEndpoint
{
    public static Task<AssessmentDetails?> LoadAsync(Guid assessmentId, IQuerySession session, CancellationToken ct) =>
        DisclosureRules.LoadAssessmentAsync(assessmentId, session, ct);

    public static ProblemDetails Validate(DiscloseRiskSummary command, AssessmentDetails? assessment, Guid assessmentId, Guid riskId) =>
        DisclosureRules.AssessmentFound(assessment, assessmentId)
        ?? (assessment!.Risk(riskId) is null ? Problems.NotFound($"No risk {riskId} in assessment {assessmentId}.") : null)
        ?? Problems.None;

    public static RiskSummaryDisclosed Decide(DiscloseRiskSummary command, AssessmentDetails assessment, Guid riskId, Caller caller, DateTimeOffset now) =>
        DisclosureRules.RiskSummary(Guid.CreateVersion7(now), assessment, assessment.Risk(riskId)!, command.ShowDescription, command.ShowMeasures, caller, now);

    /// <summary>Disclose a risk summary to the parties (coordinators of the assessing organisation).</summary>
    [WolverinePost("/api/assessments/{assessmentId}/risks/{riskId}/disclosures"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Created<DisclosureResponse>, IStartStream) Post(DiscloseRiskSummary command, AssessmentDetails assessment, Guid riskId, Caller caller, DateTimeOffset now)
    {
        var disclosed = Decide(command, assessment, riskId, caller, now);
        return (TypedResults.Created($"/api/disclosures/{disclosed.DisclosureId}", new DisclosureResponse(disclosed.DisclosureId, 1)),
            MartenOps.StartStream<Disclosure>(disclosed.DisclosureId, disclosed));
    }
}
