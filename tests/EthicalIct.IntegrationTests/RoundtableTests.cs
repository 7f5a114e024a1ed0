using System.Text;
using System.Text.Json.Nodes;
using EthicalIct.Api.Roundtables;
using Marten.Events;
using Shouldly;
using Wolverine.Tracking;

namespace EthicalIct.IntegrationTests;

public class RoundtableTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Day(int days) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> ScheduleAsync(int inDays, string topic = "Forced labour in ICT supply chains")
    {
        var body = $$"""{"topic":"{{topic}}","date":"{{Day(inDays)}}","place":"Oslo rådhus","hostOrgs":["{{Oslo}}","{{Dfo}}"]}""";
        var id = (await Fixture.CommandAsync(Oslo, "/api/roundtables", body, 201, "coordinator"))["roundtableId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, $"/api/roundtables/{id}/co-hosting/accept", """{"expectedVersion":2}""", 200, "coordinator");
        return id;
    }

    private async Task<Guid> AgreeAsync(Guid roundtable, string owner, int dueInDays, string by = Oslo)
    {
        var body = await Fixture.CommandAsync(by, $"/api/roundtables/{roundtable}/follow-up-items",
            $$"""{"description":"Publish tier-2 supplier list","{{(owner.Length == 9 ? "ownerOrg" : "ownerSupplierId")}}":"{{owner}}","dueOn":"{{Day(dueInDays)}}"}""", 201, "coordinator");
        return body["followUpItemId"]!.GetValue<Guid>();
    }

    [Fact]
    public async Task RT1_3_e2e_a_named_co_host_hosts_only_after_its_coordinator_accepts()
    {
        var body = $$"""{"topic":"Forced labour","date":"{{Day(10)}}","online":true,"hostOrgs":["{{Oslo}}","{{Dfo}}"]}""";
        var rt = (await Fixture.CommandAsync(Oslo, "/api/roundtables", body, 201, "coordinator"))["roundtableId"]!.GetValue<Guid>();
        var url = $"/api/roundtables/{rt}";
        (await Fixture.SendAsync("POST", $"{url}/agenda", Fixture.Token(Dfo, "coordinator"), """{"agenda":["a"],"expectedVersion":2}""")).Status.ShouldBe(403);
        (await Fixture.SendAsync("POST", $"{url}/co-hosting/accept", Fixture.Token(Oslo, "coordinator"), """{"expectedVersion":2}""")).Status.ShouldBe(403);
        (await Fixture.SendAsync("POST", $"{url}/co-hosting/accept", Fixture.Token(Sykehusinnkjop, "coordinator"), """{"expectedVersion":2}""")).Status.ShouldBe(403);
        var (_, view, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Dfo));
        view!["roundtable"]!["hostOrgs"]!.AsArray().Select(h => h!.GetValue<string>()).ShouldBe([Oslo]);
        view["roundtable"]!["proposedHosts"]!.AsArray().Select(h => h!.GetValue<string>()).ShouldBe([Dfo]);

        await Fixture.CommandAsync(Dfo, $"{url}/co-hosting/accept", """{"expectedVersion":2}""", 200, "coordinator");
        await Fixture.CommandAsync(Dfo, $"{url}/agenda", """{"agenda":["Findings 2026"],"expectedVersion":3}""", 200, "coordinator");
        (_, view, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Sykehusinnkjop, "auditor"));
        view!["roundtable"]!["hostOrgs"]!.AsArray().Select(h => h!.GetValue<string>()).ShouldBe([Oslo, Dfo]);
    }

    [Fact]
    public async Task a_roundtable_from_scheduling_to_a_closed_follow_up_item()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var rt = await ScheduleAsync(7);
        var url = $"/api/roundtables/{rt}";
        await Fixture.CommandAsync(Dfo, $"{url}/participants", $$"""{"kind":"supplier","supplierId":"{{supplier}}","name":"Fjordtek AS","role":"reseller","expectedVersion":3}""", 200, "coordinator");
        await Fixture.CommandAsync(Oslo, $"{url}/participants", """{"kind":"stakeholder","name":"Electronics Watch","role":"monitor","expectedVersion":4}""", 200, "coordinator");
        await Fixture.CommandAsync(Oslo, $"{url}/agenda", """{"agenda":["Findings 2026","Joint audits"],"expectedVersion":5}""", 200, "coordinator");

        var item = await AgreeAsync(rt, Dfo, 30);
        var supplierItem = await AgreeAsync(rt, supplier.ToString(), 45);
        var itemUrl = $"/api/follow-up-items/{item}";

        (await Fixture.SendAsync("POST", $"{itemUrl}/progress", Fixture.Token(Oslo), """{"note":"not ours","expectedVersion":1}""")).Status.ShouldBe(403);
        await Fixture.CommandAsync(Dfo, $"{itemUrl}/progress", """{"note":"draft list circulated","expectedVersion":1}""", 200);
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Dfo), Encoding.UTF8.GetBytes("tier-2 list"), "text/csv");
        await Fixture.CommandAsync(Dfo, $"{itemUrl}/delivery", $$"""{"note":"list published","evidence":[{"title":"Tier-2 list","sha256":"{{file!["sha256"]}}"}],"expectedVersion":2}""", 200);
        (await Fixture.SendAsync("POST", $"{itemUrl}/review", Fixture.Token(Sykehusinnkjop, "coordinator"), """{"accept":true,"rationale":"r","expectedVersion":3}""")).Status.ShouldBe(403);
        await Fixture.CommandAsync(Oslo, $"{itemUrl}/review", """{"accept":true,"rationale":"complete and public","expectedVersion":3}""", 200, "coordinator");
        await Fixture.CommandAsync(Dfo, $"{itemUrl}/close", """{"rationale":"delivered","expectedVersion":4}""", 200, "coordinator");

        // the supplier's commitment is reported by a host on the supplier's behalf
        await Fixture.CommandAsync(Oslo, $"/api/follow-up-items/{supplierItem}/progress", """{"note":"supplier reports progress by e-mail","expectedVersion":1}""", 200);

        await Fixture.CommandAsync(Oslo, $"{url}/held", $$"""{"heldOn":"{{Day(0)}}","minutes":"Agreed two follow-ups.","expectedVersion":6}""", 200, "coordinator");
        await Fixture.CommandAsync(Dfo, $"{url}/takeaways", """{"takeaways":["Publish tier-2 lists","Share audit reports"],"expectedVersion":7}""", 200, "coordinator");

        var (_, view, _) = await Fixture.SendAsync("GET", url, Fixture.Token(Sykehusinnkjop, "auditor"));
        view!["roundtable"]!["participants"]!.AsArray().Count.ShouldBe(2);
        view["roundtable"]!["status"]!.GetValue<string>().ShouldBe("held");
        view["roundtable"]!["takeaways"]!.AsArray().Count.ShouldBe(2);
        view["items"]!.AsArray().Select(i => i!["status"]!.GetValue<string>()).ShouldBe(["closed", "in-progress"]);
        var (_, closed, _) = await Fixture.SendAsync("GET", itemUrl, Fixture.Token(Oslo));
        closed!["history"]!.AsArray().Count.ShouldBe(5);

        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var (_, commitments, _) = await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/commitments", Fixture.Token(Dfo));
        commitments!["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(supplierItem);
    }

    [Fact]
    public async Task an_item_carried_over_to_the_next_roundtable_keeps_its_history()
    {
        var first = await ScheduleAsync(1, "Roundtable 1");
        var second = await ScheduleAsync(20, "Roundtable 2");
        var item = await AgreeAsync(first, Oslo, 10);
        await Fixture.CommandAsync(Oslo, $"/api/follow-up-items/{item}/progress", """{"note":"started","expectedVersion":1}""", 200);

        (await Fixture.SendAsync("POST", $"/api/follow-up-items/{item}/carry-over", Fixture.Token(Oslo, "coordinator"),
            $$"""{"toRoundtableId":"{{second}}","reason":"slipped","newDueOn":"{{Day(15)}}","expectedVersion":2}""")).Status.ShouldBe(400);
        await Fixture.CommandAsync(Dfo, $"/api/follow-up-items/{item}/carry-over", $$"""{"toRoundtableId":"{{second}}","reason":"slipped: supplier data late","expectedVersion":2}""", 200, "coordinator");

        var (_, moved, _) = await Fixture.SendAsync("GET", $"/api/follow-up-items/{item}", Fixture.Token(Oslo));
        moved!["roundtableId"]!.GetValue<Guid>().ShouldBe(second);
        moved["carriedFrom"]!.AsArray().Single()!.GetValue<Guid>().ShouldBe(first);
        moved["dueOn"]!.GetValue<string>().ShouldBe(Day(20));
        moved["history"]!.AsArray().Select(h => h!["what"]!.GetValue<string>()).ToList().Count.ShouldBe(3);
        moved["progressNotes"]!.AsArray().Single()!["what"]!.GetValue<string>().ShouldBe("started");

        (await Fixture.SendAsync("GET", $"/api/roundtables/{second}", Fixture.Token(Sykehusinnkjop))).Body!["items"]!.AsArray().Count.ShouldBe(1);
        (await Fixture.SendAsync("GET", $"/api/roundtables/{first}", Fixture.Token(Sykehusinnkjop))).Body!["items"]!.AsArray().Count.ShouldBe(1);

        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var (_, board, _) = await Fixture.SendAsync("GET", "/api/follow-up-board", Fixture.Token(Sykehusinnkjop));
        var row = board!["items"]!.AsArray().Single()!;
        row["carryOvers"]!.GetValue<int>().ShouldBe(1);
        row["roundtableId"]!.GetValue<Guid>().ShouldBe(second);
    }

    [Fact]
    public async Task overdue_fires_from_the_scheduled_message_and_shows_on_the_board()
    {
        var rt = await ScheduleAsync(2);
        var late = await AgreeAsync(rt, Dfo, 5);
        var check = (await Fixture.WaitingChecksAsync<CheckFollowUpOverdue>()).Single();
        check.DueAt.ShouldBe(new DateTimeOffset(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(6).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        await Fixture.PlayChecksAsync<CheckFollowUpOverdue>();
        var onTime = await AgreeAsync(rt, Oslo, 60);
        (await Fixture.SendAsync("GET", $"/api/follow-up-items/{late}", Fixture.Token(Oslo))).Body!["overdue"]!.GetValue<bool>().ShouldBeTrue();

        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        async Task<List<Guid>> Board(string q) =>
            [.. (await Fixture.SendAsync("GET", "/api/follow-up-board" + q, Fixture.Token(Sykehusinnkjop))).Body!["items"]!.AsArray().Select(b => b!["id"]!.GetValue<Guid>())];
        (await Board("?deadline=overdue")).ShouldBe([late]);
        (await Board("?deadline=due-soon")).ShouldBeEmpty();
        (await Board($"?ownerOrg={Oslo}")).ShouldBe([onTime]);
        (await Board("?status=agreed")).ShouldBe([late, onTime]);
        (await Fixture.SendAsync("GET", "/api/follow-up-board?deadline=someday", Fixture.Token(Oslo))).Status.ShouldBe(400);
    }

    public static TheoryData<string, string, string, string, string> BadRoundtableCommands => new()
    {
        { "due date before the roundtable", "rt/follow-up-items", """{"description":"d","ownerOrg":"958935420","dueOn":"{day1}"}""", "dueOn", "coordinator" },
        { "unknown owner organisation", "rt/follow-up-items", """{"description":"d","ownerOrg":"999999999","dueOn":"{day30}"}""", "ownerOrg", "coordinator" },
        { "unknown owner supplier", "rt/follow-up-items", """{"description":"d","ownerSupplierId":"0197a000-0000-7000-8000-000000000555","dueOn":"{day30}"}""", "ownerSupplierId", "coordinator" },
        { "two owners", "rt/follow-up-items", """{"description":"d","ownerOrg":"958935420","ownerSupplierId":"0197a000-0000-7000-8000-000000000555","dueOn":"{day30}"}""", "ownerOrg", "coordinator" },
        { "delivered without evidence or reason", "item/delivery", """{"note":"done","expectedVersion":1}""", "evidence", "case-officer" },
        { "delivery citing a file nobody uploaded", "item/delivery", """{"note":"done","evidence":[{"title":"t","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}],"expectedVersion":1}""", "evidence[0].sha256", "case-officer" },
        { "review of an undelivered item", "item/review", """{"accept":true,"rationale":"r","expectedVersion":1}""", "followUpItemId", "coordinator" },
        { "agenda with an empty item", "rt/agenda", """{"agenda":[""],"expectedVersion":3}""", "agenda", "coordinator" },
        { "held in the future", "rt/held", """{"heldOn":"{day30}","minutes":"m","expectedVersion":3}""", "heldOn", "coordinator" },
        { "reschedule to the past", "rt/reschedule", """{"newDate":"2020-01-01","reason":"r","expectedVersion":3}""", "newDate", "coordinator" },
        { "participant organisation unknown", "rt/participants", """{"kind":"organisation","orgNumber":"123","name":"n","role":"r","expectedVersion":3}""", "orgNumber", "coordinator" },
        { "stale version", "rt/agenda", """{"agenda":["a"],"expectedVersion":9}""", "expectedVersion", "coordinator" },
    };

    [Theory]
    [MemberData(nameof(BadRoundtableCommands))]
    public async Task bad_input_is_a_problem_naming_the_field_and_stores_nothing(string why, string path, string json, string field, string role)
    {
        var rt = await ScheduleAsync(7);
        var item = await AgreeAsync(rt, Oslo, 30);
        var before = await EventCountAsync();
        var url = path.StartsWith("rt/", StringComparison.Ordinal) ? $"/api/roundtables/{rt}/{path[3..]}" : $"/api/follow-up-items/{item}/{path[5..]}";

        var (status, problem, result) = await Fixture.SendAsync("POST", url, Fixture.Token(Oslo, role),
            json.Replace("{day1}", Day(1), StringComparison.Ordinal).Replace("{day30}", Day(30), StringComparison.Ordinal));

        status.ShouldBeInRange(400, 499, why);
        result.Context.Response.ContentType.ShouldBe("application/problem+json", why);
        problem!.ToJsonString().ShouldContain(field, Case.Insensitive, why);
        (await EventCountAsync()).ShouldBe(before, why);
    }

    [Fact]
    public async Task who_may_manage_and_progress_on_a_closed_item()
    {
        (await Fixture.SendAsync("POST", "/api/roundtables", Fixture.Token(Oslo, "case-officer"),
            $$"""{"topic":"t","date":"{{Day(3)}}","online":true,"hostOrgs":["{{Oslo}}"]}""")).Status.ShouldBe(403);
        var (notHost, hostProblem, _) = await Fixture.SendAsync("POST", "/api/roundtables", Fixture.Token(Oslo, "coordinator"),
            $$"""{"topic":"t","date":"{{Day(3)}}","online":true,"hostOrgs":["{{Dfo}}"]}""");
        notHost.ShouldBe(400);
        hostProblem!["errors"]!["hostOrgs"].ShouldNotBeNull();

        var rt = await ScheduleAsync(3);
        (await Fixture.SendAsync("POST", $"/api/roundtables/{rt}/agenda", Fixture.Token(Sykehusinnkjop, "coordinator"), """{"agenda":["a"],"expectedVersion":3}""")).Status.ShouldBe(403);
        (await Fixture.SendAsync("POST", $"/api/roundtables/{Guid.NewGuid()}/agenda", Fixture.Token(Oslo, "coordinator"), """{"agenda":["a"],"expectedVersion":1}""")).Status.ShouldBe(404);

        var item = await AgreeAsync(rt, Oslo, 10);
        var url = $"/api/follow-up-items/{item}";
        await Fixture.CommandAsync(Oslo, $"{url}/delivery", """{"note":"done","noEvidenceReason":"verbal commitment met at the meeting","expectedVersion":1}""", 200);
        await Fixture.CommandAsync(Dfo, $"{url}/review", """{"accept":true,"rationale":"confirmed","expectedVersion":2}""", 200, "coordinator");
        await Fixture.CommandAsync(Oslo, $"{url}/close", """{"rationale":"done","expectedVersion":3}""", 200, "coordinator");
        var before = await EventCountAsync();
        var (status, problem, _) = await Fixture.SendAsync("POST", $"{url}/progress", Fixture.Token(Oslo), """{"note":"more","expectedVersion":4}""");
        status.ShouldBe(409);
        problem!["itemStatus"]!.GetValue<string>().ShouldBe("closed");
        (await EventCountAsync()).ShouldBe(before);
    }
}
