using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// The participant rule of supplier dialogues (docs/adr/0008): only organisations taking part reach a dialogue; to
/// anyone else it does not exist (404, exactly as for a dialogue that does not exist). Every command calls
/// <see cref="Participant"/> from its <c>Validate</c> on the dialogue Wolverine loaded for it; every read goes
/// through <see cref="Visible{T}"/> or <see cref="VisibleTo"/>.
/// </summary>
public static class DialogueAccess
{
    public static ProblemDetails? Participant(SupplierDialogue dialogue, Caller caller) =>
        dialogue.Participants.Contains(caller.OrgNumber) ? null : NotFound(dialogue.Id);

    /// <summary>The organisation a participant proposed, while the proposal stands; to anyone else the dialogue does not exist.</summary>
    public static ProblemDetails? Proposed(SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        Consent.Stands(dialogue.Proposals.ExpiryOf(caller.OrgNumber), now) ? null : NotFound(dialogue.Id);

    public static ProblemDetails NotFound(Guid dialogueId) => Problems.NotFound($"No supplier dialogue {dialogueId}.");

    /// <summary>The view when the caller's organisation takes part, else null (404).</summary>
    public static T? Visible<T>(T? view, Func<T, IReadOnlyCollection<string>> participants, Caller caller)
        where T : class =>
        view is not null && participants(view).Contains(caller.OrgNumber) ? view : null;

    /// <summary>The dialogues the caller's organisation takes part in.</summary>
    public static IQueryable<DialogueOverview> VisibleTo(IQuerySession session, Caller caller) =>
        session.Query<DialogueOverview>().Where(d => d.Participants.Contains(caller.OrgNumber));
}
