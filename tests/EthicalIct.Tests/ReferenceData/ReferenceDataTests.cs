using EthicalIct.Api.ReferenceData;
using Shouldly;

namespace EthicalIct.Tests.ReferenceData;

public class ReferenceDataTests
{
    [Theory]
    [InlineData("958935420")] // Oslo kommune
    [InlineData("986252932")] // DFØ
    [InlineData("916879067")] // Sykehusinnkjøp HF
    [InlineData("923456783")]
    public void valid_organisation_numbers_pass_the_mod11_check(string number) => OrganisationNumber.IsValid(number).ShouldBeTrue();

    [Theory]
    [InlineData("958935421")]
    [InlineData("95893542")]
    [InlineData("9589354200")]
    [InlineData("95893542x")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("400000000")] // weighted sum 12, remainder 1: check digit would be 10, never valid
    public void invalid_organisation_numbers_fail(string? number) => OrganisationNumber.IsValid(number).ShouldBeFalse();

    [Fact]
    public void countries_are_the_249_iso_3166_alpha2_codes()
    {
        Countries.Count.ShouldBe(249);
        Countries.IsValid("NO").ShouldBeTrue();
        Countries.IsValid("CD").ShouldBeTrue();
        Countries.IsValid("no").ShouldBeFalse();
        Countries.IsValid("UK").ShouldBeFalse();
        Countries.IsValid(null).ShouldBeFalse();
    }
}
