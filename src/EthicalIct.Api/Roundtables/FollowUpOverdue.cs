using EthicalIct.Api.Identity;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Scheduled for the day after an item's due date.</summary>
public sealed record CheckFollowUpOverdue(Guid FollowUpItemId, DateOnly DueOn);

public static class FollowUpOverdueHandler
{
    /// <summary>Overdue only if not yet accepted or closed, not already overdue, and still due on the date the check was scheduled for.</summary>
    public static IReadOnlyList<object> Decide(CheckFollowUpOverdue check, FollowUpItem item, DateTimeOffset now) =>
        item.Status is not (FollowUpStatus.Accepted or FollowUpStatus.Closed) && !item.Overdue && item.DueOn == check.DueOn
            ? [new FollowUpBecameOverdue(item.Id, item.DueOn, Actor.System, now)]
            : [];

    public static Events Handle(CheckFollowUpOverdue check, [WriteAggregate] FollowUpItem item, DateTimeOffset now) => [.. Decide(check, item, now)];
}
