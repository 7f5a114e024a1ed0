using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Raise a finding: grade, taxonomy code, description, optionally the site, and the evidence.</summary>
public sealed record RaiseFinding(FindingGrade Grade, RiskCode Code, string Description, Guid? SiteId = null, IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

public static class RaiseFindingEndpoint
{
    /// <summary>The supplier's registry entry, read only when the finding names a site.</summary>
    public static async Task<SupplierDetails?> LoadAsync(RaiseFinding command, SupplierDialogue dialogue, IDocumentSession session, CancellationToken ct) =>
        command.SiteId is null ? null : await session.LoadAsync<SupplierDetails>(dialogue.SupplierId, ct);

    public static ProblemDetails Validate(RaiseFinding command, SupplierDialogue dialogue, SupplierDetails? supplier, Caller caller) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? (Problems.Validation([
                .. Rules.Text(command.Description, "description", "describe the finding"),
                .. command.SiteId is { } site && supplier?.Sites.Any(s => s.SiteId == site) != true
                    ? [new FieldError("siteId", "no such production site registered for this supplier")] : Array.Empty<FieldError>(),
                .. DialogueRules.EvidenceRefs(dialogue, command.EvidenceIds),
            ]))
            ?? Problems.None;

    public static FindingRaised Decide(RaiseFinding command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, Ids.For(dialogue.Id, dialogue.Version, 0, now), dialogue.SupplierId, command.Grade, command.Code, command.Description.Trim(), command.SiteId,
            command.EvidenceIds ?? [], "raised by a buyer", false, caller.Actor, now);

    /// <summary>Raise a finding in a dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Created<DialogueItemResponse>, Events) Post(RaiseFinding command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now)
    {
        var raised = Decide(command, dialogue, caller, now);
        return (TypedResults.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, raised.FindingId, dialogue.Version + 1)), [raised]);
    }
}
