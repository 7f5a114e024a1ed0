using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Disclosures;

/// <summary>Withdraw a disclosure, with the reason: the copy leaves the shared space; the disclosure and its withdrawal stay in the record.</summary>
public sealed record WithdrawDisclosure(string Reason, long? ExpectedVersion = null);

public static class WithdrawDisclosureEndpoint
{
    public static ProblemDetails Validate(WithdrawDisclosure command, Disclosure disclosure) =>
        (disclosure.Withdrawn ? Problems.Conflict("The disclosure is withdrawn already.") : null)
        ?? Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why the disclosure is withdrawn")])
        ?? Problems.None;

    public static DisclosureWithdrawn Decide(WithdrawDisclosure command, Disclosure disclosure, Caller caller, DateTimeOffset now) =>
        new(disclosure.Id, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Withdraw a disclosure (coordinators of the disclosing organisation; to others it does not exist).</summary>
    [WolverinePost("/api/disclosures/{disclosureId}/withdraw"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<DisclosureResponse>, Events) Post(WithdrawDisclosure command, [WriteAggregate] Disclosure disclosure, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new DisclosureResponse(disclosure.Id, disclosure.Version + 1)), [Decide(command, disclosure, caller, now)]);
}
