using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Open a dialogue with a registered supplier; the caller's organisation is its first participant.</summary>
public sealed record OpenSupplierDialogue(Guid SupplierId, string Title);

public static class OpenSupplierDialogueDecision
{
    public static IReadOnlyList<FieldError> Validate(OpenSupplierDialogue cmd, bool supplierExists) =>
    [
        .. supplierExists ? [] : new[] { new FieldError("supplierId", "no such supplier in the registry") },
        .. Rules.Text(cmd.Title, "title", "give the dialogue a title", 300),
    ];

    public static SupplierDialogueOpened Decide(OpenSupplierDialogue cmd, Guid id, Caller caller, DateTimeOffset now) =>
        new(id, cmd.SupplierId, cmd.Title.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class OpenSupplierDialogueEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(OpenSupplierDialogue cmd, IQuerySession session, CancellationToken ct) =>
        Problems.Validation(OpenSupplierDialogueDecision.Validate(cmd, await session.Query<Supplier>().AnyAsync(s => s.Id == cmd.SupplierId, ct)))
        ?? WolverineContinue.NoProblems;

    /// <summary>Open a supplier dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues")]
    [ProducesResponseType<DialogueResponse>(StatusCodes.Status201Created)]
    public static (IResult, IStartStream) Post(OpenSupplierDialogue cmd, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        return (Results.Created($"/api/supplier-dialogues/{id}", new DialogueResponse(id, 1)),
            MartenOps.StartStream<SupplierDialogue>(id, OpenSupplierDialogueDecision.Decide(cmd, id, user.Caller(), clock.GetUtcNow())));
    }
}
