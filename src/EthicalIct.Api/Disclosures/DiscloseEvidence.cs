using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Disclosures;

/// <summary>Disclose a piece of an assessment's evidence: its title, kind, date and SHA-256 always; the file and the source only when chosen.</summary>
/// <param name="ShowFile">Let the parties download the file (otherwise they see that it exists and its hash).</param>
/// <param name="ShowSource">Also show where the evidence came from.</param>
public sealed record DiscloseEvidence(bool ShowFile = false, bool ShowSource = false);

public static class DiscloseEvidenceEndpoint
{
    public static Task<AssessmentDetails?> LoadAsync(Guid assessmentId, IQuerySession session, CancellationToken ct) =>
        DisclosureRules.LoadAssessmentAsync(assessmentId, session, ct);

    public static ProblemDetails Validate(DiscloseEvidence command, AssessmentDetails? assessment, Guid assessmentId, Guid evidenceId) =>
        DisclosureRules.AssessmentFound(assessment, assessmentId)
        ?? (assessment!.Evidence.All(e => e.EvidenceId != evidenceId) ? Problems.NotFound($"No evidence {evidenceId} in assessment {assessmentId}.") : null)
        ?? Problems.None;

    public static EvidenceDisclosed Decide(DiscloseEvidence command, AssessmentDetails assessment, Guid evidenceId, Caller caller, DateTimeOffset now) =>
        DisclosureRules.Evidence(Guid.CreateVersion7(now), assessment, assessment.Evidence.Single(e => e.EvidenceId == evidenceId), command.ShowFile, command.ShowSource,
            caller, now);

    /// <summary>Disclose evidence to the parties (coordinators of the assessing organisation).</summary>
    [WolverinePost("/api/assessments/{assessmentId}/evidence/{evidenceId}/disclosures"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Created<DisclosureResponse>, IStartStream) Post(DiscloseEvidence command, AssessmentDetails assessment, Guid evidenceId, Caller caller, DateTimeOffset now)
    {
        var disclosed = Decide(command, assessment, evidenceId, caller, now);
        return (TypedResults.Created($"/api/disclosures/{disclosed.DisclosureId}", new DisclosureResponse(disclosed.DisclosureId, 1)),
            MartenOps.StartStream<Disclosure>(disclosed.DisclosureId, disclosed));
    }
}
