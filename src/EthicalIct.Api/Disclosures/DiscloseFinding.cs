using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.SupplierDialogues;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Disclosures;

/// <summary>
/// Disclose a finding of a dialogue the organisation takes part in to every party: always its code, grade, status and
/// the status of its corrective action plan with the actions' due dates; the description and the actions' texts
/// only when chosen.
/// </summary>
public sealed record DiscloseFinding(bool ShowDescription = false, bool ShowActions = false);

public static class DiscloseFindingEndpoint
{
    public static Task<SupplierDialogueDetails?> LoadAsync(Guid dialogueId, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<SupplierDialogueDetails>(dialogueId, ct);

    public static ProblemDetails Validate(DiscloseFinding command, SupplierDialogueDetails? dialogue, Guid dialogueId, Guid findingId, Caller caller) =>
        (DialogueAccess.Visible(dialogue, d => d.Participants, caller) is null ? DialogueAccess.NotFound(dialogueId) : null)
        ?? (dialogue!.Findings.All(f => f.FindingId != findingId) ? Problems.NotFound($"No finding {findingId} in supplier dialogue {dialogueId}.") : null)
        ?? Problems.None;

    public static FindingDisclosed Decide(DiscloseFinding command, SupplierDialogueDetails dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        DisclosureRules.Finding(Guid.CreateVersion7(now), dialogue, dialogue.Findings.Single(f => f.FindingId == findingId), command.ShowDescription,
            command.ShowActions, caller, now);

    /// <summary>Disclose a finding to every party (coordinators of a participating organisation).</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings/{findingId}/disclosures"), Allow(RoleSet.Coordinators), Access(AccessRule.DialogueParticipant)]
    public static (Created<DisclosureResponse>, IStartStream) Post(DiscloseFinding command, SupplierDialogueDetails dialogue, Guid findingId, Caller caller,
        DateTimeOffset now)
    {
        var disclosed = Decide(command, dialogue, findingId, caller, now);
        return (TypedResults.Created($"/api/disclosures/{disclosed.DisclosureId}", new DisclosureResponse(disclosed.DisclosureId, 1)),
            MartenOps.StartStream<Disclosure>(disclosed.DisclosureId, disclosed));
    }
}
