using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>Idempotency keys, authentication and authorisation, and the bad-input contract.</summary>
public class CommandSemanticsTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    [Fact]
    public async Task an_idempotent_retry_returns_the_first_response_and_stores_one_event()
    {
        var token = Fixture.Token(Oslo);
        var first = await Fixture.SendAsync("POST", "/api/suppliers", token, Scenarios.RegisterBody(), Key("register-fjordtek-1"));
        var second = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo, "coordinator"), Scenarios.RegisterBody(), Key("register-fjordtek-1"));

        first.Status.ShouldBe(201);
        second.Status.ShouldBe(201);
        second.Body!.ToJsonString().ShouldBe(first.Body!.ToJsonString());
        second.Result.Context.Response.Headers.Location.ToString().ShouldBe(first.Result.Context.Response.Headers.Location.ToString());
        (await EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_from_another_organisation_is_a_different_request()
    {
        (await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo), Scenarios.RegisterBody(), Key("k-1"))).Status.ShouldBe(201);
        var other = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Dfo), Scenarios.RegisterBody("Another AS", "934567897"), Key("k-1"));
        other.Status.ShouldBe(201);
        (await EventCountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task a_key_reused_with_another_body_is_422_and_stores_nothing()
    {
        (await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo), Scenarios.RegisterBody(), Key("k-2"))).Status.ShouldBe(201);
        var (status, problem, result) = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo), Scenarios.RegisterBody("Changed AS", "934567897"), Key("k-2"));
        status.ShouldBe(422);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        problem!["field"]!.GetValue<string>().ShouldBe("Idempotency-Key");
        (await EventCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task concurrent_commands_on_one_expected_version_give_one_success_and_stale_version_problems_for_the_rest()
    {
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, await Fixture.RegisterSupplierAsync(Oslo));
        var token = Fixture.Token(Oslo);
        Fixture.Logs.Clear();
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Fixture.SendAsync("POST", $"/api/assessments/{assessment}/risks", token,
            $$"""{"code":"FL","tier":"T2","country":"CN","description":"race {{i}}","source":"s","expectedVersion":1}""")));

        answers.Count(a => a.Status == 201).ShouldBe(1, string.Join("\n", answers.Select(a => $"{a.Status} {a.Body?.ToJsonString()}")));
        foreach (var (status, problem, result) in answers.Where(a => a.Status != 201))
        {
            status.ShouldBe(409, problem?.ToJsonString());
            result.Context.Response.ContentType.ShouldBe("application/problem+json");
            problem!["type"]!.GetValue<string>().ShouldBe("urn:ethicalict:problem:stale-version");
            problem["expectedVersion"]!.GetValue<long>().ShouldBe(1);
            problem["currentVersion"]!.GetValue<long>().ShouldBe(2);
        }

        (await EventCountAsync()).ShouldBe(3);
        Fixture.Logs.AtOrAbove(Serilog.Events.LogEventLevel.Warning).ShouldAllBe(e => e.Exception == null);
    }

    [Fact]
    public async Task a_failed_attempt_releases_its_key()
    {
        (await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo), Scenarios.RegisterBody(orgNumber: "923456784"), Key("k-3"))).Status.ShouldBe(400);
        (await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo), Scenarios.RegisterBody(), Key("k-3"))).Status.ShouldBe(201);
    }

    [Fact]
    public async Task no_token_a_bad_signature_or_an_expired_token_is_401()
    {
        (await Fixture.SendAsync("GET", "/api/suppliers", null)).Status.ShouldBe(401);
        (await Fixture.SendAsync("POST", "/api/suppliers", null, Scenarios.RegisterBody())).Status.ShouldBe(401);

        var token = Fixture.Token(Oslo);
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var (status, problem, result) = await Fixture.SendAsync("GET", "/api/suppliers", tampered);
        status.ShouldBe(401);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        problem!["status"]!.GetValue<int>().ShouldBe(401);

        var expired = Fixture.Token(Oslo, lifetime: TimeSpan.FromMinutes(5), now: DateTime.UtcNow.AddHours(-2));
        (await Fixture.SendAsync("GET", "/api/suppliers", expired)).Status.ShouldBe(401);
        (await EventCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("auditor")]
    [InlineData("partner")]
    public async Task a_reading_role_that_writes_is_403(string role)
    {
        var (status, problem, result) = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo, role), Scenarios.RegisterBody());
        status.ShouldBe(403);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        problem!["status"]!.GetValue<int>().ShouldBe(403);
        (await Fixture.SendAsync("GET", "/api/suppliers", Fixture.Token(Oslo, role))).Status.ShouldBe(200);
        (await EventCountAsync()).ShouldBe(0);
    }

    public static TheoryData<string, string, string> BadRegistrations => new()
    {
        { "malformed JSON", """{"legalName":"X","orgNumber":""", "body" },
        { "unknown field", """{"legalName":"X","orgNumber":"923456783","roles":["reseller"],"colour":"red"}""", "colour" },
        { "missing legal name", """{"orgNumber":"923456783","roles":["reseller"]}""", "legalName" },
        { "missing roles", """{"legalName":"X","orgNumber":"923456783"}""", "roles" },
        { "unknown role", """{"legalName":"X","orgNumber":"923456783","roles":["wizard"]}""", "roles" },
        { "numeric enum", """{"legalName":"X","orgNumber":"923456783","roles":[0]}""", "roles" },
        { "bad check digit", """{"legalName":"X","orgNumber":"923456784","roles":["reseller"]}""", "orgNumber" },
        { "org number too short", """{"legalName":"X","orgNumber":"12345","roles":["reseller"]}""", "orgNumber" },
        { "empty legal name", """{"legalName":"  ","orgNumber":"923456783","roles":["reseller"]}""", "legalName" },
        { "foreign id without country", """{"legalName":"X","foreignIdentifier":"91440300","roles":["manufacturer"]}""", "country" },
        { "unknown country", """{"legalName":"X","foreignIdentifier":"91440300","country":"XX","roles":["manufacturer"]}""", "country" },
        { "lower-case country", """{"legalName":"X","foreignIdentifier":"91440300","country":"cn","roles":["manufacturer"]}""", "country" },
        { "both identifiers", """{"legalName":"X","orgNumber":"923456783","foreignIdentifier":"A1","country":"CN","roles":["reseller"]}""", "orgNumber" },
        { "no roles", """{"legalName":"X","orgNumber":"923456783","roles":[]}""", "roles" },
        { "null roles", """{"legalName":"X","orgNumber":"923456783","roles":null}""", "roles" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task bad_registration_input_is_a_problem_naming_the_field_and_stores_nothing(string why, string json, string field)
    {
        var (status, problem, result) = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Oslo), json);

        status.ShouldBe(400, why);
        result.Context.Response.ContentType.ShouldBe("application/problem+json", why);
        var text = problem!.ToJsonString();
        if (field != "body")
        {
            text.ShouldContain(field, Case.Insensitive, why);
        }

        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        (await EventCountAsync()).ShouldBe(0, why);
    }

    public static TheoryData<string, string, string> BadSites => new()
    {
        { "unknown tier", """{"name":"P","country":"CN","tier":"T9","categories":["laptop"],"disclosedBy":"supplier","disclosedOn":"2026-01-01","expectedVersion":1}""", "tier" },
        { "unknown category", """{"name":"P","country":"CN","tier":"T2","categories":["toaster"],"disclosedBy":"supplier","disclosedOn":"2026-01-01","expectedVersion":1}""", "categories" },
        { "future disclosure", """{"name":"P","country":"CN","tier":"T2","categories":["laptop"],"disclosedBy":"supplier","disclosedOn":"2999-01-01","expectedVersion":1}""", "disclosedOn" },
        { "bad date", """{"name":"P","country":"CN","tier":"T2","categories":["laptop"],"disclosedBy":"supplier","disclosedOn":"yesterday","expectedVersion":1}""", "disclosedOn" },
        { "unknown country", """{"name":"P","country":"ZZ","tier":"T2","categories":["laptop"],"disclosedBy":"supplier","disclosedOn":"2026-01-01","expectedVersion":1}""", "country" },
        { "missing discloser", """{"name":"P","country":"CN","tier":"T2","categories":["laptop"],"disclosedBy":"","disclosedOn":"2026-01-01","expectedVersion":1}""", "disclosedBy" },
        { "bad If-Match style version", """{"name":"P","country":"CN","tier":"T2","categories":["laptop"],"disclosedBy":"supplier","disclosedOn":"2026-01-01","expectedVersion":"one"}""", "expectedVersion" },
    };

    [Theory]
    [MemberData(nameof(BadSites))]
    public async Task bad_site_input_is_a_problem_naming_the_field_and_stores_nothing(string why, string json, string field)
    {
        var id = await Fixture.RegisterSupplierAsync(Oslo);
        var before = await EventCountAsync();

        var (status, problem, result) = await Fixture.SendAsync("POST", $"/api/suppliers/{id}/sites", Fixture.Token(Oslo), json);

        status.ShouldBe(400, why);
        result.Context.Response.ContentType.ShouldBe("application/problem+json", why);
        problem!.ToJsonString().ShouldContain(field, Case.Insensitive, why);
        (await EventCountAsync()).ShouldBe(before, why);
    }

    [Fact]
    public async Task bad_search_parameters_are_problems()
    {
        var (status, problem, _) = await Fixture.SendAsync("GET", "/api/suppliers?category=toaster&pageSize=500", Fixture.Token(Oslo));
        status.ShouldBe(400);
        problem!["errors"]!["category"].ShouldNotBeNull();
        problem["errors"]!["pageSize"].ShouldNotBeNull();
    }
}
