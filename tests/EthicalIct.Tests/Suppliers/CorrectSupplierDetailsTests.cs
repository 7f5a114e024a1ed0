using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.Suppliers;

/// <summary>EventModel.md, slices REG-3 "Correct a supplier's details" and REG-4 "Supplier details".</summary>
public class CorrectSupplierDetailsTests
{
    [Fact]
    public void REG3_1_given_a_registered_supplier_a_correction_is_a_new_event_with_its_reason()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = new CorrectSupplierDetails("Fjordtek Norge AS", [SupplierRole.Reseller, SupplierRole.BrandOwner], "renamed in Enhetsregisteret", 1);
        CorrectSupplierDetailsEndpoint.Validate(cmd, supplier).ShouldPass();

        var e = CorrectSupplierDetailsEndpoint.Decide(cmd, supplier, Given.DfoCoordinator, Given.Now);

        e.ShouldBe(new SupplierDetailsCorrected(Given.SupplierId, "Fjordtek Norge AS", cmd.Roles, "renamed in Enhetsregisteret", Given.DfoCoordinator.Actor, Given.Now));
    }

    [Fact]
    public void REG3_2_a_correction_that_changes_nothing_is_rejected()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = new CorrectSupplierDetails("Fjordtek AS", [SupplierRole.Reseller], "no change", 1);
        CorrectSupplierDetailsEndpoint.Validate(cmd, supplier).ShouldFail(400).Fields().ShouldBe(["legalName"]);
    }

    [Fact]
    public void REG3_3_a_correction_needs_a_reason()
    {
        var supplier = Given.Supplier(Given.Registered());
        var cmd = new CorrectSupplierDetails("New AS", [SupplierRole.Reseller], " ", 1);
        CorrectSupplierDetailsEndpoint.Validate(cmd, supplier).ShouldFail(400).Fields().ShouldBe(["reason"]);
    }

    [Fact]
    public void REG4_1_the_supplier_view_folds_registration_sites_and_corrections_with_time_from_the_events()
    {
        var corrected = new SupplierDetailsCorrected(Given.SupplierId, "Fjordtek Norge AS", [SupplierRole.BrandOwner], "renamed", Given.DfoCoordinator.Actor, Given.Now);
        var view = SupplierDetails.Create(Given.Registered());
        view.Apply(Given.SiteRecorded());
        view.Apply(corrected);

        view.LegalName.ShouldBe("Fjordtek Norge AS");
        view.Roles.ShouldBe([SupplierRole.BrandOwner]);
        view.Sites.Single().Country.ShouldBe("CN");
        view.Sites.Single().RecordedBy.ShouldBe(Given.DfoCoordinator.Actor);
        view.Corrections.Single().ShouldBe(new SupplierCorrection("Fjordtek Norge AS", [SupplierRole.BrandOwner], "renamed", Given.DfoCoordinator.Actor, Given.Now),
            new CorrectionComparer());
        view.RegisteredAt.ShouldBe(Given.Now.AddDays(-10));
        view.LastChangedAt.ShouldBe(Given.Now);

        var writeModel = Given.Supplier(Given.Registered(), Given.SiteRecorded(), corrected);
        writeModel.LegalName.ShouldBe("Fjordtek Norge AS");
        writeModel.Version.ShouldBe(3);
    }

    private sealed class CorrectionComparer : IEqualityComparer<SupplierCorrection>
    {
        public bool Equals(SupplierCorrection? x, SupplierCorrection? y) =>
            x is not null && y is not null && x with { Roles = [] } == y with { Roles = [] } && x.Roles.SequenceEqual(y.Roles);

        public int GetHashCode(SupplierCorrection obj) => obj.Reason.GetHashCode(StringComparison.Ordinal);
    }
}
