using System.Security.Claims;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Assessments;

/// <summary>
/// Register evidence in an assessment: its metadata, its access class under offentleglova (with the legal basis
/// when exempt) and the SHA-256 of a file uploaded to <c>/api/evidence-files</c>. A corrected document is new
/// evidence that names the one it supersedes.
/// </summary>
public sealed record RegisterEvidence(
    string Title,
    EvidenceKind Kind,
    DateOnly ReceivedOn,
    string Source,
    AccessClass AccessClass,
    string Sha256,
    string FileName,
    string? LegalBasis = null,
    Guid? Supersedes = null,
    long? ExpectedVersion = null);

public static class RegisterEvidenceDecision
{
    public static IReadOnlyList<FieldError> Validate(RegisterEvidence cmd, Assessment assessment, StoredFile? file, DateTimeOffset now)
    {
        var errors = new List<FieldError>(EvidenceRules.Metadata(cmd.Title, cmd.Source, cmd.FileName, cmd.ReceivedOn, cmd.Sha256, cmd.AccessClass, cmd.LegalBasis, file, now));
        if (cmd.Supersedes is { } old)
        {
            var previous = assessment.Evidence.FirstOrDefault(e => e.EvidenceId == old);
            if (previous is null)
            {
                errors.Add(new("supersedes", $"no evidence {old} in this assessment"));
            }
            else if (previous.SupersededBy is not null)
            {
                errors.Add(new("supersedes", $"evidence {old} is already superseded by {previous.SupersededBy}"));
            }
        }

        return errors;
    }

    public static EvidenceRegistered Decide(RegisterEvidence cmd, Assessment assessment, StoredFile file, Guid evidenceId, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, evidenceId, cmd.Title.Trim(), cmd.Kind, cmd.ReceivedOn, cmd.Source.Trim(), cmd.AccessClass,
            EvidenceRules.LegalBasis(cmd.LegalBasis), file.Sha256, file.SizeBytes, cmd.FileName.Trim(), file.ContentType,
            cmd.Supersedes, caller.OrgNumber, caller.UserId, now);
}

public static class RegisterEvidenceEndpoint
{
    /// <summary>The uploaded file the command refers to, looked up in the caller's organisation only.</summary>
    public static async Task<StoredFile?> LoadAsync(RegisterEvidence cmd, IDocumentSession session, CancellationToken ct) =>
        cmd.Sha256 is { Length: 64 } ? await EvidenceFiles.FindAsync(session, cmd.Sha256, ct) : null;

    public static ProblemDetails Validate(RegisterEvidence cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Assessment assessment,
        StoredFile? file, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, assessment.Version)
        ?? AssessmentRules.MustBeOpen(assessment)
        ?? Problems.Validation(RegisterEvidenceDecision.Validate(cmd, assessment, file, clock.GetUtcNow()))
        ?? WolverineContinue.NoProblems;

    /// <summary>Register evidence (metadata and an uploaded file) in an assessment.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/evidence")]
    [ProducesResponseType<AssessmentItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(RegisterEvidence cmd, [WriteAggregate] Assessment assessment, StoredFile? file, ClaimsPrincipal user, TimeProvider clock)
    {
        var evidenceId = Guid.CreateVersion7();
        return (Results.Created($"/api/assessments/{assessment.Id}/evidence/{evidenceId}/file", new AssessmentItemResponse(assessment.Id, evidenceId, assessment.Version + 1)),
            [RegisterEvidenceDecision.Decide(cmd, assessment, file!, evidenceId, user.Caller(), clock.GetUtcNow())]);
    }
}

public static class DownloadEvidenceEndpoint
{
    /// <summary>
    /// The evidence file, checked against the SHA-256 recorded when it was registered: a file whose bytes no longer
    /// match is never served (500 problem). The hash is sent as <c>Repr-Digest</c>.
    /// </summary>
    [WolverineGet("/api/assessments/{assessmentId}/evidence/{evidenceId}/file")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/octet-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
    public static async Task<IResult> Get(Guid assessmentId, Guid evidenceId, IQuerySession session, HttpResponse response,
        ILogger<RegisterEvidence> logger, CancellationToken ct)
    {
        var item = (await session.LoadAsync<Assessment>(assessmentId, ct))?.Evidence.FirstOrDefault(e => e.EvidenceId == evidenceId);
        if (item is null)
        {
            return Results.Problem(Problems.NotFound($"No evidence {evidenceId} in assessment {assessmentId}."));
        }

        return EvidenceFiles.Serve(await EvidenceFiles.ReadAsync(session, item.Sha256, ct), item.Sha256, item.ContentType, item.FileName, response, logger, evidenceId);
    }
}
