using Shouldly;

namespace EthicalIct.IntegrationTests;

public class SupplierRegistryTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task register_a_supplier_and_a_site_then_read_them_back_from_another_organisation()
    {
        var id = await Fixture.RegisterSupplierAsync(Oslo);

        var (siteStatus, site, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{id}/sites", Fixture.Token(Dfo), Scenarios.SiteBody(1));
        siteStatus.ShouldBe(201, site?.ToJsonString());
        site!["version"]!.GetValue<long>().ShouldBe(2);

        var (status, supplier, result) = await Fixture.SendAsync("GET", $"/api/suppliers/{id}", Fixture.Token(Sykehusinnkjop, "auditor"));
        status.ShouldBe(200);
        result.Context.Response.Headers.ETag.ToString().ShouldBe("\"2\"");
        supplier!["legalName"]!.GetValue<string>().ShouldBe("Fjordtek AS");
        supplier["orgNumber"]!.GetValue<string>().ShouldBe("923456783");
        supplier["country"]!.GetValue<string>().ShouldBe("NO");
        supplier["registeredBy"]!["org"]!.GetValue<string>().ShouldBe(Oslo);
        supplier["registeredBy"]!["role"]!.GetValue<string>().ShouldBe("case-officer");
        var sites = supplier["sites"]!.AsArray();
        sites.Count.ShouldBe(1);
        sites[0]!["name"]!.GetValue<string>().ShouldBe("Assembly plant 1");
        sites[0]!["tier"]!.GetValue<string>().ShouldBe("T2");
        sites[0]!["categories"]!.AsArray()[0]!.GetValue<string>().ShouldBe("laptop");
        sites[0]!["recordedBy"]!["org"]!.GetValue<string>().ShouldBe(Dfo);
        sites[0]!["disclosedOn"]!.GetValue<string>().ShouldBe("2026-05-01");
    }

    [Fact]
    public async Task search_by_name_org_number_country_and_category_with_paging()
    {
        var a = await Fixture.RegisterSupplierAsync(Oslo, "Alpha Data AS", "923456783");
        var b = await Fixture.RegisterSupplierAsync(Dfo, "Beta Mobil AS", "934567897");
        (await Fixture.SendAsync("POST", $"/api/suppliers/{b}/sites", Fixture.Token(Dfo), Scenarios.SiteBody(1, "Handset plant", "VN", "mobile-phone"))).Status.ShouldBe(201);

        async Task<List<Guid>> Search(string query)
        {
            var (status, page, _) = await Fixture.SendAsync("GET", "/api/suppliers?" + query, Fixture.Token(Sykehusinnkjop, "partner"));
            status.ShouldBe(200, page?.ToJsonString());
            return [.. page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>())];
        }

        (await Search("name=alpha")).ShouldBe([a]);
        (await Search("orgNumber=934567897")).ShouldBe([b]);
        (await Search("country=VN")).ShouldBe([b]);
        (await Search("country=NO")).ShouldBe([a, b]);
        (await Search("category=mobile-phone")).ShouldBe([b]);
        (await Search("category=laptop")).ShouldBeEmpty();
        (await Search("pageSize=1&page=2")).ShouldBe([b]);

        var (_, paged, _) = await Fixture.SendAsync("GET", "/api/suppliers?pageSize=1", Fixture.Token(Oslo));
        paged!["totalCount"]!.GetValue<long>().ShouldBe(2);
        paged["pageSize"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task a_second_registration_of_the_same_org_number_is_409_with_the_existing_id()
    {
        var id = await Fixture.RegisterSupplierAsync(Oslo);
        var before = await EventCountAsync();

        var (status, problem, result) = await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Dfo), Scenarios.RegisterBody("Other name AS"));

        status.ShouldBe(409);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        problem!["existingSupplierId"]!.GetValue<Guid>().ShouldBe(id);
        problem["field"]!.GetValue<string>().ShouldBe("orgNumber");
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_stale_expected_version_is_409_with_the_current_version_and_if_match_works()
    {
        var id = await Fixture.RegisterSupplierAsync(Oslo);
        (await Fixture.SendAsync("POST", $"/api/suppliers/{id}/sites", Fixture.Token(Oslo), Scenarios.SiteBody(1))).Status.ShouldBe(201);
        var before = await EventCountAsync();

        var (status, problem, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{id}/sites", Fixture.Token(Dfo), Scenarios.SiteBody(1, "Second plant"));
        status.ShouldBe(409);
        problem!["currentVersion"]!.GetValue<long>().ShouldBe(2);
        problem["field"]!.GetValue<string>().ShouldBe("expectedVersion");

        var (staleHeader, _, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{id}/corrections", Fixture.Token(Dfo, "coordinator"),
            """{"legalName":"Fjordtek Norge AS","roles":["reseller"],"reason":"name changed in Brønnøysund"}""",
            new Dictionary<string, string> { ["If-Match"] = "\"1\"" });
        staleHeader.ShouldBe(409);

        var (missing, missingProblem, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{id}/sites", Fixture.Token(Dfo), Scenarios.SiteBody(null, "Second plant"));
        missing.ShouldBe(428);
        missingProblem!["currentVersion"]!.GetValue<long>().ShouldBe(2);
        (await EventCountAsync()).ShouldBe(before);

        var (ok, changed, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{id}/corrections", Fixture.Token(Dfo, "coordinator"),
            """{"legalName":"Fjordtek Norge AS","roles":["reseller"],"reason":"name changed in Brønnøysund"}""",
            new Dictionary<string, string> { ["If-Match"] = "\"2\"" });
        ok.ShouldBe(200, changed?.ToJsonString());
        changed!["version"]!.GetValue<long>().ShouldBe(3);
        var (_, supplier, _) = await Fixture.SendAsync("GET", $"/api/suppliers/{id}", Fixture.Token(Oslo));
        supplier!["legalName"]!.GetValue<string>().ShouldBe("Fjordtek Norge AS");
    }

    [Fact]
    public async Task an_unknown_supplier_is_404_problem_and_stores_nothing()
    {
        var (status, problem, result) = await Fixture.SendAsync("POST", $"/api/suppliers/{Guid.NewGuid()}/sites", Fixture.Token(Oslo), Scenarios.SiteBody(1));
        status.ShouldBe(404);
        result.Context.Response.ContentType.ShouldBe("application/problem+json");
        problem!["status"]!.GetValue<int>().ShouldBe(404);
        (await EventCountAsync()).ShouldBe(0);

        (await Fixture.SendAsync("GET", $"/api/suppliers/{Guid.NewGuid()}", Fixture.Token(Oslo))).Status.ShouldBe(404);
    }
}

public class RegistryActivityTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task registry_changes_reach_the_shared_activity_feed_through_the_shared_view()
    {
        var id = await Fixture.RegisterSupplierAsync(Oslo);
        (await Fixture.SendAsync("POST", $"/api/suppliers/{id}/sites", Fixture.Token(Dfo), Scenarios.SiteBody(1))).Status.ShouldBe(201);
        await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(Fixture.Host, TimeSpan.FromSeconds(30)); // the feed is built by the shared-view subscription

        var (status, page, _) = await Fixture.SendAsync("GET", "/api/registry/activity", Fixture.Token(Sykehusinnkjop, "auditor"));
        status.ShouldBe(200);
        var items = page!["items"]!.AsArray();
        items.Count.ShouldBe(2);
        items.Select(i => i!["kind"]!.GetValue<string>()).ShouldBe(["ProductionSiteRecorded", "SupplierRegistered"], ignoreOrder: true);
        items.Select(i => i!["by"]!["org"]!.GetValue<string>()).ShouldBe([Dfo, Oslo], ignoreOrder: true);
        items.ShouldAllBe(i => i!["supplierId"]!.GetValue<Guid>() == id);
    }
}
