using System.Security.Claims;
using EthicalIct.Api.Development;
using EthicalIct.Api.Identity;
using Shouldly;

namespace EthicalIct.Tests.Identity;

public class CallerTests
{
    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

    [Theory]
    [InlineData("""{"authority":"iso6523-actorid-upis","ID":"0192:958935420"}""", "958935420")]
    [InlineData("0192:986252932", "986252932")]
    [InlineData("0192:12345678", null)]
    [InlineData("0088:958935420", null)]
    [InlineData("""{"ID":42}""", null)]
    [InlineData("{not json", null)]
    public void the_consumer_claim_gives_the_organisation_number(string claim, string? expected) =>
        Caller.ParseConsumer(claim).ShouldBe(expected);

    [Fact]
    public void a_caller_needs_an_organisation_number_a_known_role_and_a_subject_and_is_admitted_only_as_a_party()
    {
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "case-officer"), ("sub", "kari")))
            .ShouldBe(new Caller("958935420", Role.CaseOfficer, "kari", null));
        // An organisation outside the agreement is a well-formed caller, but not admitted (403 from every policy).
        var outsider = Caller.From(Principal(("consumer", "0192:923456783"), ("role", "coordinator"), ("sub", "x")));
        outsider.ShouldNotBeNull();
        Given.Parties.Admits(outsider).ShouldBeFalse();
        Given.Parties.Admits(Caller.From(Principal(("consumer", "0192:958935420"), ("role", "case-officer"), ("sub", "kari")))!).ShouldBeTrue();
        Caller.From(Principal(("consumer", "0192:95893542"), ("role", "coordinator"), ("sub", "x"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "admin"), ("sub", "x"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "auditor"))).ShouldBeNull();
        Caller.From(new ClaimsPrincipal(new ClaimsIdentity())).ShouldBeNull();
    }

    [Fact]
    public void an_ambiguous_token_naming_two_organisations_two_roles_or_two_subjects_is_refused()
    {
        Caller.From(Principal(("consumer", "0192:958935420"), ("consumer", "0192:986252932"), ("role", "coordinator"), ("sub", "x"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "coordinator"), ("role", "auditor"), ("sub", "x"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "auditor"), ("role", "auditor"), ("sub", "x"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "coordinator"), ("sub", "x"), ("sub", "y"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "coordinator"), ("sub", "x"), ("name", "A"), ("name", "B"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "0192:958935420"), ("role", "Coordinator"), ("sub", "x"))).ShouldBeNull();
        Caller.From(Principal(("consumer", "[\"0192:958935420\"]"), ("role", "coordinator"), ("sub", "x"))).ShouldBeNull();
    }

    [Fact]
    public void the_caller_is_recorded_in_events_as_an_actor_with_organisation_person_name_and_role() =>
        new Caller("958935420", Role.CaseOfficer, "kari@oslo", "Kari Nordmann").Actor.ShouldBe(new Actor("958935420", "kari@oslo", "Kari Nordmann", "case-officer"));

    [Theory]
    [InlineData(Role.Coordinator, true)]
    [InlineData(Role.CaseOfficer, true)]
    [InlineData(Role.Auditor, false)]
    [InlineData(Role.Partner, false)]
    public void only_coordinators_and_case_officers_write(Role role, bool canWrite) =>
        new Caller("958935420", role, "x", null).CanWrite.ShouldBe(canWrite);

    [Fact]
    public void a_development_token_carries_a_maskinporten_shaped_consumer_claim()
    {
        var token = DevTokens.Create("a-test-signing-key-of-at-least-32-bytes!!", "916879067", "auditor");
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token);
        Caller.ParseConsumer(jwt.GetClaim("consumer").Value).ShouldBe("916879067");
        jwt.GetClaim("role").Value.ShouldBe("auditor");
    }
}
