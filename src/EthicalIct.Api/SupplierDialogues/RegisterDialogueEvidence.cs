using System.Security.Claims;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Register evidence in a dialogue (a file the caller's organisation uploaded); all participants can read it.</summary>
public sealed record RegisterDialogueEvidence(string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Source, AccessClass AccessClass, string Sha256,
    string FileName, string? LegalBasis = null, long? ExpectedVersion = null);

public static class RegisterDialogueEvidenceDecision
{
    public static IReadOnlyList<FieldError> Validate(RegisterDialogueEvidence cmd, StoredFile? file, DateTimeOffset now) =>
        EvidenceRules.Metadata(cmd.Title, cmd.Source, cmd.FileName, cmd.ReceivedOn, cmd.Sha256, cmd.AccessClass, cmd.LegalBasis, file, now);

    public static DialogueEvidenceRegistered Decide(RegisterDialogueEvidence cmd, SupplierDialogue dialogue, StoredFile file, Guid evidenceId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, evidenceId, cmd.Title.Trim(), cmd.Kind, cmd.ReceivedOn, cmd.Source.Trim(), cmd.AccessClass,
            EvidenceRules.LegalBasis(cmd.LegalBasis), file.Sha256, file.SizeBytes, cmd.FileName.Trim(), file.ContentType,
            caller.OrgNumber, caller.UserId, now);
}

public static class RegisterDialogueEvidenceEndpoint
{
    public static async Task<StoredFile?> LoadAsync(RegisterDialogueEvidence cmd, IDocumentSession session, CancellationToken ct) =>
        cmd.Sha256 is { Length: 64 } ? await EvidenceFiles.FindAsync(session, cmd.Sha256, ct) : null;

    public static ProblemDetails Validate(RegisterDialogueEvidence cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue, StoredFile? file, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? Problems.Validation(RegisterDialogueEvidenceDecision.Validate(cmd, file, clock.GetUtcNow()))
        ?? WolverineContinue.NoProblems;

    /// <summary>Register evidence in a dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/evidence")]
    [ProducesResponseType<DialogueItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(RegisterDialogueEvidence cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, StoredFile? file, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = RegisterDialogueEvidenceDecision.Decide(cmd, dialogue, file!, Guid.CreateVersion7(), user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/supplier-dialogues/{dialogue.Id}/evidence/{e.EvidenceId}/file", new DialogueItemResponse(dialogue.Id, e.EvidenceId, dialogue.Version + 1)), [e]);
    }
}

/// <summary>Wolverine applies a class's Load/Validate methods to every endpoint in it, so the download has its own class.</summary>
public static class DownloadDialogueEvidenceEndpoint
{
    /// <summary>A dialogue evidence file (participants only), verified against its registered SHA-256.</summary>
    [WolverineGet("/api/supplier-dialogues/{dialogueId}/evidence/{evidenceId}/file")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/octet-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid dialogueId, Guid evidenceId, IQuerySession session, HttpResponse response, ILogger<RegisterDialogueEvidence> logger, CancellationToken ct)
    {
        var item = (await session.LoadAsync<SupplierDialogue>(dialogueId, ct))?.Evidence.FirstOrDefault(e => e.EvidenceId == evidenceId);
        if (item is null)
        {
            return Results.Problem(Problems.NotFound($"No evidence {evidenceId} in this dialogue."));
        }

        // The participant guard has already admitted the caller; the file lives in the uploading organisation's rows.
        var content = await EvidenceFiles.ReadSharedAsync(session, item.UploadedByOrg, item.Sha256, ct);
        return EvidenceFiles.Serve(content, item.Sha256, item.ContentType, item.FileName, response, logger, evidenceId);
    }
}
