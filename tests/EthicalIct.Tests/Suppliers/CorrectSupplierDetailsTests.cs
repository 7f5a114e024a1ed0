using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.Suppliers;

/// <summary>EventModel.md, slice REG-3 "Correct a supplier's details".</summary>
public class CorrectSupplierDetailsTests
{
    [Fact]
    public void REG3_1_given_a_registered_supplier_a_correction_is_a_new_event_with_its_reason()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = new CorrectSupplierDetails("Fjordtek Norge AS", [SupplierRole.Reseller, SupplierRole.BrandOwner], "renamed in Enhetsregisteret", 1);
        CorrectSupplierDetailsDecision.Validate(cmd, supplier).ShouldBeEmpty();

        var e = CorrectSupplierDetailsDecision.Decide(cmd, supplier, Given.DfoCoordinator, Given.Now);

        e.ShouldBe(new SupplierDetailsCorrected(Given.SupplierId, "Fjordtek Norge AS", cmd.Roles, "renamed in Enhetsregisteret", "986252932", "ola@dfo", Given.Now));
    }

    [Fact]
    public void REG3_2_a_correction_that_changes_nothing_is_rejected()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = new CorrectSupplierDetails("Fjordtek AS", [SupplierRole.Reseller], "no change", 1);
        CorrectSupplierDetailsDecision.Validate(cmd, supplier).Select(e => e.Field).ShouldBe(["legalName"]);
    }

    [Fact]
    public void REG3_3_a_correction_needs_a_reason()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = new CorrectSupplierDetails("New AS", [SupplierRole.Reseller], " ", 1);
        CorrectSupplierDetailsDecision.Validate(cmd, supplier).Select(e => e.Field).ShouldBe(["reason"]);
    }

    [Fact]
    public void REG4_the_supplier_view_folds_registration_sites_and_corrections_with_time_from_the_events()
    {
        var corrected = new SupplierDetailsCorrected(Given.SupplierId, "Fjordtek Norge AS", [SupplierRole.BrandOwner], "renamed", "986252932", "ola@dfo", Given.Now);
        var supplier = Given.Supplier(Given.Registered(), Given.SiteRecorded(), corrected);

        supplier.LegalName.ShouldBe("Fjordtek Norge AS");
        supplier.Roles.ShouldBe([SupplierRole.BrandOwner]);
        supplier.Sites.Single().Country.ShouldBe("CN");
        supplier.RegisteredAt.ShouldBe(Given.Now.AddDays(-10));
        supplier.LastChangedAt.ShouldBe(Given.Now);
        supplier.Version.ShouldBe(3);
    }
}
