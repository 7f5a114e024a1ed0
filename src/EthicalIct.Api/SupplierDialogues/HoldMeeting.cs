using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Record a meeting with the supplier: date, participants, minutes and evidence.</summary>
public sealed record HoldMeeting(DateOnly HeldOn, IReadOnlyList<string> Participants, string Minutes, IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

public static class HoldMeetingDecision
{
    public static IReadOnlyList<FieldError> Validate(HoldMeeting cmd, SupplierDialogue dialogue, DateTimeOffset now) =>
    [
        .. cmd.HeldOn > Rules.Today(now) ? [new FieldError("heldOn", "a meeting is recorded after it was held, not in the future")] : Array.Empty<FieldError>(),
        .. cmd.HeldOn < DateOnly.FromDateTime(dialogue.OpenedAt.UtcDateTime) ? [new FieldError("heldOn", "must not be before the dialogue was opened")] : Array.Empty<FieldError>(),
        .. cmd.Participants.Count == 0 || cmd.Participants.Any(string.IsNullOrWhiteSpace) ? [new FieldError("participants", "name who took part")] : Array.Empty<FieldError>(),
        .. Rules.Text(cmd.Minutes, "minutes", "record the minutes", 20000),
        .. DialogueRules.EvidenceRefs(dialogue, cmd.EvidenceIds),
    ];

    public static MeetingHeld Decide(HoldMeeting cmd, SupplierDialogue dialogue, Guid meetingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, meetingId, cmd.HeldOn, cmd.Participants, cmd.Minutes.Trim(), cmd.EvidenceIds ?? [], caller.OrgNumber, caller.UserId, now);
}

public static class HoldMeetingEndpoint
{
    public static ProblemDetails Validate(HoldMeeting cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? Problems.Validation(HoldMeetingDecision.Validate(cmd, dialogue, clock.GetUtcNow()))
        ?? WolverineContinue.NoProblems;

    /// <summary>Record a meeting held with the supplier.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/meetings")]
    [ProducesResponseType<DialogueItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(HoldMeeting cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = HoldMeetingDecision.Decide(cmd, dialogue, Guid.CreateVersion7(), user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, e.MeetingId, dialogue.Version + 1)), [e]);
    }
}
