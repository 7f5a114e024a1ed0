using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Contracts;

/// <summary>The write model of a contract (tenanted inline snapshot): what a revision reads.</summary>
public sealed class Contract : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public decimal AnnualValueNok { get; set; }

    public static Contract Create(ContractRecorded e) => new() { Id = e.ContractId, AnnualValueNok = e.AnnualValueNok };

    public void Apply(ContractValueRevised e) => AnnualValueNok = e.AnnualValueNok;
}

/// <summary>A revision of the annual value, as it happened.</summary>
public sealed record ValueRevision(decimal PreviousValueNok, decimal AnnualValueNok, string Reason, Identity.Actor By, DateTimeOffset At);

/// <summary>The contract as its organisation reads it, with every revision of its value (tenanted inline projection).</summary>
public sealed class ContractView
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string FrameworkAgreement { get; set; } = "";

    public ProductCategory Category { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public decimal AnnualValueNok { get; set; }

    public Identity.Actor RecordedBy { get; set; } = Identity.Actor.System;

    public DateTimeOffset RecordedAt { get; set; }

    public List<ValueRevision> Revisions { get; set; } = [];

    public static ContractView Create(ContractRecorded e) => new()
    {
        Id = e.ContractId, SupplierId = e.SupplierId, FrameworkAgreement = e.FrameworkAgreement, Category = e.Category, PeriodFrom = e.PeriodFrom,
        PeriodTo = e.PeriodTo, AnnualValueNok = e.AnnualValueNok, RecordedBy = e.By, RecordedAt = e.At,
    };

    public void Apply(ContractValueRevised e)
    {
        Revisions.Add(new ValueRevision(e.PreviousValueNok, e.AnnualValueNok, e.Reason, e.By, e.At));
        AnnualValueNok = e.AnnualValueNok;
    }
}
