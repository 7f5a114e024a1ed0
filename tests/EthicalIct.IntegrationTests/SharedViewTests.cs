using System.Text.Json.Nodes;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.SharedView;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, swimlanes "Disclosure" and "Shared view", end to end on PostgreSQL.</summary>
public class SharedViewTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task CatchUpAsync() => Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    /// <summary>Oslo's own dialogue with a finding and a submitted corrective action plan.</summary>
    private async Task<(Guid Supplier, Guid Dialogue, Guid Finding)> OslosFindingAsync()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Follow-up 2026"}""", 201))["dialogueId"]!.GetValue<Guid>();
        var url = $"/api/supplier-dialogues/{dialogue}";
        var finding = (await Fixture.CommandAsync(Oslo, $"{url}/findings", """{"grade":"major","code":"FL","description":"Oslo-only finding text","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap",
            $$"""{"actions":[{"description":"Return withheld passports","owner":"Supplier HR","dueOn":"{{Today(30)}}"}],"expectedVersion":2}""", 201);
        return (supplier, dialogue, finding);
    }

    [Fact]
    public async Task DIS1_e2e_a_disclosed_finding_reaches_the_other_parties_and_a_withdrawal_takes_it_away_while_the_record_keeps_both()
    {
        var (supplier, dialogue, finding) = await OslosFindingAsync();
        await CatchUpAsync();
        (await OverviewAsync(supplier, Dfo))["findings"]!.AsArray().ShouldBeEmpty("a finding is private to the dialogue's participants until disclosed");

        var url = $"/api/supplier-dialogues/{dialogue}/findings/{finding}/disclosures";
        (await Fixture.SendAsync("POST", url, Fixture.Token(Oslo, "case-officer"), "{}")).Status.ShouldBe(403, "only coordinators disclose");
        (await Fixture.SendAsync("POST", url, Fixture.Token(Dfo, "coordinator"), "{}")).Status.ShouldBe(404, "a non-participant cannot reach the finding");
        var disclosure = (await Fixture.CommandAsync(Oslo, url, """{"showDescription":false}""", 201, "coordinator"))["disclosureId"]!.GetValue<Guid>();
        await CatchUpAsync();

        foreach (var org in new[] { Dfo, Sykehusinnkjop })
        {
            var seen = (await OverviewAsync(supplier, org, "auditor"))["findings"]!.AsArray().Single()!;
            seen["findingId"]!.GetValue<Guid>().ShouldBe(finding);
            seen["disclosedBy"]!.GetValue<string>().ShouldBe(Oslo);
            seen["grade"]!.GetValue<string>().ShouldBe("major");
            seen["capStatus"]!.GetValue<string>().ShouldBe("submitted");
            seen["nextDueOn"]!.GetValue<string>().ShouldBe(Today(30));
            seen["description"].ShouldBeNull("the coordinator chose not to show the description");
            (await Fixture.SendAsync("GET", $"/api/disclosures/{disclosure}", Fixture.Token(org))).Body!.ToJsonString().ShouldNotContain("Oslo-only finding text");
        }

        (await Fixture.SendAsync("POST", $"/api/disclosures/{disclosure}/withdraw", Fixture.Token(Dfo, "coordinator"), """{"reason":"r","expectedVersion":1}""")).Status
            .ShouldBe(404, "another organisation's disclosure does not exist for it");
        (await Fixture.SendAsync("POST", $"/api/disclosures/{disclosure}/withdraw", Fixture.Token(Oslo, "coordinator"), """{"reason":" ","expectedVersion":1}""")).Status
            .ShouldBe(400);
        await Fixture.CommandAsync(Oslo, $"/api/disclosures/{disclosure}/withdraw", """{"reason":"shared by mistake","expectedVersion":1}""", 200, "coordinator");
        await CatchUpAsync();

        (await OverviewAsync(supplier, Dfo))["findings"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", $"/api/disclosures/{disclosure}", Fixture.Token(Dfo))).Status.ShouldBe(404);
        (await Fixture.SendAsync("GET", $"/api/disclosures?supplierId={supplier}", Fixture.Token(Sykehusinnkjop))).Body!["items"]!.AsArray().ShouldBeEmpty();

        await using var session = Fixture.Store.QuerySession(Oslo);
        var record = await session.Events.FetchStreamAsync(disclosure);
        record.Select(e => e.Data.GetType()).ShouldBe([typeof(FindingDisclosed), typeof(DisclosureWithdrawn)]);
        ((FindingDisclosed)record[0].Data).Description.ShouldBeNull();
    }

    [Fact]
    public async Task DIS2_e2e_a_risk_summary_and_evidence_are_disclosed_as_chosen_and_the_file_only_when_shown()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var url = $"/api/assessments/{assessment}";
        var risk = (await Fixture.CommandAsync(Oslo, $"{url}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"Forced labour at a component plant","source":"NGO","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores",
            """{"scale":3,"scope":3,"irremediability":5,"likelihood":4,"connection":"directly-linked","leverage":"medium","rationale":"desk review","expectedVersion":2}""", 200);
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), "audit report bytes"u8.ToArray(), "text/plain");
        var sha = file!["sha256"]!.GetValue<string>();
        var evidence = (await Fixture.CommandAsync(Oslo, $"{url}/evidence",
            $$"""{"title":"Audit report 2026","kind":"audit-report","receivedOn":"2026-10-01","source":"RBA VAP","accessClass":"exempt","legalBasis":"offl. § 13 jf. fvl. § 13 første ledd nr. 2","sha256":"{{sha}}","fileName":"audit.txt","expectedVersion":3}""", 201))["itemId"]!.GetValue<Guid>();

        (await Fixture.SendAsync("POST", $"{url}/risks/{risk}/disclosures", Fixture.Token(Dfo, "coordinator"), "{}")).Status.ShouldBe(404);
        (await Fixture.SendAsync("POST", $"{url}/risks/{Guid.NewGuid()}/disclosures", Fixture.Token(Oslo, "coordinator"), "{}")).Status.ShouldBe(404);
        (await Fixture.SendAsync("POST", $"{url}/outcome/disclosures", Fixture.Token(Oslo, "coordinator"), "{}")).Status.ShouldBe(409, "an open assessment has no outcome");
        var before = await EventCountAsync();
        (await Fixture.SendAsync("POST", $"{url}/risks/{risk}/disclosures", Fixture.Token(Oslo, "coordinator"), """{"showDescription":"yes"}""")).Status.ShouldBe(400);
        (await EventCountAsync()).ShouldBe(before);

        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/disclosures", """{"showDescription":true}""", 201, "coordinator");
        var hidden = (await Fixture.CommandAsync(Oslo, $"{url}/evidence/{evidence}/disclosures", "{}", 201, "coordinator"))["disclosureId"]!.GetValue<Guid>();
        await CatchUpAsync();

        var overview = await OverviewAsync(supplier, Sykehusinnkjop);
        var disclosed = overview["disclosedRisks"]!.AsArray().Single()!;
        disclosed["code"]!.GetValue<string>().ShouldBe("FL");
        disclosed["priority"]!.GetValue<string>().ShouldNotBeNull();
        disclosed["description"]!.GetValue<string>().ShouldBe("Forced labour at a component plant");
        overview["risksByCode"]![0]!["open"]!.GetValue<int>().ShouldBe(1);
        overview["disclosedEvidence"]![0]!["sha256"]!.GetValue<string>().ShouldBe(sha);
        overview["disclosedEvidence"]![0]!["source"].ShouldBeNull();
        (await Fixture.SendAsync("GET", $"/api/disclosures/{hidden}/file", Fixture.Token(Dfo))).Status.ShouldBe(404, "the file was not chosen to be shown");

        var shown = (await Fixture.CommandAsync(Oslo, $"{url}/evidence/{evidence}/disclosures", """{"showFile":true}""", 201, "coordinator"))["disclosureId"]!.GetValue<Guid>();
        await CatchUpAsync();
        var download = await Fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/disclosures/{shown}/file");
            s.WithBearerToken(Fixture.Token(Dfo, "auditor"));
        });
        (await download.ReadAsTextAsync()).ShouldBe("audit report bytes");
        (await OverviewAsync(supplier, Dfo))["disclosedEvidence"]!.AsArray().Single()!["disclosureId"]!.GetValue<Guid>().ShouldBe(shown, "the later disclosure of the same evidence replaces the earlier");
    }

    [Fact]
    public async Task SV1_e2e_combined_spend_is_the_sum_of_the_parties_contracts_with_each_partys_share()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        string Contract(decimal value, string category = "laptop") =>
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"{{category}}","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":{{value}}}""";
        var oslos = (await Fixture.CommandAsync(Oslo, "/api/contracts", Contract(12_000_000m), 201))["contractId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, "/api/contracts", Contract(6_000_000m, "monitor"), 201);
        await Fixture.CommandAsync(Sykehusinnkjop, "/api/contracts", Contract(2_000_000m), 201);
        await Fixture.CommandAsync(Oslo, $"/api/contracts/{oslos}/value", """{"annualValueNok":2000000,"reason":"call-offs lower","expectedVersion":1}""", 200, "coordinator");
        await CatchUpAsync();

        var overview = await OverviewAsync(supplier, Dfo, "partner");
        overview["combinedAnnualSpendNok"]!.GetValue<decimal>().ShouldBe(10_000_000m);
        var shares = overview["spendShares"]!.AsArray().ToDictionary(s => s!["org"]!.GetValue<string>(), s => s!["share"]!.GetValue<decimal>());
        shares.ShouldBe(new Dictionary<string, decimal> { [Oslo] = 0.2m, [Dfo] = 0.6m, [Sykehusinnkjop] = 0.2m }, ignoreOrder: true);
        overview["partyCount"]!.GetValue<int>().ShouldBe(3);

        var line = (await Fixture.SendAsync("GET", "/api/common-suppliers?category=monitor", Fixture.Token(Oslo))).Body!["items"]!.AsArray().Single()!;
        line["combinedAnnualSpendNok"]!.GetValue<decimal>().ShouldBe(10_000_000m);
        (await Fixture.SendAsync("GET", "/api/common-suppliers?category=mobile-phone", Fixture.Token(Oslo))).Body!["items"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", "/api/common-suppliers?tier=T9", Fixture.Token(Oslo))).Status.ShouldBe(400);
        (await Fixture.SendAsync("GET", "/api/common-suppliers?country=XX", Fixture.Token(Oslo))).Status.ShouldBe(400);
    }

    [Fact]
    public async Task SV2_e2e_what_the_supplier_was_asked_ranks_and_filters_and_the_registry_feed_comes_from_the_events()
    {
        var set = (await Fixture.CommandAsync(Oslo, "/api/requirement-sets", DialogueTests.SetBody, 201, "coordinator"))["requirementSetId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/requirement-sets/{set}/versions/1/publish", """{"expectedVersion":1}""", 200, "coordinator");
        await Fixture.CommandAsync(Oslo, $"/api/requirement-sets/{set}/adoptions", """{"setVersion":1,"rationale":"board decision","expectedVersion":2}""", 200, "coordinator");
        await Fixture.CommandAsync(Dfo, $"/api/requirement-sets/{set}/adoptions", """{"setVersion":1,"rationale":"board decision","expectedVersion":3}""", 200, "coordinator");
        var (risky, riskyDialogue, riskyFinding) = await OslosFindingAsync();
        var (_, site, _) = await Fixture.SendAsync("POST", $"/api/suppliers/{risky}/sites", Fixture.Token(Oslo), Scenarios.SiteBody(1, country: "MY"));
        site.ShouldNotBeNull();
        var quiet = await Fixture.RegisterSupplierAsync(Dfo, "Quiet Supplies AS", "974760673");
        var dialogue = (await Fixture.CommandAsync(Dfo, "/api/supplier-dialogues", $$"""{"supplierId":"{{quiet}}","title":"Annual questionnaire"}""", 201))["dialogueId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, $"/api/supplier-dialogues/{dialogue}/questionnaires", $$"""{"requirementSetId":"{{set}}","setVersion":1,"expectedVersion":1}""", 201);
        await CatchUpAsync();

        var overview = await OverviewAsync(quiet, Sykehusinnkjop);
        var asked = overview["questionnaires"]!.AsArray().Single()!;
        (asked["requirementSetId"]!.GetValue<Guid>(), asked["setVersion"]!.GetValue<int>(), asked["sentBy"]!.GetValue<string>()).ShouldBe((set, 1, Dfo));
        overview["dialogues"]!.AsArray().Single()!["participants"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([Dfo]);

        // The finding of Oslo's dialogue is private: the risky supplier ranks first only once it is disclosed.
        (await Fixture.SendAsync("GET", "/api/common-suppliers", Fixture.Token(Dfo))).Body!["items"]![0]!["combinedPriority"].ShouldBeNull();
        await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{riskyDialogue}/findings/{riskyFinding}/disclosures", "{}", 201, "coordinator");
        await CatchUpAsync();
        var ranked = (await Fixture.SendAsync("GET", "/api/common-suppliers", Fixture.Token(Dfo))).Body!["items"]!.AsArray();
        ranked.Select(l => l!["supplierId"]!.GetValue<Guid>()).ShouldBe([risky, quiet]);
        ranked[0]!["combinedPriority"]!.GetValue<string>().ShouldBe("high");
        (await Fixture.SendAsync("GET", "/api/common-suppliers?country=MY", Fixture.Token(Dfo))).Body!["items"]!.AsArray().Single()!["supplierId"]!.GetValue<Guid>().ShouldBe(risky);

        var feed = (await Fixture.SendAsync("GET", "/api/registry/activity", Fixture.Token(Sykehusinnkjop))).Body!["items"]!.AsArray();
        feed.Select(a => a!["kind"]!.GetValue<string>()).ShouldBe(["ProductionSiteRecorded", "SupplierRegistered", "SupplierRegistered"], ignoreOrder: true);
    }

    [Fact]
    public async Task SV3_e2e_the_shared_view_rebuilt_from_zero_equals_the_live_one()
    {
        var (supplier, dialogue, finding) = await OslosFindingAsync();
        await Fixture.CommandAsync(Dfo, "/api/contracts",
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":5000000}""", 201);
        var disclosure = (await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings/{finding}/disclosures", "{}", 201, "coordinator"))["disclosureId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/disclosures/{disclosure}/withdraw", """{"reason":"premature","expectedVersion":1}""", 200, "coordinator");
        await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings/{finding}/disclosures", """{"showDescription":true}""", 201, "coordinator");
        await CatchUpAsync();
        var live = await SnapshotAsync();
        live.ShouldContain("Oslo-only finding text");

        await Fixture.Host.Services.GetRequiredService<SharedViewMaintenance>().RebuildAsync(CancellationToken.None);
        await CatchUpAsync();
        (await SnapshotAsync()).ShouldBe(live);
    }

    /// <summary>Every shared-view document, as stored, in a stable order.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var session = Fixture.Store.QuerySession(Oslo);
        var overviews = (await session.Query<SupplierOverview>().ToListAsync()).OrderBy(o => o.Id).Select(o => System.Text.Json.JsonSerializer.Serialize(o));
        var disclosures = (await session.Query<SharedDisclosure>().ToListAsync()).OrderBy(d => d.Id).Select(d => System.Text.Json.JsonSerializer.Serialize(d));
        var activity = (await session.Query<EthicalIct.Api.Suppliers.RegistryActivity>().ToListAsync()).OrderBy(a => a.Id).Select(a => System.Text.Json.JsonSerializer.Serialize(a));
        return string.Join('\n', overviews.Concat(disclosures).Concat(activity));
    }
}
