using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Note progress on an item the caller's organisation owns.</summary>
public sealed record NoteFollowUpProgress(string Note, long? ExpectedVersion = null);

public static class NoteFollowUpProgressEndpoint
{
    public static ProblemDetails Validate(NoteFollowUpProgress command, FollowUpItem item, Caller caller) =>
            RoundtableAccess.Owner(item, caller)
            ?? FollowUpRules.CanReport(item)
            ?? Problems.Validation([.. Rules.Text(command.Note, "note", "describe the progress")])
            ?? Problems.None;

    public static FollowUpProgressNoted Decide(NoteFollowUpProgress command, FollowUpItem item, Caller caller, DateTimeOffset now) =>
        new(item.Id, command.Note.Trim(), caller.Actor, now);

    /// <summary>Note progress (the owner).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/progress"), Allow(RoleSet.Writers), Access(AccessRule.FollowUpOwner)]
    public static (Ok<FollowUpResponse>, Events) Post(NoteFollowUpProgress command, [WriteAggregate] FollowUpItem item, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new FollowUpResponse(item.Id, item.Version + 1)), [Decide(command, item, caller, now)]);
}

public static class FollowUpRules
{
    /// <summary>Progress and delivery are reported while the item is open and before a delivery is accepted.</summary>
    public static ProblemDetails? CanReport(FollowUpItem item) =>
        RoundtableRules.MustBeOpen(item)
        ?? (item.Status is FollowUpStatus.Accepted or FollowUpStatus.Delivered
            ? Problems.Conflict($"The item is {item.Status.ToString().ToLowerInvariant()}; progress and delivery are reported before a delivery is reviewed.",
                new Dictionary<string, object?> { ["field"] = "followUpItemId", ["itemStatus"] = item.Status })
            : null);
}
