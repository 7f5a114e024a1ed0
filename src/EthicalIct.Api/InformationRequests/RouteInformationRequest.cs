using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>
/// Route an incoming request to the party whose contract or supplier it concerns: this organisation's handling ends;
/// the party sees the question and the requester (<c>GET /api/information-requests/routed-to-us</c>) and takes it over
/// in its own name. The party is never made to act: it records the request itself.
/// </summary>
public sealed record RouteInformationRequest(string ToOrg, string Reason, long? ExpectedVersion = null);

public static class RouteInformationRequestEndpoint
{
    public static ProblemDetails Validate(RouteInformationRequest command, InformationRequest request, Caller caller, PartySet parties)
    {
        if (RequestRules.MustBeOpen(request) is { } closed)
        {
            return closed;
        }

        var errors = new List<FieldError>(Rules.Text(command.Reason, "reason", "say why the request concerns the other party"));
        if (request.Direction != RequestDirection.Incoming)
        {
            errors.Add(new("direction", "only a request the organisation received is routed"));
        }

        if (!parties.IsParty(command.ToOrg) || command.ToOrg == caller.OrgNumber)
        {
            errors.Add(new("toOrg", $"must be another party: {string.Join(", ", parties.Current.Where(p => p.OrgNumber != caller.OrgNumber).Select(p => p.OrgNumber))}"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static InformationRequestRouted Decide(RouteInformationRequest command, InformationRequest request, Caller caller, DateTimeOffset now) =>
        new(request.Id, command.ToOrg, command.Reason.Trim(), request.Question, request.Requester, request.ReceivedOn, caller.Actor, now);

    /// <summary>Route a request to another party.</summary>
    [WolverinePost("/api/information-requests/{requestId}/routing"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<InformationRequestResponse>, Events) Post(RouteInformationRequest command, [WriteAggregate("requestId")] InformationRequest request, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new InformationRequestResponse(request.Id, request.Version + 1)), [Decide(command, request, caller, now)]);
}
