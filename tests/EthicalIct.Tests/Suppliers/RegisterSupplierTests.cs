using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Shouldly;

namespace EthicalIct.Tests.Suppliers;

/// <summary>EventModel.md, slice REG-1 "Register a supplier".</summary>
public class RegisterSupplierTests
{
    private static readonly Guid NewId = Guid.Parse("0197a000-0000-7000-8000-0000000000ff");

    [Fact]
    public void REG1_1_a_norwegian_supplier_is_registered_under_its_org_number()
    {
        var cmd = new RegisterSupplier("  Fjordtek AS ", [SupplierRole.Reseller], OrgNumber: "923456783");
        RegisterSupplierEndpoint.Validate(cmd, existing: null).ShouldPass();

        var e = RegisterSupplierEndpoint.Decide(cmd, NewId, Given.OsloCaseOfficer, Given.Now);

        e.ShouldBe(new SupplierRegistered(NewId, "Fjordtek AS", "923456783", null, "NO", cmd.Roles, "NO:923456783", Given.OsloCaseOfficer.Actor, Given.Now));
        e.By.ShouldBe(new EthicalIct.Api.Identity.Actor("958935420", "kari@oslo", "Kari", "case-officer"));
    }

    [Fact]
    public void REG1_2_a_foreign_supplier_is_registered_under_country_and_identifier()
    {
        var cmd = new RegisterSupplier("Nordlys Computing Ltd", [SupplierRole.BrandOwner, SupplierRole.Manufacturer], ForeignIdentifier: " tw-0001 ", Country: "TW");
        RegisterSupplierEndpoint.Validate(cmd, null).ShouldPass();

        var e = RegisterSupplierEndpoint.Decide(cmd, NewId, Given.DfoCoordinator, Given.Now);

        e.IdentifierKey.ShouldBe("TW:TW-0001");
        e.ForeignIdentifier.ShouldBe("tw-0001");
        e.Country.ShouldBe("TW");
        e.OrgNumber.ShouldBeNull();
        e.By.Org.ShouldBe("986252932");
    }

    [Theory]
    [InlineData("923456784", "orgNumber")] // wrong check digit
    [InlineData("12345678", "orgNumber")] // eight digits
    [InlineData("92345678A", "orgNumber")] // not digits
    public void REG1_3_a_bad_org_number_is_rejected(string orgNumber, string field) =>
        Fields(new RegisterSupplier("X", [SupplierRole.Reseller], OrgNumber: orgNumber)).ShouldBe([field]);

    [Fact]
    public void REG1_4_both_or_neither_identifier_is_rejected()
    {
        Fields(new RegisterSupplier("X", [SupplierRole.Reseller])).ShouldBe(["orgNumber"]);
        Fields(new RegisterSupplier("X", [SupplierRole.Reseller], OrgNumber: "923456783", ForeignIdentifier: "A", Country: "CN")).ShouldBe(["orgNumber"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("XX")]
    [InlineData("cn")]
    [InlineData("CHN")]
    public void REG1_5_a_foreign_identifier_needs_an_iso_country(string? country) =>
        Fields(new RegisterSupplier("X", [SupplierRole.Manufacturer], ForeignIdentifier: "A1", Country: country)).ShouldBe(["country"]);

    [Fact]
    public void REG1_5b_a_norwegian_company_is_registered_by_org_number_not_as_foreign() =>
        Fields(new RegisterSupplier("X", [SupplierRole.Manufacturer], ForeignIdentifier: "A1", Country: "NO")).ShouldBe(["foreignIdentifier"]);

    [Fact]
    public void REG1_6_roles_and_name_are_required()
    {
        Fields(new RegisterSupplier("X", [], OrgNumber: "923456783")).ShouldBe(["roles"]);
        Fields(new RegisterSupplier("X", [SupplierRole.Reseller, SupplierRole.Reseller], OrgNumber: "923456783")).ShouldBe(["roles"]);
        Fields(new RegisterSupplier(" ", [SupplierRole.Reseller], OrgNumber: "923456783")).ShouldBe(["legalName"]);
        Fields(new RegisterSupplier(new string('x', 301), [SupplierRole.Reseller], OrgNumber: "923456783")).ShouldBe(["legalName"]);
    }

    [Fact]
    public void REG1_7_given_a_registered_org_number_a_second_registration_is_a_conflict_naming_the_existing_supplier()
    {
        var existing = SupplierDetails.Create(Given.Registered());
        var cmd = new RegisterSupplier("Other AS", [SupplierRole.Reseller], OrgNumber: "923456783");
        RegisterSupplierEndpoint.IdentifierKey(cmd).ShouldBe(existing.IdentifierKey);

        var problem = RegisterSupplierEndpoint.Validate(cmd, existing).ShouldFail(409);

        problem.Extensions["existingSupplierId"].ShouldBe(existing.Id);
        problem.Extensions["field"].ShouldBe("orgNumber");
    }

    private static string[] Fields(RegisterSupplier cmd) => RegisterSupplierEndpoint.Validate(cmd, null).ShouldFail(400).Fields();
}
