using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Record a meeting with the supplier: date, participants, minutes and evidence.</summary>
public sealed record HoldMeeting(DateOnly HeldOn, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

public static class HoldMeetingEndpoint
{
    public static ProblemDetails Validate(HoldMeeting command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
            DialogueAccess.Participant(dialogue, caller)
            ?? DialogueRules.MustBeOpen(dialogue)
            ?? (Problems.Validation([
                .. command.HeldOn > Rules.Today(now) ? [new FieldError("heldOn", "a meeting is recorded after it was held, not in the future")] : Array.Empty<FieldError>(),
                .. command.HeldOn < DateOnly.FromDateTime(dialogue.OpenedAt.UtcDateTime) ? [new FieldError("heldOn", "must not be before the dialogue was opened")] : Array.Empty<FieldError>(),
                .. command.Participants.Count == 0 || command.Participants.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 300)
                    ? [new FieldError("participants", "name who took part (each at most 300 characters)")] : Array.Empty<FieldError>(),
                .. Rules.Text(command.Minutes, "minutes", "record the minutes", 20000),
                .. DialogueRules.EvidenceRefs(dialogue, command.EvidenceIds),
            ]))
            ?? Problems.None;

    public static MeetingHeld Decide(HoldMeeting command, SupplierDialogue dialogue, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, Ids.For(dialogue.Id, dialogue.Version, 0, now), command.HeldOn, [.. command.Participants.Select(p => p.Trim())], command.Minutes.Trim(),
            command.EvidenceIds ?? [], caller.Actor, now);

    /// <summary>Record a meeting held with the supplier.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/meetings"), Allow(RoleSet.Writers), Access(AccessRule.DialogueParticipant)]
    public static (Created<DialogueItemResponse>, Events) Post(HoldMeeting command, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, Caller caller, DateTimeOffset now)
    {
        var held = Decide(command, dialogue, caller, now);
        return (TypedResults.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, held.MeetingId, dialogue.Version + 1)), [held]);
    }
}
