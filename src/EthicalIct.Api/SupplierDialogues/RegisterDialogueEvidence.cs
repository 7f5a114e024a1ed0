using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Register evidence in a dialogue (a file the caller's organisation uploaded); all participants can read it.</summary>
public sealed record RegisterDialogueEvidence(string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Source, AccessClass AccessClass, string Sha256,
    string FileName, string? LegalBasis = null, long? ExpectedVersion = null);

public static class RegisterDialogueEvidenceEndpoint
{
    public static Task<StoredFile?> LoadAsync(RegisterDialogueEvidence command, IDocumentSession session, CancellationToken ct) =>
        EvidenceFiles.FindAsync(session, command.Sha256, ct);

    public static ProblemDetails Validate(RegisterDialogueEvidence command, SupplierDialogue dialogue, StoredFile? file, Caller caller, DateTimeOffset now) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? Problems.Validation(EvidenceRules.Metadata(command.Title, command.Source, command.FileName, command.ReceivedOn, command.Sha256, command.AccessClass,
                command.LegalBasis, file, now))
            ?? Problems.None;

    public static DialogueEvidenceRegistered Decide(RegisterDialogueEvidence command, SupplierDialogue dialogue, StoredFile file, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, Ids.For(dialogue.Id, dialogue.Version, 0, now), command.Title.Trim(), command.Kind, command.ReceivedOn, command.Source.Trim(),
            command.AccessClass, EvidenceRules.LegalBasis(command.LegalBasis), file.Sha256, file.SizeBytes, command.FileName.Trim(), file.ContentType, caller.Actor, now);

    /// <summary>Register evidence in a dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/evidence"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Created<DialogueItemResponse>, Events) Post(RegisterDialogueEvidence command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, StoredFile? file,
        Caller caller, DateTimeOffset now)
    {
        var registered = Decide(command, dialogue, file!, caller, now);
        return (TypedResults.Created($"/api/supplier-dialogues/{dialogue.Id}/evidence/{registered.EvidenceId}/file",
            new DialogueItemResponse(dialogue.Id, registered.EvidenceId, dialogue.Version + 1)), [registered]);
    }
}
