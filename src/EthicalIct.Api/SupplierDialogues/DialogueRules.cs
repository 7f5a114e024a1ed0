using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.SupplierDialogues;

public sealed record DialogueResponse(Guid DialogueId, long Version);

public sealed record DialogueItemResponse(Guid DialogueId, Guid ItemId, long Version);

/// <summary>Rules shared by the dialogue commands (pure); each command checks <see cref="DialogueAccess.Participant"/> first.</summary>
public static class DialogueRules
{
    public static ProblemDetails? MustBeOpen(SupplierDialogue dialogue) =>
        dialogue.Status == DialogueStatus.Closed
            ? Problems.Conflict("The dialogue is closed and accepts no changes.", new Dictionary<string, object?> { ["field"] = "dialogueId", ["dialogueStatus"] = "closed" })
            : null;

    /// <summary>The finding exists (404) and is not closed (409).</summary>
    public static ProblemDetails? FindingMustBeOpen(SupplierDialogue dialogue, Guid findingId) =>
        dialogue.Finding(findingId) switch
        {
            null => Problems.NotFound($"No finding {findingId} in this dialogue."),
            { Status: FindingStatus.Closed } => Problems.Conflict("The finding is closed.",
                new Dictionary<string, object?> { ["field"] = "findingId", ["findingStatus"] = "closed" }),
            _ => null,
        };

    public static IEnumerable<FieldError> EvidenceRefs(SupplierDialogue dialogue, IReadOnlyList<Guid>? ids, string field = "evidenceIds")
    {
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!dialogue.Evidence.Contains(list[i]))
            {
                yield return new FieldError($"{field}[{i}]", $"no evidence {list[i]} in this dialogue");
            }
        }
    }
}
