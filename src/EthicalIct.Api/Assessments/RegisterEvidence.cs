using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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

public static class RegisterEvidenceEndpoint
{
    /// <summary>The uploaded file the command refers to, looked up in the caller's organisation only.</summary>
    public static Task<StoredFile?> LoadAsync(RegisterEvidence command, IDocumentSession session, CancellationToken ct) =>
        EvidenceFiles.FindAsync(session, command.Sha256, ct);

    public static ProblemDetails Validate(RegisterEvidence command, Assessment assessment, StoredFile? file, DateTimeOffset now)
    {
        var errors = new List<FieldError>(EvidenceRules.Metadata(command.Title, command.Source, command.FileName, command.ReceivedOn, command.Sha256,
            command.AccessClass, command.LegalBasis, file, now));
        if (command.Supersedes is { } old)
        {
            if (!assessment.Evidence.TryGetValue(old, out var supersededBy))
            {
                errors.Add(new("supersedes", $"no evidence {old} in this assessment"));
            }
            else if (supersededBy is not null)
            {
                errors.Add(new("supersedes", $"evidence {old} is already superseded by {supersededBy}"));
            }
        }

        return AssessmentRules.MustBeOpen(assessment) ?? Problems.Validation(errors) ?? Problems.None;
    }

    public static EvidenceRegistered Decide(RegisterEvidence command, Assessment assessment, StoredFile file, Caller caller, DateTimeOffset now) =>
        new(assessment.Id, Ids.For(assessment.Id, assessment.Version, 0, now), command.Title.Trim(), command.Kind, command.ReceivedOn, command.Source.Trim(),
            command.AccessClass, EvidenceRules.LegalBasis(command.LegalBasis), file.Sha256, file.SizeBytes, command.FileName.Trim(), file.ContentType,
            command.Supersedes, caller.Actor, now);

    /// <summary>Register evidence (metadata and an uploaded file) in an assessment.</summary>
    [WolverinePost("/api/assessments/{assessmentId}/evidence"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<AssessmentItemResponse>, Events) Post(RegisterEvidence command, [WriteAggregate] Assessment assessment, StoredFile? file, Caller caller, DateTimeOffset now)
    {
        var registered = Decide(command, assessment, file!, caller, now);
        return (TypedResults.Created($"/api/assessments/{assessment.Id}/evidence/{registered.EvidenceId}/file",
            new AssessmentItemResponse(assessment.Id, registered.EvidenceId, assessment.Version + 1)), [registered]);
    }
}

public static class DownloadEvidenceEndpoint
{
    /// <summary>
    /// The evidence file, checked against the SHA-256 recorded when it was registered: a file whose bytes no longer
    /// match is never served (500 problem). The hash is sent as <c>Repr-Digest</c>.
    /// </summary>
    [WolverineGet("/api/assessments/{assessmentId}/evidence/{evidenceId}/file"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/octet-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
    public static async Task<IResult> Get(Guid assessmentId, Guid evidenceId, IQuerySession session, HttpResponse response,
        ILogger<RegisterEvidence> logger, CancellationToken ct)
    {
        var item = (await session.Events.AggregateStreamAsync<AssessmentDetails>(assessmentId, token: ct))?.Evidence.FirstOrDefault(e => e.EvidenceId == evidenceId);
        if (item is null)
        {
            return Results.Problem(Problems.NotFound($"No evidence {evidenceId} in assessment {assessmentId}."));
        }

        return EvidenceFiles.Serve(await EvidenceFiles.ReadAsync(session, item.Sha256, ct), item.Sha256, item.ContentType, item.FileName, response, logger, evidenceId);
    }
}
