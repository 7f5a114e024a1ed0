using EthicalIct.Api.Contracts;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using Shouldly;

namespace EthicalIct.Tests.Contracts;

/// <summary>EventModel.md, swimlane "Contracts": one test per Given/When/Then line.</summary>
public class ContractScenarioTests
{
    private static readonly Caller Coordinator = new("958935420", Role.Coordinator, "ola@oslo", "Ola");
    private static readonly Guid ContractId = Guid.Parse("0197a000-0000-7000-8000-00000000c001");

    private static RecordContract Command(decimal value = 12_500_000m) =>
        new(Given.SupplierId, "PC framework 2026", ProductCategory.Laptop, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), value);

    [Fact]
    public void CON1_1_an_organisation_records_a_contract_with_a_registered_supplier_and_its_annual_value()
    {
        var supplier = Given.SupplierView(Given.Registered());
        RecordContractEndpoint.Validate(Command(), supplier).ShouldPass();
        var e = RecordContractEndpoint.Decide(Command(), ContractId, Coordinator, Given.Now);
        e.AnnualValueNok.ShouldBe(12_500_000m);
        e.By.Org.ShouldBe("958935420");
        ContractView.Create(e).AnnualValueNok.ShouldBe(12_500_000m);
    }

    [Fact]
    public void CON1_2_an_unknown_supplier_reversed_period_or_impossible_value_is_refused()
    {
        RecordContractEndpoint.Validate(Command() with { PeriodTo = new DateOnly(2025, 1, 1), FrameworkAgreement = " " }, null).ShouldFail(400).Fields()
            .ShouldBe(["supplierId", "frameworkAgreement", "periodTo"]);
        var supplier = Given.SupplierView(Given.Registered());
        RecordContractEndpoint.Validate(Command(0), supplier).ShouldFail(400).Fields().ShouldBe(["annualValueNok"]);
        RecordContractEndpoint.Validate(Command(-5), supplier).ShouldFail(400);
        RecordContractEndpoint.Validate(Command(1.005m), supplier).ShouldFail(400);
        RecordContractEndpoint.Validate(Command(2_000_000_000_000m), supplier).ShouldFail(400);
    }

    [Fact]
    public void CON2_1_a_revision_keeps_the_earlier_value_in_the_record()
    {
        var recorded = RecordContractEndpoint.Decide(Command(), ContractId, Coordinator, Given.Now);
        var contract = Contract.Create(recorded);
        ReviseContractValueEndpoint.Validate(new ReviseContractValue(12_500_000m, "same"), contract).ShouldFail(409);
        ReviseContractValueEndpoint.Validate(new ReviseContractValue(9_000_000m, ""), contract).ShouldFail(400).Fields().ShouldBe(["reason"]);
        var revised = ReviseContractValueEndpoint.Decide(new ReviseContractValue(9_000_000m, "call-offs lower than planned"), contract, Coordinator, Given.Now);
        revised.PreviousValueNok.ShouldBe(12_500_000m);
        var view = ContractView.Create(recorded);
        view.Apply(revised);
        view.AnnualValueNok.ShouldBe(9_000_000m);
        view.Revisions.Single().PreviousValueNok.ShouldBe(12_500_000m);
    }
}
