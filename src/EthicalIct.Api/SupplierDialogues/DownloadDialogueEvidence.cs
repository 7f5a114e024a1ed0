using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.SupplierDialogues;

public static class DownloadDialogueEvidenceEndpoint
{
    /// <summary>A dialogue evidence file (participants only), verified against its registered SHA-256.</summary>
    [WolverineGet("/api/supplier-dialogues/{dialogueId}/evidence/{evidenceId}/file"), Allow(RoleSet.Readers), Access(AccessRule.DialogueParticipant)]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/octet-stream")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
    public static async Task<IResult> Get(Guid dialogueId, Guid evidenceId, IQuerySession session, Caller caller, HttpResponse response,
        ILogger<RegisterDialogueEvidence> logger, CancellationToken ct)
    {
        var dialogue = DialogueAccess.Visible(await session.LoadAsync<SupplierDialogueDetails>(dialogueId, ct), d => d.Participants, caller);
        if (dialogue is null)
        {
            return Results.Problem(DialogueAccess.NotFound(dialogueId));
        }

        if (dialogue.Evidence.FirstOrDefault(e => e.EvidenceId == evidenceId) is not { } item)
        {
            return Results.Problem(Problems.NotFound($"No evidence {evidenceId} in this dialogue."));
        }

        // The caller takes part; the file lives in the rows of the organisation that uploaded it.
        var content = await EvidenceFiles.ReadSharedAsync(session, item.By.Org, item.Sha256, ct);
        return EvidenceFiles.Serve(content, item.Sha256, item.ContentType, item.FileName, response, logger, evidenceId);
    }
}
