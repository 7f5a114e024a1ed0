using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Open a dialogue with a registered supplier; the caller's organisation is its first participant.</summary>
public sealed record OpenSupplierDialogue(Guid SupplierId, string Title);

public static class OpenSupplierDialogueEndpoint
{
    public static Task<SupplierDetails?> LoadAsync(OpenSupplierDialogue command, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<SupplierDetails>(command.SupplierId, ct);

    public static ProblemDetails Validate(OpenSupplierDialogue command, SupplierDetails? supplier) =>
            (Problems.Validation([
            .. supplier is not null ? [] : new[] { new FieldError("supplierId", "no such supplier in the registry") },
            .. Rules.Text(command.Title, "title", "give the dialogue a title", 300),
        ]))
            ?? Problems.None;

    public static SupplierDialogueOpened Decide(OpenSupplierDialogue command, Guid dialogueId, Caller caller, DateTimeOffset now) =>
        new(dialogueId, command.SupplierId, command.Title.Trim(), caller.Actor, now);

    /// <summary>Open a supplier dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues"), Allow(RoleSet.Writers), Access(AccessRule.AnyOrganisation)]
    public static (Created<DialogueResponse>, IStartStream) Post(OpenSupplierDialogue command, Caller caller, DateTimeOffset now)
    {
        var opened = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/supplier-dialogues/{opened.DialogueId}", new DialogueResponse(opened.DialogueId, 1)),
            MartenOps.StartStream<SupplierDialogue>(opened.DialogueId, opened));
    }
}
