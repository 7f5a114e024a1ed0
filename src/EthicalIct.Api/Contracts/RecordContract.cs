using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Contracts;

/// <summary>Record one of the caller's organisation's contracts with a registered supplier and its annual value in NOK.</summary>
public sealed record RecordContract(Guid SupplierId, string FrameworkAgreement, ProductCategory Category, DateOnly PeriodFrom, DateOnly PeriodTo, decimal AnnualValueNok);

public sealed record ContractResponse(Guid ContractId, long Version);

public static class RecordContractEndpoint
{
    /// <summary>The supplier, from the shared registry.</summary>
    public static Task<SupplierDetails?> LoadAsync(RecordContract command, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<SupplierDetails>(command.SupplierId, ct);

    public static ProblemDetails Validate(RecordContract command, SupplierDetails? supplier) =>
        Problems.Validation([
            .. supplier is null ? [new FieldError("supplierId", "no such supplier in the registry")] : Array.Empty<FieldError>(),
            .. Rules.Text(command.FrameworkAgreement, "frameworkAgreement", "name the framework agreement", 300),
            .. command.PeriodTo < command.PeriodFrom ? [new FieldError("periodTo", "must not be before periodFrom")] : Array.Empty<FieldError>(),
            .. ContractRules.Value(command.AnnualValueNok),
        ])
        ?? Problems.None;

    public static ContractRecorded Decide(RecordContract command, Guid contractId, Caller caller, DateTimeOffset now) =>
        new(contractId, command.SupplierId, command.FrameworkAgreement.Trim(), command.Category, command.PeriodFrom, command.PeriodTo, command.AnnualValueNok, caller.Actor, now);

    /// <summary>Record a contract with a supplier (the caller's organisation's own).</summary>
    [WolverinePost("/api/contracts"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<ContractResponse>, IStartStream) Post(RecordContract command, Caller caller, DateTimeOffset now)
    {
        var recorded = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/contracts/{recorded.ContractId}", new ContractResponse(recorded.ContractId, 1)),
            MartenOps.StartStream<Contract>(recorded.ContractId, recorded));
    }
}
