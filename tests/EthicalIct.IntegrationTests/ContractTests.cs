using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, swimlane "Contracts", end to end.</summary>
public class ContractTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task CON1_1_e2e_contracts_are_the_organisations_own_and_a_revision_keeps_the_earlier_value()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var body = $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":12500000}""";
        var id = (await Fixture.CommandAsync(Oslo, "/api/contracts", body, 201))["contractId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, "/api/contracts", body.Replace("12500000", "4000000", StringComparison.Ordinal), 201);

        var (_, mine, _) = await Fixture.SendAsync("GET", $"/api/contracts?supplierId={supplier}", Fixture.Token(Oslo, "auditor"));
        mine!["items"]!.AsArray().Single()!["annualValueNok"]!.GetValue<decimal>().ShouldBe(12_500_000m);
        (await Fixture.SendAsync("POST", $"/api/contracts/{id}/value", Fixture.Token(Dfo, "coordinator"), """{"annualValueNok":1,"reason":"r","expectedVersion":1}""")).Status
            .ShouldBe(404, "another organisation's contract does not exist for it");
        await Fixture.CommandAsync(Oslo, $"/api/contracts/{id}/value", """{"annualValueNok":9000000,"reason":"call-offs lower than planned","expectedVersion":1}""", 200, "coordinator");
        (_, mine, _) = await Fixture.SendAsync("GET", "/api/contracts", Fixture.Token(Oslo));
        var contract = mine!["items"]!.AsArray().Single()!;
        contract["annualValueNok"]!.GetValue<decimal>().ShouldBe(9_000_000m);
        contract["revisions"]![0]!["previousValueNok"]!.GetValue<decimal>().ShouldBe(12_500_000m);
        (await Fixture.SendAsync("POST", "/api/contracts", Fixture.Token(Oslo), body.Replace("12500000", "0", StringComparison.Ordinal))).Status.ShouldBe(400);
    }
}
