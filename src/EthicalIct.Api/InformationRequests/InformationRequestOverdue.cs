using EthicalIct.Api.Identity;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>Scheduled for the day after a request's deadline (again after an extension).</summary>
public sealed record CheckInformationRequestOverdue(Guid InformationRequestId, DateOnly DueOn);

public static class InformationRequestOverdueHandler
{
    /// <summary>Overdue only while open, not already overdue, and still due on the date the check was scheduled for: a check delivered twice, or after an extension, does nothing.</summary>
    public static IReadOnlyList<object> Decide(CheckInformationRequestOverdue check, InformationRequest request, DateTimeOffset now) =>
        request.Status == RequestStatus.Open && !request.Overdue && request.DueOn == check.DueOn
            ? [new InformationRequestBecameOverdue(request.Id, request.DueOn, Actor.System, now)]
            : [];

    public static Events Handle(CheckInformationRequestOverdue check, [WriteAggregate] InformationRequest request, DateTimeOffset now) => [.. Decide(check, request, now)];
}
