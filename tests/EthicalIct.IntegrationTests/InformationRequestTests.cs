using System.Text.Json.Nodes;
using Shouldly;
using Wolverine.Tracking;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, swimlane "Information requests": the deadline's scheduled check, the log and routing, on real PostgreSQL.</summary>
public class InformationRequestTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Day(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> ReceiveAsync(string org, string json) =>
        (await Fixture.CommandAsync(org, "/api/information-requests", json, 201))["requestId"]!.GetValue<Guid>();

    [Fact]
    public async Task IR7_e2e_a_request_unanswered_for_three_weeks_goes_overdue_and_the_log_shows_the_on_time_share()
    {
        var before = await EventCountAsync();
        var (status, problem, _) = await Fixture.SendAsync("POST", "/api/information-requests", Fixture.Token(Sykehusinnkjop), """{"direction":"incoming","channel":"email","question":" "}""");
        (status, problem!["errors"]!.AsObject().Select(e => e.Key).Single()).ShouldBe((400, "question"));
        (await EventCountAsync()).ShouldBe(before, "a bad request stores nothing");

        // Received 22 days ago: the deadline was yesterday; its check (scheduled for the start of today) finds it unanswered.
        // Its check is due at the start of today: the deadline clock sends it by itself at its next sweep.
        var late = await ReceiveAsync(Sykehusinnkjop, $$"""{"direction":"incoming","channel":"email","question":"Which factories assemble the laptops you buy?","requester":"Kari, journalist","receivedOn":"{{Day(-22)}}"}""");
        JsonNode? request = null;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); request?["overdue"]?.GetValue<bool>() != true; await Task.Delay(200))
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the overdue check runs");
            request = (await Fixture.SendAsync("GET", $"/api/information-requests/{late}", Fixture.Token(Sykehusinnkjop))).Body;
        }

        (request!["status"]!.GetValue<string>(), request["overdue"]!.GetValue<bool>(), request["dueOn"]!.GetValue<string>()).ShouldBe(("open", true, Day(-1)));
        request["steps"]!.AsArray().Last()!["what"]!.GetValue<string>().ShouldStartWith("overdue");
        (await Fixture.SendAsync("GET", "/api/information-requests?overdue=true", Fixture.Token(Sykehusinnkjop))).Body!["totalCount"]!.GetValue<int>().ShouldBe(1);

        // Answered late; another received and answered today is on time.
        await Fixture.CommandAsync(Sykehusinnkjop, $"/api/information-requests/{late}/answer",
            $$"""{"answer":"The list of factories is at …","evidence":[{"title":"Factory list 2026","sha256":"{{new string('b', 64)}}"}],"expectedVersion":2}""", 200);
        var onTime = await ReceiveAsync(Sykehusinnkjop, """{"direction":"incoming","channel":"web-form","question":"Do you check for child labour?"}""");
        await Fixture.CommandAsync(Sykehusinnkjop, $"/api/information-requests/{onTime}/answer", """{"answer":"Yes, as follows …","expectedVersion":1}""", 200);
        var (_, log, _) = await Fixture.SendAsync("GET", $"/api/information-requests/log?year={DateTime.UtcNow.Year}", Fixture.Token(Sykehusinnkjop, "auditor"));
        var incoming = log!["lines"]!.AsArray().Single(l => l!["direction"]!.GetValue<string>() == "incoming")!;
        // (A request received 22 days ago in early January belongs to the year before.)
        if (DateTime.UtcNow.DayOfYear > 22)
        {
            (incoming["received"]!.GetValue<int>(), incoming["answered"]!.GetValue<int>(), incoming["closedOnTime"]!.GetValue<int>(), incoming["closedLate"]!.GetValue<int>(),
                incoming["onTimeShare"]!.GetValue<decimal>()).ShouldBe((2, 2, 1, 1, 0.5m));
        }

        // Another organisation neither reads it nor sees it in its list.
        (await Fixture.SendAsync("GET", $"/api/information-requests/{late}", Fixture.Token(Dfo, "coordinator"))).Status.ShouldBe(404);
        (await Fixture.SendAsync("GET", "/api/information-requests", Fixture.Token(Dfo, "coordinator"))).Body!["totalCount"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task IR8_e2e_a_request_routed_to_another_party_is_taken_over_by_it_in_its_own_name()
    {
        var id = await ReceiveAsync(Sykehusinnkjop, """{"direction":"incoming","channel":"letter","question":"Which laptops does Oslo buy from Nordlys?","requester":"A resident"}""");
        await Fixture.CommandAsync(Sykehusinnkjop, $"/api/information-requests/{id}/routing", $$"""{"toOrg":"{{Oslo}}","reason":"the question concerns Oslo's contract","expectedVersion":1}""", 200);

        (await Fixture.SendAsync("GET", "/api/information-requests/routed-to-us", Fixture.Token(Dfo))).Body!.AsArray().Count.ShouldBe(0);
        var routed = (await Fixture.SendAsync("GET", "/api/information-requests/routed-to-us", Fixture.Token(Oslo))).Body!.AsArray().Single()!;
        (routed["question"]!.GetValue<string>(), routed["requester"]!.GetValue<string>(), routed["fromOrg"]!.GetValue<string>())
            .ShouldBe(("Which laptops does Oslo buy from Nordlys?", "A resident", Sykehusinnkjop));

        var takeOver = $$"""{"direction":"incoming","channel":"routed","routedFromRequestId":"{{id}}"}""";
        (await Fixture.SendAsync("POST", "/api/information-requests", Fixture.Token(Dfo), takeOver)).Status.ShouldBe(400, "routed to Oslo, not DFØ");
        var mine = await ReceiveAsync(Oslo, takeOver);
        var (_, oslo, _) = await Fixture.SendAsync("GET", $"/api/information-requests/{mine}", Fixture.Token(Oslo));
        (oslo!["routedFromOrg"]!.GetValue<string>(), oslo["question"]!.GetValue<string>(), oslo["receivedOn"]!.GetValue<string>(), oslo["dueOn"]!.GetValue<string>())
            .ShouldBe((Sykehusinnkjop, "Which laptops does Oslo buy from Nordlys?", Day(), Day(21)));
        (await Fixture.SendAsync("GET", "/api/information-requests/routed-to-us", Fixture.Token(Oslo))).Body!.AsArray().Count.ShouldBe(0);
        (await Fixture.SendAsync("POST", "/api/information-requests", Fixture.Token(Oslo), takeOver)).Status.ShouldBe(409, "taken over once");
        (await Fixture.SendAsync("GET", $"/api/information-requests/{id}", Fixture.Token(Sykehusinnkjop))).Body!["status"]!.GetValue<string>().ShouldBe("routed");
    }
}
