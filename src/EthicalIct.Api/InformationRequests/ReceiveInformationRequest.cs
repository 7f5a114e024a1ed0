using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>
/// Record a request for information: incoming (anyone may ask, also anonymously: leave the requester out) or outgoing
/// (the organisation asks a supplier, named by <c>supplierId</c>). <c>receivedOn</c> defaults to today. A request
/// another party routed to this organisation is taken over by naming it in <c>routedFromRequestId</c>: it is then
/// received on the day it was routed, with its question and requester.
/// </summary>
public sealed record ReceiveInformationRequest(
    RequestDirection Direction,
    RequestChannel Channel,
    string? Question = null,
    string? Requester = null,
    Guid? SupplierId = null,
    DateOnly? ReceivedOn = null,
    Guid? RoutedFromRequestId = null);

public sealed record InformationRequestResponse(Guid RequestId, long Version);

/// <summary>What a receipt reads besides the command: the supplier named, the routed request taken over.</summary>
public sealed record ReceiveContext(SupplierDetails? Supplier, RoutedInformationRequest? Routed, bool AlreadyTakenOver);

public static class ReceiveInformationRequestEndpoint
{
    public static async Task<ReceiveContext> LoadAsync(ReceiveInformationRequest command, IQuerySession session, CancellationToken ct)
    {
        var supplier = command.SupplierId is { } s ? await session.LoadAsync<SupplierDetails>(s, ct) : null;
        var routed = command.RoutedFromRequestId is { } r ? await session.LoadAsync<RoutedInformationRequest>(r, ct) : null;
        var taken = routed is not null && await session.Query<InformationRequestDetails>().AnyAsync(d => d.RoutedFromRequestId == routed.Id, ct);
        return new ReceiveContext(supplier, routed, taken);
    }

    public static ProblemDetails Validate(ReceiveInformationRequest command, ReceiveContext context, Caller caller, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (command.RoutedFromRequestId is { } routedId)
        {
            if (context.Routed is not { } routed || routed.ToOrg != caller.OrgNumber)
            {
                errors.Add(new("routedFromRequestId", "no request was routed to your organisation under this id"));
            }
            else if (context.AlreadyTakenOver)
            {
                return Problems.Conflict($"Request {routedId} has already been taken over.", new Dictionary<string, object?> { ["field"] = "routedFromRequestId" });
            }

            if (command.Direction != RequestDirection.Incoming || command.Channel != RequestChannel.Routed)
            {
                errors.Add(new("channel", "a routed request is incoming, channel \"routed\""));
            }
        }
        else
        {
            errors.AddRange(Rules.Text(command.Question, "question", "write down what was asked"));
            errors.AddRange(Rules.OptionalText(command.Requester, "requester", 300));
            if (command.Channel == RequestChannel.Routed)
            {
                errors.Add(new("routedFromRequestId", "a routed request names the request it takes over"));
            }

            if (command.Direction == RequestDirection.Outgoing && command.SupplierId is null)
            {
                errors.Add(new("supplierId", "an outgoing request names the supplier asked"));
            }
            else if (command.SupplierId is not null && context.Supplier is null)
            {
                errors.Add(new("supplierId", "no such supplier in the registry"));
            }

            if (command.ReceivedOn is { } day && day > Rules.Today(now))
            {
                errors.Add(new("receivedOn", "must not be in the future"));
            }
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static InformationRequestReceived Decide(ReceiveInformationRequest command, ReceiveContext context, Guid requestId, Caller caller, DateTimeOffset now)
    {
        var routed = context.Routed;
        var receivedOn = routed is not null ? DateOnly.FromDateTime(routed.RoutedAt.UtcDateTime) : command.ReceivedOn ?? Rules.Today(now);
        var dueOn = RequestDeadlines.DueOn(receivedOn);
        return new InformationRequestReceived(requestId, command.Direction, command.Channel,
            routed is not null ? routed.Requester : string.IsNullOrWhiteSpace(command.Requester) ? null : command.Requester.Trim(),
            command.SupplierId, routed?.Question ?? command.Question!.Trim(), receivedOn, dueOn, RequestDeadlines.AnswerBy(dueOn), RequestDeadlines.RuleId,
            routed?.Id, routed?.FromOrg, caller.Actor, now);
    }

    /// <summary>The overdue check of a deadline: the start of the day after it.</summary>
    public static ScheduledCheck Check(Guid requestId, DateOnly dueOn) =>
        Deadlines.Check(new CheckInformationRequestOverdue(requestId, dueOn), Rules.DayAfter(dueOn));

    /// <summary>Record a request for information; its overdue check is scheduled for the day after the deadline.</summary>
    [WolverinePost("/api/information-requests"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<InformationRequestResponse>, IStartStream, IMartenOp) Post(ReceiveInformationRequest command, ReceiveContext context, Caller caller,
        DateTimeOffset now)
    {
        var received = Decide(command, context, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/information-requests/{received.RequestId}", new InformationRequestResponse(received.RequestId, 1)),
            MartenOps.StartStream<InformationRequest>(received.RequestId, received), Deadlines.Schedule(Check(received.RequestId, received.DueOn)));
    }
}
