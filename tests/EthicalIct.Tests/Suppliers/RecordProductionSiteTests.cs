using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.Suppliers;

/// <summary>EventModel.md, slice REG-2 "Record a production site".</summary>
public class RecordProductionSiteTests
{
    private static RecordProductionSite Command(string name = "Plant 2", string country = "MY", DateOnly? disclosedOn = null, long? version = 1) =>
        new(name, country, Tier.T3, [ProductCategory.Monitor], "audit report", disclosedOn ?? new DateOnly(2026, 6, 1), version);

    [Fact]
    public void REG2_1_given_a_registered_supplier_a_site_is_recorded_with_who_disclosed_it_and_when()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = Command();
        RecordProductionSiteEndpoint.Validate(cmd, supplier, Given.Now).ShouldPass();
        ExpectedVersion.Evaluate(cmd.ExpectedVersion, null, supplier.Version).ShouldBeNull();

        var e = RecordProductionSiteEndpoint.Decide(cmd, supplier, Given.DfoCoordinator, Given.Now);

        e.ShouldBe(new ProductionSiteRecorded(Given.SupplierId, e.SiteId, "Plant 2", "MY", Tier.T3, cmd.Categories, "audit report",
            new DateOnly(2026, 6, 1), Given.DfoCoordinator.Actor, Given.Now));
        e.SiteId.ShouldBe(RecordProductionSiteEndpoint.Decide(cmd, supplier, Given.DfoCoordinator, Given.Now).SiteId, "the decision is a pure function of its inputs");
    }

    [Fact]
    public void REG2_2_given_the_same_site_recorded_the_second_is_a_conflict()
    {
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded("Assembly plant 1", "CN"));
        var problem = RecordProductionSiteEndpoint.Validate(Command("assembly PLANT 1", "CN", version: 2), supplier, Given.Now).ShouldFail(409);
        problem.Extensions["existingSiteId"].ShouldBe(supplier.Sites[0].SiteId);

        RecordProductionSiteEndpoint.Validate(Command("Assembly plant 1", "VN", version: 2), supplier, Given.Now).ShouldPass();
    }

    [Fact]
    public void REG2_3_a_disclosure_date_in_the_future_is_rejected_today_is_accepted()
    {
        var supplier = Given.Supplier(Given.Registered());
        var today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
        RecordProductionSiteEndpoint.Validate(Command(disclosedOn: today), supplier, Given.Now).ShouldPass();
        RecordProductionSiteEndpoint.Validate(Command(disclosedOn: today.AddDays(1)), supplier, Given.Now).ShouldFail(400).Fields().ShouldBe(["disclosedOn"]);
    }

    [Fact]
    public void REG2_4_country_categories_and_discloser_are_checked()
    {
        var bad = new RecordProductionSite("", "ZZ", Tier.T2, [], " ", new DateOnly(2026, 1, 1), 1);
        RecordProductionSiteEndpoint.Validate(bad, Given.Supplier(Given.Registered()), Given.Now).ShouldFail(400).Fields()
            .ShouldBe(["name", "country", "categories", "disclosedBy"]);
    }

    [Fact]
    public void REG2_5_given_a_supplier_at_version_2_a_command_expecting_1_is_stale_and_one_without_a_version_is_428()
    {
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded());
        var stale = ExpectedVersion.Evaluate(1, null, supplier.Version)!;
        stale.Status.ShouldBe(409);
        stale.Extensions["currentVersion"].ShouldBe(2L);

        ExpectedVersion.Evaluate(null, null, supplier.Version)!.Status.ShouldBe(428);
        ExpectedVersion.Evaluate(null, "\"2\"", supplier.Version).ShouldBeNull();
        ExpectedVersion.Evaluate(2, "\"1\"", supplier.Version)!.Status.ShouldBe(400);
        ExpectedVersion.Evaluate(null, "two", supplier.Version)!.Status.ShouldBe(400);
    }

    [Theory]
    [InlineData("W/\"2\"")]
    [InlineData("\"2\", \"3\"")]
    [InlineData("*")]
    [InlineData("2")]
    public void REG2_5b_a_weak_listed_wildcard_or_unquoted_if_match_is_refused(string ifMatch) =>
        ExpectedVersion.Evaluate(null, ifMatch, 2)!.Status.ShouldBe(400);
}
