using System.Text;
using System.Text.Json.Nodes;
using Shouldly;
using Wolverine.Tracking;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, swimlane "Signals": an entity list names a registered site, the signal it raises reopens a concluded assessment.</summary>
public class SignalTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static byte[] Sample() => File.ReadAllBytes(Path.Combine(RoleTableTests.Root(), "docs", "samples", "entity-list-sample.csv"));

    private async Task<(JsonNode? Body, ITrackedSession Tracked)> TrackedAsync(string url, string json, int status)
    {
        JsonNode? body = null;
        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            body = await Fixture.CommandAsync(Oslo, url, json, status)));
        return (body, tracked);
    }

    [Fact]
    public async Task SG5_e2e_an_entity_list_naming_a_registered_site_raises_a_signal_and_linking_it_reopens_a_concluded_assessment()
    {
        // A supplier with a site the sample list names (as "Example Labour Transfer Electronics Co., Ltd."), and a concluded assessment of it.
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        await Fixture.CommandAsync(Oslo, $"/api/suppliers/{supplier}/sites", Scenarios.SiteBody(1, name: "Example Labour Transfer Electronics"), 201);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        await Fixture.CommandAsync(Oslo, $"/api/assessments/{assessment}/conclude", """{"outcome":"no-significant-risk","rationale":"nothing found","expectedVersion":1}""", 200, "coordinator");

        // A file with an unknown country is refused line by line, and stores nothing.
        var (_, bad) = await Fixture.UploadAsync(Fixture.Token(Oslo), Encoding.UTF8.GetBytes("name,country\nSomething,XX\n"), "text/csv");
        var before = await EventCountAsync();
        var (status, problem, _) = await Fixture.SendAsync("POST", "/api/entity-lists", Fixture.Token(Oslo), $$"""{"name":"UFLPA Entity List","sha256":"{{bad!["sha256"]}}","fileName":"bad.csv"}""");
        (status, problem!["errors"]!.AsObject().Single().Key).ShouldBe((400, "file.line[2].country"));
        (await EventCountAsync()).ShouldBe(before);

        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), Sample(), "text/csv");
        var (imported, tracked) = await TrackedAsync("/api/entity-lists", $$"""{"name":"UFLPA Entity List","sha256":"{{file!["sha256"]}}","fileName":"entity-list-sample.csv"}""", 201);
        imported!["newMatches"]!.GetValue<int>().ShouldBe(1);
        tracked.Executed.MessagesOf<EthicalIct.Api.Signals.RaiseSignalFromEntityList>().Count().ShouldBe(1);

        var signal = (await Fixture.SendAsync("GET", "/api/signals?status=untriaged", Fixture.Token(Oslo))).Body!["items"]!.AsArray().Single()!;
        var match = signal["matches"]!.AsArray().Single()!;
        (signal["source"]!.GetValue<string>(), match["state"]!.GetValue<string>(), match["match"]!["kind"]!.GetValue<string>(), match["match"]!["tier"]!.GetValue<string>())
            .ShouldBe(("entity-list", "confirmed", "name", "T2"));
        (await Fixture.SendAsync("GET", $"/api/signals/{signal["id"]}", Fixture.Token(Dfo))).Status.ShouldBe(404, "a signal is its organisation's own");

        // Linked to a new risk: the concluded assessment is reopened with the risk identified from the signal.
        var (_, linked) = await TrackedAsync($"/api/signals/{signal["id"]}/risk-link", $$"""{"assessmentId":"{{assessment}}","expectedVersion":2}""", 200);
        linked.Executed.MessagesOf<EthicalIct.Api.Signals.RaiseRiskFromSignal>().Count().ShouldBe(1);
        var (_, details, _) = await Fixture.SendAsync("GET", $"/api/assessments/{assessment}", Fixture.Token(Oslo));
        details!["status"]!.GetValue<string>().ShouldBe("open");
        var risk = details["risks"]!.AsArray().Single()!;
        (risk["code"]!.GetValue<string>(), risk["tier"]!.GetValue<string>(), risk["country"]!.GetValue<string>(), risk["signals"]!.AsArray().Count).ShouldBe(("FL", "T2", "CN", 1));
        (await Fixture.SendAsync("GET", $"/api/signals/{signal["id"]}", Fixture.Token(Oslo))).Body!["status"]!.GetValue<string>().ShouldBe("linked");

        // Disclosed for the supplier, it stands in the shared view for DFØ (built by a subscription: within moments).
        await Fixture.CommandAsync(Oslo, $"/api/signals/{signal["id"]}/disclosures", $$"""{"supplierId":"{{supplier}}","showSummary":true}""", 201, "coordinator");
        (await Fixture.SendAsync("POST", $"/api/signals/{signal["id"]}/disclosures", Fixture.Token(Oslo, "coordinator"), $$"""{"supplierId":"{{Guid.NewGuid()}}"}""")).Status
            .ShouldBe(400, "only a supplier the signal matched");
        JsonNode? shown = null;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); shown is null; await Task.Delay(200))
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the disclosed signal reaches the shared view");
            var (found, overview, _) = await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/overview", Fixture.Token(Dfo));
            shown = found == 200 ? overview!["disclosedSignals"]!.AsArray().SingleOrDefault() : null;
        }

        (shown!["org"]!.GetValue<string>(), shown["source"]!.GetValue<string>(), shown["status"]!.GetValue<string>(), shown["code"]!.GetValue<string>())
            .ShouldBe((Oslo, "entity-list", "linked", "FL"));

        // The same list again: nothing newly matches, no signal.
        var (again, retracked) = await TrackedAsync($"/api/entity-lists/{imported["entityListId"]}/versions", $$"""{"sha256":"{{file["sha256"]}}","fileName":"entity-list-sample.csv","expectedVersion":1}""", 200);
        (again!["listVersion"]!.GetValue<int>(), again["newMatches"]!.GetValue<int>()).ShouldBe((2, 0));
        retracked.Executed.MessagesOf<EthicalIct.Api.Signals.RaiseSignalFromEntityList>().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", "/api/signals", Fixture.Token(Oslo))).Body!["totalCount"]!.GetValue<int>().ShouldBe(1);
    }
}
