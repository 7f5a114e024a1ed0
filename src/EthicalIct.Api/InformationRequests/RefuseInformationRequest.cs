using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>Refuse a request on one of the Act's grounds, with the explanation given to the requester and the day (default today). Coordinators.</summary>
public sealed record RefuseInformationRequest(RefusalGround Ground, string Explanation, DateOnly? RefusedOn = null, long? ExpectedVersion = null);

public static class RefuseInformationRequestEndpoint
{
    public static ProblemDetails Validate(RefuseInformationRequest command, InformationRequest request, DateTimeOffset now) =>
        RequestRules.MustBeOpen(request)
        ?? Problems.Validation([
            .. Rules.Text(command.Explanation, "explanation", "explain the refusal to the requester"),
            .. request.Direction == RequestDirection.Outgoing ? [new FieldError("direction", "a request the organisation sent is answered or refused by the supplier: record its answer")] : Array.Empty<FieldError>(),
            .. RequestRules.Day(command.RefusedOn, "refusedOn", request, now),
        ])
        ?? Problems.None;

    public static InformationRequestRefused Decide(RefuseInformationRequest command, InformationRequest request, Caller caller, DateTimeOffset now)
    {
        var day = command.RefusedOn ?? Rules.Today(now);
        return new(request.Id, command.Ground, command.Explanation.Trim(), day, day <= request.DueOn, caller.Actor, now);
    }

    /// <summary>Refuse a request (coordinators).</summary>
    [WolverinePost("/api/information-requests/{requestId}/refusal"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<InformationRequestResponse>, Events) Post(RefuseInformationRequest command, [WriteAggregate("requestId")] InformationRequest request, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new InformationRequestResponse(request.Id, request.Version + 1)), [Decide(command, request, caller, now)]);
}
