using System.Text;
using Marten.Events;
using Shouldly;

namespace EthicalIct.IntegrationTests;

public class AssessmentTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Risk(string code, Guid? siteId = null, string country = "CN", long? version = null) =>
        $$"""{"code":"{{code}}","tier":"T2","country":"{{country}}","description":"{{code}} risk at final assembly","source":"Electronics Watch report 2026"{{(siteId is null ? "" : $",\"siteId\":\"{siteId}\"")}}{{(version is null ? "" : $",\"expectedVersion\":{version}")}}}""";

    private static string Score(int scale, int scope, int irremediability, int likelihood, long version) =>
        $$"""{"scale":{{scale}},"scope":{{scope}},"irremediability":{{irremediability}},"likelihood":{{likelihood}},"connection":"directly-linked","leverage":"medium","rationale":"desk review","expectedVersion":{{version}}}""";

    private static string Evidence(string sha, long version, string accessClass = "exempt", string? supersedes = null) =>
        $$"""{"title":"Audit report 2026","kind":"audit-report","receivedOn":"2026-10-01","source":"RBA VAP","accessClass":"{{accessClass}}","legalBasis":"offl. § 13 jf. fvl. § 13 første ledd nr. 2","sha256":"{{sha}}","fileName":"audit.pdf"{{(supersedes is null ? "" : $",\"supersedes\":\"{supersedes}\"")}},"expectedVersion":{{version}}}""";

    private async Task<(Guid Supplier, Guid Site, Guid Assessment)> OpenAsync(string org = Oslo)
    {
        var supplier = await Fixture.RegisterSupplierAsync(org);
        var (_, site, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{supplier}/sites", Fixture.Token(org), Scenarios.SiteBody(1));
        var assessment = await Fixture.OpenAssessmentAsync(org, supplier);
        return (supplier, site!["siteId"]!.GetValue<Guid>(), assessment);
    }

    [Fact]
    public async Task the_full_lifecycle_of_an_assessment()
    {
        var (supplier, site, id) = await OpenAsync();
        var url = $"/api/assessments/{id}";

        var risk = (await Fixture.CommandAsync(Oslo, $"{url}/risks", Risk("FL", site, version: 1), 201))["itemId"]!.GetValue<Guid>();
        var scored = await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores", Score(3, 2, 5, 1, 2), 200);
        scored["priority"]!.GetValue<string>().ShouldBe("critical");
        scored["rank"]!.GetValue<int>().ShouldBe(51);
        (await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores", Score(3, 2, 5, 2, 3), 200))["version"]!.GetValue<long>().ShouldBe(4);

        var pdf = Encoding.UTF8.GetBytes("%PDF-1.7 audit report body");
        var (uploaded, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), pdf);
        uploaded.ShouldBe(201);
        var sha = file!["sha256"]!.GetValue<string>();
        sha.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        var evidence = (await Fixture.CommandAsync(Oslo, $"{url}/evidence", Evidence(sha, 4), 201))["itemId"]!.GetValue<Guid>();

        var download = await Fixture.Host.Scenario(s =>
        {
            s.Get.Url($"{url}/evidence/{evidence}/file");
            s.WithBearerToken(Fixture.Token(Oslo, "auditor"));
            s.StatusCodeShouldBe(200);
        });
        (await download.ReadAsTextAsync()).ShouldBe("%PDF-1.7 audit report body");
        download.Context.Response.ContentType.ShouldBe("application/pdf");
        download.Context.Response.Headers["Repr-Digest"].ToString().ShouldBe($"sha-256=:{Convert.ToBase64String(Convert.FromHexString(sha))}:");

        await Fixture.CommandAsync(Oslo, $"{url}/decisions",
            $$"""{"kind":"prioritise","rationale":"state-imposed forced labour cannot be remedied","evidenceIds":["{{evidence}}"],"riskIds":["{{risk}}"],"expectedVersion":5}""", 201, "coordinator");
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/mitigations",
            """{"description":"Supplier to map tier-2 sites and exclude flagged ones","owner":"Fjordtek AS","dueDate":"2027-03-31","expectedVersion":6}""", 201);
        var second = (await Fixture.CommandAsync(Oslo, $"{url}/risks", Risk("WH", version: 7), 201))["itemId"]!.GetValue<Guid>();
        (await Fixture.CommandAsync(Oslo, $"{url}/risks/{second}/scores", Score(2, 2, 1, 5, 8), 200))["priority"]!.GetValue<string>().ShouldBe("medium");
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{second}/close", """{"reason":"overtime within limits in the 2026 audit","expectedVersion":9}""", 200);

        var concluded = await Fixture.CommandAsync(Oslo, $"{url}/conclude",
            $$"""{"outcome":"risks-mitigated","rationale":"mitigation agreed and monitored","evidenceIds":["{{evidence}}"],"expectedVersion":10}""", 200, "coordinator");
        concluded["version"]!.GetValue<long>().ShouldBe(12);

        var before = await EventCountAsync();
        var (refused, problem, _) = await Fixture.SendAsync("POST", $"{url}/risks", Fixture.Token(Oslo), Risk("CL", version: 12));
        refused.ShouldBe(409);
        problem!["assessmentStatus"]!.GetValue<string>().ShouldBe("concluded");
        (await EventCountAsync()).ShouldBe(before);

        await Fixture.CommandAsync(Oslo, $"{url}/reopen", """{"reason":"new Electronics Watch alert","expectedVersion":12}""", 200, "coordinator");

        var (_, details, result) = await Fixture.SendAsync("GET", url, Fixture.Token(Oslo, "auditor"));
        result.Context.Response.Headers.ETag.ToString().ShouldBe("\"13\"");
        details!["status"]!.GetValue<string>().ShouldBe("open");
        details["outcome"]!.GetValue<string>().ShouldBe("risks-mitigated");
        var risks = details["risks"]!.AsArray();
        risks.Count.ShouldBe(2);
        risks[0]!["scoreHistory"]!.AsArray().Count.ShouldBe(2);
        risks[0]!["score"]!["rank"]!.GetValue<int>().ShouldBe(52);
        risks[0]!["siteId"]!.GetValue<Guid>().ShouldBe(site);
        risks[0]!["mitigations"]!.AsArray().Count.ShouldBe(1);
        risks[1]!["status"]!.GetValue<string>().ShouldBe("closed");
        details["evidence"]!.AsArray().Single()!["sha256"]!.GetValue<string>().ShouldBe(sha);
        var decisions = details["decisions"]!.AsArray();
        decisions.Select(d => d!["kind"]!.GetValue<string>()).ShouldBe(["prioritise", "conclude"]);
        decisions[0]!["by"]!["role"]!.GetValue<string>().ShouldBe("coordinator");
        decisions[0]!["evidenceIds"]!.AsArray().Single()!.GetValue<Guid>().ShouldBe(evidence);

        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var (_, register, _) = await Fixture.SendAsync("GET", "/api/risk-register", Fixture.Token(Oslo, "auditor"));
        register!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([risk]);
        var (_, closed, _) = await Fixture.SendAsync("GET", "/api/risk-register?status=closed", Fixture.Token(Oslo));
        closed!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([second]);
        var (_, outcome, _) = await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/assessment-outcome", Fixture.Token(Oslo));
        outcome!["latestOutcome"]!.GetValue<string>().ShouldBe("risks-mitigated");
        outcome["latestAssessmentStatus"]!.GetValue<string>().ShouldBe("open");
        (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/assessment-outcome", Fixture.Token(Dfo))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task the_risk_register_lists_open_risks_by_priority_after_the_daemon_catches_up()
    {
        var (supplier, _, id) = await OpenAsync();
        var url = $"/api/assessments/{id}";
        async Task<Guid> Add(string code, long version) => (await Fixture.CommandAsync(Oslo, $"{url}/risks", Risk(code, version: version), 201))["itemId"]!.GetValue<Guid>();

        var forced = await Add("FL", 1);                                               // irremediable, unlikely
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{forced}/scores", Score(1, 1, 5, 1, 2), 200);
        var hours = await Add("WH", 3);                                                // severity 4, very likely
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{hours}/scores", Score(4, 3, 2, 5, 4), 200);
        var wages = await Add("WG", 5);                                                // severity 3, likely
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{wages}/scores", Score(3, 3, 1, 4, 6), 200);
        var unassessed = await Add("TR", 7);

        // another organisation's risks never appear in Oslo's register
        var dfo = await Fixture.OpenAssessmentAsync(Dfo, supplier);
        await Fixture.CommandAsync(Dfo, $"/api/assessments/{dfo}/risks", Risk("CL", version: 1), 201);

        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        async Task<List<Guid>> Register(string query = "")
        {
            var (status, page, _) = await Fixture.SendAsync("GET", "/api/risk-register" + query, Fixture.Token(Oslo, "auditor"));
            status.ShouldBe(200, page?.ToJsonString());
            return [.. page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];
        }

        (await Register()).ShouldBe([forced, hours, wages, unassessed]);
        (await Register("?priority=critical")).ShouldBe([forced, hours]);
        (await Register("?code=WG")).ShouldBe([wages]);
        (await Register($"?supplierId={supplier}&country=CN&tier=T2")).Count.ShouldBe(4);
        (await Register("?country=VN")).ShouldBeEmpty();
        var (_, dfoPage, _) = await Fixture.SendAsync("GET", "/api/risk-register", Fixture.Token(Dfo));
        dfoPage!["items"]!.AsArray().Count.ShouldBe(1);

        // the list line of each organisation's assessments (async, like the register): its own only, with the counts
        var (_, list, _) = await Fixture.SendAsync("GET", "/api/assessments", Fixture.Token(Oslo, "auditor"));
        var line = list!["items"]!.AsArray().ShouldHaveSingleItem()!;
        line["id"]!.GetValue<Guid>().ShouldBe(id);
        line["openRisks"]!.GetValue<int>().ShouldBe(4);
        list["totalCount"]!.GetValue<long>().ShouldBe(1);
        (await Fixture.SendAsync("GET", "/api/assessments", Fixture.Token(Dfo))).Body!["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<Guid>().ShouldBe(dfo);
    }

    [Fact]
    public async Task another_organisation_gets_404_writing_and_an_auditor_403()
    {
        var (_, _, id) = await OpenAsync();
        var before = await EventCountAsync();

        var (status, problem, _) = await Fixture.SendAsync("POST", $"/api/assessments/{id}/risks", Fixture.Token(Dfo, "coordinator"), Risk("FL", version: 1));
        status.ShouldBe(404);
        problem!["status"]!.GetValue<int>().ShouldBe(404);
        (await Fixture.SendAsync("POST", $"/api/assessments/{id}/risks", Fixture.Token(Oslo, "auditor"), Risk("FL", version: 1))).Status.ShouldBe(403);
        (await Fixture.SendAsync("POST", $"/api/assessments/{id}/risks", Fixture.Token(Oslo, "partner"), Risk("FL", version: 1))).Status.ShouldBe(403);
        (await Fixture.SendAsync("GET", $"/api/assessments/{id}", Fixture.Token(Sykehusinnkjop, "auditor"))).Status.ShouldBe(404);
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task evidence_from_another_organisation_cannot_be_cited_nor_downloaded()
    {
        var (supplier, _, oslo) = await OpenAsync();
        var dfo = await Fixture.OpenAssessmentAsync(Dfo, supplier);
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Dfo), Encoding.UTF8.GetBytes("DFØ minutes"), "text/plain");
        var sha = file!["sha256"]!.GetValue<string>();
        var dfoEvidence = (await Fixture.CommandAsync(Dfo, $"/api/assessments/{dfo}/evidence", Evidence(sha, 1, "open").Replace(",\"legalBasis\":\"offl. § 13 jf. fvl. § 13 første ledd nr. 2\"", "", StringComparison.Ordinal), 201))["itemId"]!.GetValue<Guid>();
        var before = await EventCountAsync();

        var (status, problem, _) = await Fixture.SendAsync("POST", $"/api/assessments/{oslo}/decisions", Fixture.Token(Oslo, "coordinator"),
            $$"""{"kind":"escalate","rationale":"see DFØ minutes","evidenceIds":["{{dfoEvidence}}"],"expectedVersion":1}""");
        status.ShouldBe(400);
        problem!["errors"]!["evidenceIds[0]"].ShouldNotBeNull();

        // Oslo cannot register DFØ's uploaded file either: files are per organisation
        var (regStatus, regProblem, _) = await Fixture.SendAsync("POST", $"/api/assessments/{oslo}/evidence", Fixture.Token(Oslo), Evidence(sha, 1));
        regStatus.ShouldBe(400);
        regProblem!["errors"]!["sha256"].ShouldNotBeNull();

        (await Fixture.SendAsync("GET", $"/api/assessments/{dfo}/evidence/{dfoEvidence}/file", Fixture.Token(Oslo))).Status.ShouldBe(404);
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_file_over_the_limit_is_413_problem()
    {
        var (status, problem) = await Fixture.UploadAsync(Fixture.Token(Oslo), new byte[AppFixture.MaxFileBytes + 1]);
        status.ShouldBe(413);
        problem!["maxFileBytes"]!.GetValue<long>().ShouldBe(AppFixture.MaxFileBytes);
        (await Fixture.UploadAsync(Fixture.Token(Oslo), new byte[AppFixture.MaxFileBytes])).Status.ShouldBe(201);
        (await Fixture.UploadAsync(Fixture.Token(Oslo), [])).Status.ShouldBe(400);
        (await Fixture.UploadAsync(Fixture.Token(Oslo, "auditor"), [1, 2, 3])).Status.ShouldBe(403);
    }

    [Fact]
    public async Task a_tampered_file_is_never_served()
    {
        var (_, _, id) = await OpenAsync();
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), Encoding.UTF8.GetBytes("original"));
        var sha = file!["sha256"]!.GetValue<string>();
        var evidence = (await Fixture.CommandAsync(Oslo, $"/api/assessments/{id}/evidence", Evidence(sha, 1), 201))["itemId"]!.GetValue<Guid>();

        await using (var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("update ethicalict.evidence_files set content = 'altered'::bytea where sha256 = @sha", conn);
            cmd.Parameters.AddWithValue("sha", sha);
            (await cmd.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var (status, problem, _) = await Fixture.SendAsync("GET", $"/api/assessments/{id}/evidence/{evidence}/file", Fixture.Token(Oslo));
        status.ShouldBe(500);
        problem!["type"]!.GetValue<string>().ShouldBe("urn:ethicalict:problem:integrity");
    }

    [Fact]
    public async Task corrected_evidence_supersedes_the_old_and_nothing_is_changed_in_place()
    {
        var (_, _, id) = await OpenAsync();
        var (_, first) = await Fixture.UploadAsync(Fixture.Token(Oslo), Encoding.UTF8.GetBytes("v1"));
        var old = (await Fixture.CommandAsync(Oslo, $"/api/assessments/{id}/evidence", Evidence(first!["sha256"]!.GetValue<string>(), 1), 201))["itemId"]!.GetValue<Guid>();
        var (_, second) = await Fixture.UploadAsync(Fixture.Token(Oslo), Encoding.UTF8.GetBytes("v2"));
        var replacement = (await Fixture.CommandAsync(Oslo, $"/api/assessments/{id}/evidence", Evidence(second!["sha256"]!.GetValue<string>(), 2, supersedes: old.ToString()), 201))["itemId"]!.GetValue<Guid>();

        var (_, details, _) = await Fixture.SendAsync("GET", $"/api/assessments/{id}", Fixture.Token(Oslo));
        var items = details!["evidence"]!.AsArray();
        items[0]!["supersededBy"]!.GetValue<Guid>().ShouldBe(replacement);
        items[1]!["supersedes"]!.GetValue<Guid>().ShouldBe(old);
        (await Fixture.SendAsync("GET", $"/api/assessments/{id}/evidence/{old}/file", Fixture.Token(Oslo))).Status.ShouldBe(200);

        var (again, _, _) = await Fixture.SendAsync("POST", $"/api/assessments/{id}/evidence", Fixture.Token(Oslo), Evidence(second["sha256"]!.GetValue<string>(), 3, supersedes: old.ToString()));
        again.ShouldBe(400);
    }

    public static TheoryData<string, string, string, string> BadCommands => new()
    {
        { "score 0", "risks/{risk}/scores", Score(0, 2, 2, 2, 2), "scale" },
        { "score 6", "risks/{risk}/scores", Score(2, 2, 2, 6, 2), "likelihood" },
        { "fractional score", "risks/{risk}/scores", """{"scale":2.5,"scope":2,"irremediability":2,"likelihood":2,"connection":"cause","leverage":"low","expectedVersion":2}""", "scale" },
        { "unknown connection", "risks/{risk}/scores", """{"scale":2,"scope":2,"irremediability":2,"likelihood":2,"connection":"friend","leverage":"low","expectedVersion":2}""", "connection" },
        { "unknown taxonomy code", "risks", Risk("XX", version: 2), "code" },
        { "lower-case taxonomy code", "risks", Risk("fl", version: 2), "code" },
        { "unknown site", "risks", Risk("FL", siteId: Guid.Parse("0197a000-0000-7000-8000-000000000999"), version: 2), "siteId" },
        { "decision without rationale", "decisions", """{"kind":"escalate","rationale":" ","expectedVersion":2}""", "rationale" },
        { "decision with no rationale field", "decisions", """{"kind":"escalate","expectedVersion":2}""", "rationale" },
        { "unknown decision kind", "decisions", """{"kind":"ignore","rationale":"r","expectedVersion":2}""", "kind" },
        { "conclude through decisions", "decisions", """{"kind":"conclude","rationale":"r","expectedVersion":2}""", "kind" },
        { "unknown evidence id", "decisions", """{"kind":"escalate","rationale":"r","evidenceIds":["0197a000-0000-7000-8000-000000000777"],"expectedVersion":2}""", "evidenceIds[0]" },
        { "unknown risk id", "decisions", """{"kind":"prioritise","rationale":"r","riskIds":["0197a000-0000-7000-8000-000000000777"],"expectedVersion":2}""", "riskIds[0]" },
        { "mitigation due in the past", "risks/{risk}/mitigations", """{"description":"d","owner":"o","dueDate":"2020-01-01","expectedVersion":2}""", "dueDate" },
        { "close without reason", "risks/{risk}/close", """{"reason":"","expectedVersion":2}""", "reason" },
        { "conclusion without rationale", "conclude", """{"outcome":"escalated","rationale":"","expectedVersion":2}""", "rationale" },
        { "unknown outcome", "conclude", """{"outcome":"fine","rationale":"r","expectedVersion":2}""", "outcome" },
        { "exempt evidence without legal basis", "evidence", """{"title":"t","kind":"audit-report","receivedOn":"2026-01-01","source":"s","accessClass":"exempt","sha256":"0000000000000000000000000000000000000000000000000000000000000000","fileName":"f","expectedVersion":2}""", "legalBasis" },
        { "evidence with a hash nobody uploaded", "evidence", Evidence(new string('a', 64), 2), "sha256" },
        { "stale version", "risks", Risk("FL", version: 1), "expectedVersion" },
    };

    [Theory]
    [MemberData(nameof(BadCommands))]
    public async Task bad_input_is_a_problem_naming_the_field_and_stores_nothing(string why, string path, string json, string field)
    {
        var (_, _, id) = await OpenAsync();
        var risk = (await Fixture.CommandAsync(Oslo, $"/api/assessments/{id}/risks", Risk("FL", version: 1), 201))["itemId"]!.GetValue<Guid>();
        var before = await EventCountAsync();

        var (status, problem, result) = await Fixture.SendAsync("POST", $"/api/assessments/{id}/{path.Replace("{risk}", risk.ToString(), StringComparison.Ordinal)}",
            Fixture.Token(Oslo, "coordinator"), json);

        status.ShouldBeInRange(400, 499, why);
        result.Context.Response.ContentType.ShouldBe("application/problem+json", why);
        problem!.ToJsonString().ShouldContain(field, Case.Insensitive, why);
        (await EventCountAsync()).ShouldBe(before, why);
    }
}
