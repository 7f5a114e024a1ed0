using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.Suppliers;

/// <summary>EventModel.md, slice REG-2 "Record a production site".</summary>
public class RecordProductionSiteTests
{
    private static readonly Guid SiteId = Guid.Parse("0197a000-0000-7000-8000-0000000000bb");

    private static RecordProductionSite Command(string name = "Plant 2", string country = "MY", DateOnly? disclosedOn = null, long? version = 1) =>
        new(name, country, Tier.T3, [ProductCategory.Monitor], "audit report", disclosedOn ?? new DateOnly(2026, 6, 1), version);

    [Fact]
    public void REG2_1_given_a_registered_supplier_a_site_is_recorded_with_who_disclosed_it_and_when()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = Command();
        RecordProductionSiteDecision.Validate(cmd, Given.Now).ShouldBeEmpty();
        ExpectedVersion.Check(cmd.ExpectedVersion, null, supplier.Version).ShouldBeNull();
        RecordProductionSiteDecision.Conflicts(cmd, supplier).ShouldBeNull();

        var e = RecordProductionSiteDecision.Decide(cmd, supplier, SiteId, Given.DfoCoordinator, Given.Now);

        e.ShouldBe(new ProductionSiteRecorded(Given.SupplierId, SiteId, "Plant 2", "MY", Tier.T3, cmd.Categories, "audit report",
            new DateOnly(2026, 6, 1), "986252932", "ola@dfo", Given.Now));
    }

    [Fact]
    public void REG2_2_given_the_same_site_recorded_the_second_is_a_conflict()
    {
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded("Assembly plant 1", "CN"));
        var problem = RecordProductionSiteDecision.Conflicts(Command("assembly PLANT 1", "CN", version: 2), supplier);
        problem!.Status.ShouldBe(409);
        problem.Extensions["existingSiteId"].ShouldBe(supplier.Sites[0].SiteId);

        RecordProductionSiteDecision.Conflicts(Command("Assembly plant 1", "VN", version: 2), supplier).ShouldBeNull();
    }

    [Fact]
    public void REG2_3_a_disclosure_date_in_the_future_is_rejected_today_is_accepted()
    {
        var today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
        RecordProductionSiteDecision.Validate(Command(disclosedOn: today), Given.Now).ShouldBeEmpty();
        RecordProductionSiteDecision.Validate(Command(disclosedOn: today.AddDays(1)), Given.Now).Select(e => e.Field).ShouldBe(["disclosedOn"]);
    }

    [Fact]
    public void REG2_4_country_categories_and_discloser_are_checked()
    {
        var bad = new RecordProductionSite("", "ZZ", Tier.T2, [], " ", new DateOnly(2026, 1, 1), 1);
        RecordProductionSiteDecision.Validate(bad, Given.Now).Select(e => e.Field).ShouldBe(["name", "country", "categories", "disclosedBy"]);
    }

    [Fact]
    public void REG2_5_given_a_supplier_at_version_2_a_command_expecting_1_is_stale_and_one_without_a_version_is_428()
    {
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded());
        var stale = ExpectedVersion.Check(1, null, supplier.Version)!;
        stale.Status.ShouldBe(409);
        stale.Extensions["currentVersion"].ShouldBe(2L);

        ExpectedVersion.Check(null, null, supplier.Version)!.Status.ShouldBe(428);
        ExpectedVersion.Check(null, "\"2\"", supplier.Version).ShouldBeNull();
        ExpectedVersion.Check(null, "W/\"2\"", supplier.Version).ShouldBeNull();
        ExpectedVersion.Check(2, "\"1\"", supplier.Version)!.Status.ShouldBe(400);
        ExpectedVersion.Check(null, "two", supplier.Version)!.Status.ShouldBe(400);
    }
}
