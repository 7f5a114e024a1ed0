using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Contracts;

/// <summary>Revise a contract's annual value, with the reason; the earlier value stays in the record.</summary>
public sealed record ReviseContractValue(decimal AnnualValueNok, string Reason, long? ExpectedVersion = null);

public static class ReviseContractValueEndpoint
{
    public static ProblemDetails Validate(ReviseContractValue command, Contract contract) =>
        Problems.Validation([.. ContractRules.Value(command.AnnualValueNok), .. Rules.Text(command.Reason, "reason", "give the reason for the revision")])
        ?? (command.AnnualValueNok == contract.AnnualValueNok
            ? Problems.Conflict("The contract has this annual value already.", new Dictionary<string, object?> { ["field"] = "annualValueNok" })
            : null)
        ?? Problems.None;

    public static ContractValueRevised Decide(ReviseContractValue command, Contract contract, Caller caller, DateTimeOffset now) =>
        new(contract.Id, contract.AnnualValueNok, command.AnnualValueNok, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Revise a contract's annual value (the owning organisation's coordinators).</summary>
    [WolverinePost("/api/contracts/{contractId}/value"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<ContractResponse>, Events) Post(ReviseContractValue command, [WriteAggregate] Contract contract, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new ContractResponse(contract.Id, contract.Version + 1)), [Decide(command, contract, caller, now)]);
}
