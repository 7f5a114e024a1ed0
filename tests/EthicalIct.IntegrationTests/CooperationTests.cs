using System.Text.Json.Nodes;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md, swimlane "Cooperation agreement", end to end: the agreement is signed into force, a fourth
/// organisation accedes once every party has approved and then works like the others (tenancy, roles, views), and
/// a party that leaves keeps its records readable to its auditors only.
/// </summary>
public class CooperationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Bergen = "974760673";
    private const string Agreement = "/api/cooperation-agreement";
    private static readonly Guid AgreementId = EthicalIct.Api.Cooperation.CooperationAgreement.StreamId;

    private async Task<long> PostAsync(string org, string url, string json, int expected = 200)
    {
        var (status, body, _) = await Fixture.SendAsync("POST", url, Fixture.Token(org, "coordinator"), json);
        status.ShouldBe(expected, $"{org} {json} -> {body?.ToJsonString()}");
        return body?["version"]?.GetValue<long>() ?? 0;
    }

    private async Task<JsonNode> AgreementAsync(string org = Oslo, string role = "partner")
    {
        var (status, body, _) = await Fixture.SendAsync("GET", Agreement, Fixture.Token(org, role));
        status.ShouldBe(200, body?.ToJsonString());
        return body!;
    }

    private async Task<long> InForceAsync()
    {
        var v = await PostAsync(Oslo, Agreement, """{"purpose":"Joint follow-up of human rights in ICT supply chains","sharingPolicy":[{"kind":"contract","access":"parties"}]}""", 201);
        foreach (var org in new[] { Oslo, Dfo, Sykehusinnkjop })
        {
            v = await PostAsync(org, $"{Agreement}/{AgreementId}/signatures", $$"""{"agreementVersion":1,"expectedVersion":{{v}}}""");
        }

        return v;
    }

    [Fact]
    public async Task COOP2_1_e2e_the_founding_parties_sign_the_agreement_into_force_and_an_amendment_waits_for_every_signature()
    {
        (await AgreementAsync())["versions"]!.AsArray().ShouldBeEmpty();
        (await AgreementAsync())["parties"]!.AsArray().Count.ShouldBe(3, "before any agreement, the founding parties from configuration");
        var v = await InForceAsync();
        var agreement = await AgreementAsync(Dfo, "auditor");
        agreement["inForce"]!.GetValue<int>().ShouldBe(1);
        agreement["versions"]![0]!["signatures"]!.AsArray().Select(s => s!["orgNumber"]!.GetValue<string>()).ShouldBe([Oslo, Dfo, Sykehusinnkjop]);
        agreement["versions"]![0]!["signatures"]![2]!["by"]!["role"]!.GetValue<string>().ShouldBe("coordinator");

        await PostAsync(Oslo, Agreement, """{"purpose":"again","sharingPolicy":[]}""", 409);
        v = await PostAsync(Dfo, $"{Agreement}/{AgreementId}/versions", $$"""{"purpose":"Amended","sharingPolicy":[],"expectedVersion":{{v}}}""");
        v = await PostAsync(Oslo, $"{Agreement}/{AgreementId}/signatures", $$"""{"agreementVersion":2,"expectedVersion":{{v}}}""");
        (await AgreementAsync())["inForce"]!.GetValue<int>().ShouldBe(1, "the amendment binds only when every party has signed");
        var (status, _, _) = await Fixture.SendAsync("POST", $"{Agreement}/{AgreementId}/signatures", Fixture.Token(Dfo, "case-officer"), $$"""{"agreementVersion":2,"expectedVersion":{{v}}}""");
        status.ShouldBe(403, "coordinators sign");
    }

    [Fact]
    public async Task COOP3_1_e2e_a_fourth_organisation_accedes_when_every_party_approved_and_then_works_like_the_others()
    {
        var v = await InForceAsync();
        var bergen = Fixture.Token(Bergen, "coordinator");
        (await Fixture.SendAsync("GET", "/api/organisations", bergen)).Status.ShouldBe(403, "not a party yet");

        v = await PostAsync(Oslo, $"{Agreement}/{AgreementId}/accessions",
            $$"""{"orgNumber":"{{Bergen}}","name":"Bergen kommune","shortName":"Bergen","type":"municipality","expectedVersion":{{v}}}""");
        v = await PostAsync(Dfo, $"{Agreement}/{AgreementId}/accessions/{Bergen}/approval", $$"""{"expectedVersion":{{v}}}""");
        (await Fixture.SendAsync("GET", "/api/organisations", bergen)).Status.ShouldBe(403, "two of three approvals are not enough");
        await PostAsync(Sykehusinnkjop, $"{Agreement}/{AgreementId}/accessions/{Bergen}/approval", $$"""{"expectedVersion":{{v}}}""");

        // Parties: the fourth is admitted at once, in every role.
        var (status, orgs, _) = await Fixture.SendAsync("GET", "/api/organisations", Fixture.Token(Bergen, "partner"));
        status.ShouldBe(200);
        orgs!.AsArray().Select(o => o!["orgNumber"]!.GetValue<string>()).ShouldBe([Oslo, Dfo, Sykehusinnkjop, Bergen]);

        // Tenancy: its assessment is its own; the others get 404, and it gets 404 for theirs.
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var own = await Fixture.OpenAssessmentAsync(Bergen, supplier);
        var oslos = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        (await Fixture.SendAsync("GET", $"/api/assessments/{own}", Fixture.Token(Bergen, "auditor"))).Status.ShouldBe(200);
        (await Fixture.SendAsync("GET", $"/api/assessments/{own}", Fixture.Token(Oslo, "coordinator"))).Status.ShouldBe(404);
        (await Fixture.SendAsync("GET", $"/api/assessments/{oslos}", bergen)).Status.ShouldBe(404);

        // Roles: a case officer of the new party cannot conclude; its coordinator can.
        var conclude = """{"outcome":"no-significant-risk","rationale":"No risks found","expectedVersion":1}""";
        (await Fixture.SendAsync("POST", $"/api/assessments/{own}/conclude", Fixture.Token(Bergen, "case-officer"), conclude)).Status.ShouldBe(403);
        (await Fixture.SendAsync("POST", $"/api/assessments/{own}/conclude", bergen, conclude)).Status.ShouldBe(200);

        // Views: it hosts a roundtable with another party, and the harmonisation view has a column for it.
        (await Fixture.SendAsync("POST", "/api/roundtables", bergen,
            $$"""{"topic":"Forced labour","date":"{{DateTime.UtcNow.AddDays(30):yyyy-MM-dd}}","hostOrgs":["{{Bergen}}","{{Oslo}}"],"online":true}""")).Status.ShouldBe(201);
        (await AgreementAsync())["accessions"]![0]!["outcome"]!.GetValue<string>().ShouldBe("acceded");

        // The shared view: its contract counts in the combined spend the others see, and it reads the overview too.
        await Fixture.CommandAsync(Bergen, "/api/contracts",
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":3000000}""", 201);
        await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(Fixture.Host, TimeSpan.FromSeconds(30));
        var overview = (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/overview", Fixture.Token(Oslo, "auditor"))).Body!;
        overview["spendShares"]!.AsArray().Single()!["org"]!.GetValue<string>().ShouldBe(Bergen);
        (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/overview", Fixture.Token(Bergen, "partner"))).Status.ShouldBe(200);
    }

    [Fact]
    public async Task COOP4_1_e2e_a_party_that_leaves_keeps_its_records_readable_to_its_auditors_and_writes_nothing()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Sykehusinnkjop);
        var assessment = await Fixture.OpenAssessmentAsync(Sykehusinnkjop, supplier);
        var v = await InForceAsync();
        await PostAsync(Sykehusinnkjop, $"{Agreement}/{AgreementId}/withdrawal", $$"""{"reason":"Reorganised","expectedVersion":{{v}}}""");

        (await Fixture.SendAsync("GET", $"/api/assessments/{assessment}", Fixture.Token(Sykehusinnkjop, "auditor"))).Status.ShouldBe(200);
        (await Fixture.SendAsync("GET", $"/api/assessments/{assessment}", Fixture.Token(Sykehusinnkjop, "coordinator"))).Status.ShouldBe(403);
        (await Fixture.SendAsync("POST", "/api/assessments", Fixture.Token(Sykehusinnkjop, "case-officer"),
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"x","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"K"}"""))
            .Status.ShouldBe(403);
        var agreement = await AgreementAsync();
        agreement["parties"]!.AsArray().Count.ShouldBe(2);
        agreement["former"]![0]!["party"]!["orgNumber"]!.GetValue<string>().ShouldBe(Sykehusinnkjop);
        agreement["former"]![0]!["reason"]!.GetValue<string>().ShouldBe("Reorganised");
    }

    [Fact]
    public async Task COOP1_e2e_bad_terms_are_400_with_the_field_and_nothing_is_stored()
    {
        var before = await EventCountAsync();
        var (status, body, _) = await Fixture.SendAsync("POST", Agreement, Fixture.Token(Oslo, "coordinator"),
            """{"purpose":"","sharingPolicy":[{"kind":"contract","access":"parties"},{"kind":"contract","access":"public"}]}""");
        status.ShouldBe(400);
        body!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["purpose", "sharingPolicy[1].kind"]);
        (await EventCountAsync()).ShouldBe(before);
    }
}
