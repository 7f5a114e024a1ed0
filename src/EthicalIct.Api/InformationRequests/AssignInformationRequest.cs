using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>Name who prepares the answer.</summary>
public sealed record AssignInformationRequest(string Assignee, long? ExpectedVersion = null);

public static class AssignInformationRequestEndpoint
{
    public static ProblemDetails Validate(AssignInformationRequest command, InformationRequest request) =>
        RequestRules.MustBeOpen(request) ?? Problems.Validation([.. Rules.Text(command.Assignee, "assignee", "name who prepares the answer", 200)]) ?? Problems.None;

    public static InformationRequestAssigned Decide(AssignInformationRequest command, InformationRequest request, Caller caller, DateTimeOffset now) =>
        new(request.Id, command.Assignee.Trim(), caller.Actor, now);

    /// <summary>Assign a request.</summary>
    [WolverinePost("/api/information-requests/{requestId}/assignment"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<InformationRequestResponse>, Events) Post(AssignInformationRequest command, [WriteAggregate("requestId")] InformationRequest request, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new InformationRequestResponse(request.Id, request.Version + 1)), [Decide(command, request, caller, now)]);
}
