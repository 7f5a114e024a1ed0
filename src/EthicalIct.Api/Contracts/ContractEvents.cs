using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Contracts;

// An organisation's contracts with a supplier: tenanted streams, one per contract, shared with the parties by the
// agreement's default sharing policy (the combined spend of the shared view). A revision is a new fact, never an edit.

public sealed record ContractRecorded(Guid ContractId, Guid SupplierId, string FrameworkAgreement, ProductCategory Category, DateOnly PeriodFrom, DateOnly PeriodTo,
    decimal AnnualValueNok, Actor By, DateTimeOffset At);

public sealed record ContractValueRevised(Guid ContractId, decimal PreviousValueNok, decimal AnnualValueNok, string Reason, Actor By, DateTimeOffset At);
