using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Marten.Events;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Shouldly;
using StandardWebhooks;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, "Partner channels": the feed, the live stream, webhooks and observers.</summary>
public class PartnerTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Observer = "974760673";

    /// <summary>
    /// The feed's start for a test on the emptied store: 0. The store's reset leaves the tables Marten does not own; the
    /// test empties the webhooks' and the audit trail's (which the audit handler would clear on its first page from
    /// scratch anyway), so that nothing of an earlier test is delivered or read.
    /// </summary>
    private async Task<long> HeadAsync()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var clear = new NpgsqlCommand(
            "truncate ethicalict.webhook_progress, ethicalict.webhook_secrets, ethicalict.webhook_log, ethicalict.webhook_dead_letters, ethicalict.audit_trail, " +
            "ethicalict.audit_subject, ethicalict.audit_frontier, ethicalict.audit_checkpoint", conn);
        await clear.ExecuteNonQueryAsync();
        return 0;
    }

    /// <summary>A feed page parsed by the CloudEvents SDK, with the next cursor.</summary>
    private async Task<(IReadOnlyList<CloudEvent> Events, long Next, int Status)> FeedAsync(string token, string query)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/feed?{query}");
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        if (response.StatusCode != 200)
        {
            return ([], 0, response.StatusCode);
        }

        response.ContentType.ShouldBe("application/cloudevents-batch+json");
        var body = await result.ReadAsTextAsync();
        var events = new JsonEventFormatter().DecodeBatchModeMessage(Encoding.UTF8.GetBytes(body), new System.Net.Mime.ContentType("application/cloudevents-batch+json"), null);
        return (events, long.Parse(response.Headers["Feed-Next"].ToString(), System.Globalization.CultureInfo.InvariantCulture), 200);
    }

    /// <summary>Every event the token may see after a cursor, page by page (pages of <paramref name="limit"/>); the audit trail's checkpoints left out.</summary>
    private async Task<List<CloudEvent>> AllAsync(string token, long after, int limit = 100, string filters = "") =>
        [.. (await AllWithCheckpointsAsync(token, after, limit, filters)).Where(e => e.Type != "no.ethicalict.audit_checkpoint")];

    private async Task<List<CloudEvent>> AllWithCheckpointsAsync(string token, long after, int limit = 100, string filters = "")
    {
        var all = new List<CloudEvent>();
        while (true)
        {
            var (events, next, status) = await FeedAsync(token, $"after={after}&limit={limit}{filters}");
            status.ShouldBe(200);
            all.AddRange(events);
            if (events.Count == 0)
            {
                return all;
            }

            after = next;
        }
    }

    private static string TypeOf(CloudEvent e) => e.Type!["no.ethicalict.".Length..];

    private static long PositionOf(CloudEvent e) => Convert.ToInt64(e["position"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Oslo: a supplier (public), an assessment with a risk (private), a contract (parties); answers the supplier and the assessment.</summary>
    private async Task<(Guid Supplier, Guid Assessment)> SeedAsync()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        await Fixture.CommandAsync(Oslo, $"/api/assessments/{assessment}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"private detail","source":"s","expectedVersion":1}""", 201);
        await Fixture.CommandAsync(Oslo, "/api/contracts",
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":1000000}""", 201);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return (supplier, assessment);
    }

    private async Task RegisterObserverAsync()
    {
        await Fixture.CommandAsync(Oslo, "/api/observers", $$"""{"orgNumber":"{{Observer}}","name":"Electronics Watch","shortName":"EW","purpose":"independent monitoring"}""", 201, "coordinator");
    }

    [Fact]
    public async Task PC1_e2e_the_feed_pages_parse_as_cloudevents_and_hold_only_what_each_caller_may_see()
    {
        var head = await HeadAsync();
        var (supplier, assessment) = await SeedAsync();

        var oslo = await AllAsync(Fixture.Token(Oslo, "auditor"), head, limit: 2);
        oslo.Select(TypeOf).ShouldBe(["supplier_registered", "assessment_opened", "risk_identified", "contract_recorded"]);
        oslo.Select(PositionOf).ShouldBeInOrder();
        oslo.ShouldAllBe(e => e.Source == new Uri("urn:ethicalict:events") && e.SpecVersion == CloudEventsSpecVersion.V1_0 && e.Time != null);
        oslo[1].Subject.ShouldBe($"assessment/{assessment}");
        oslo[1].Id.ShouldBe(PositionOf(oslo[1]).ToString(System.Globalization.CultureInfo.InvariantCulture));
        ((JsonElementOrNode(oslo[1].Data))["supplierId"]!.GetValue<string>()).ShouldBe(supplier.ToString());

        var dfo = await AllAsync(Fixture.Token(Dfo), head);
        dfo.Select(TypeOf).ShouldBe(["supplier_registered", "contract_recorded"], "Oslo's private assessment never leaves");
        dfo.ShouldNotContain(e => e.ToString()!.Contains("private detail"));

        // Filters: by type, by stream type, by supplier; bad values are 400 naming the field.
        (await AllAsync(Fixture.Token(Oslo), head, filters: "&type=risk_identified")).Select(TypeOf).ShouldBe(["risk_identified"]);
        (await AllAsync(Fixture.Token(Oslo), head, filters: "&streamType=contract")).Select(TypeOf).ShouldBe(["contract_recorded"]);
        (await AllAsync(Fixture.Token(Oslo), head, filters: $"&supplier={Guid.NewGuid()}")).ShouldBeEmpty();
        (await AllAsync(Fixture.Token(Oslo), head, filters: $"&supplier={supplier}")).Count.ShouldBe(4);
        (await FeedAsync(Fixture.Token(Oslo), "type=Risk Identified")).Status.ShouldBe(400);
        (await FeedAsync(Fixture.Token(Oslo), "after=-1")).Status.ShouldBe(400);
        (await FeedAsync(Fixture.Token(Oslo), "limit=0")).Status.ShouldBe(400);

        // Caught up: an empty page and the same cursor.
        var (_, caughtUp, _) = await FeedAsync(Fixture.Token(Oslo), $"after={head}&limit=1000");
        var (empty, again, _) = await FeedAsync(Fixture.Token(Oslo), $"after={caughtUp}");
        (empty.Count, again).ShouldBe((0, caughtUp));
    }

    private static JsonNode JsonElementOrNode(object? data) => data switch
    {
        System.Text.Json.JsonElement element => JsonNode.Parse(element.GetRawText())!,
        JsonNode node => node,
        _ => throw new InvalidOperationException($"data is {data?.GetType().Name}"),
    };

    [Fact]
    public async Task PC2_e2e_an_observer_sees_public_class_events_only_and_never_writes()
    {
        var head = await HeadAsync();
        (await Fixture.SendAsync("GET", "/api/feed", Fixture.Token(Observer, "observer"))).Status.ShouldBe(403, "not registered yet");
        await RegisterObserverAsync();
        await SeedAsync();

        var observed = await AllAsync(Fixture.Token(Observer, "observer"), head);
        observed.Select(TypeOf).ShouldBe(["observer_registered", "supplier_registered"], "public-class events only");
        (await Fixture.SendAsync("GET", "/api/suppliers", Fixture.Token(Observer, "observer"))).Status.ShouldBe(403, "observers use the partner channels only");
        (await Fixture.SendAsync("POST", "/api/suppliers", Fixture.Token(Observer, "observer"), Scenarios.RegisterBody("Other AS", "934567897"))).Status.ShouldBe(403);
        (await Fixture.SendAsync("GET", "/api/feed", Fixture.Token(Observer, "coordinator"))).Status.ShouldBe(403, "an observer organisation has the observer role only");
        (await AllAsync(Fixture.Token(Oslo, "observer"), head)).Select(TypeOf).ShouldBe(["observer_registered", "supplier_registered"], "a party's observer token sees what an observer sees");

        var observerId = (await Fixture.SendAsync("GET", "/api/observers", Fixture.Token(Dfo))).Body!.AsArray().Single()!["id"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Dfo, $"/api/observers/{observerId}/removal", """{"reason":"the monitoring contract ended","expectedVersion":1}""", 200, "coordinator");
        (await Fixture.SendAsync("GET", "/api/feed", Fixture.Token(Observer, "observer"))).Status.ShouldBe(403, "removed");
        (await Fixture.SendAsync("POST", "/api/observers", Fixture.Token(Oslo, "coordinator"), $$"""{"orgNumber":"{{Dfo}}","name":"DFØ","shortName":"DFØ","purpose":"p"}""")).Status
            .ShouldBe(409, "a party is not an observer");
    }

    [Fact]
    public async Task PC3_e2e_a_live_stream_disconnected_at_random_points_and_resumed_with_last_event_id_sees_every_visible_event_once_in_order()
    {
        var head = await HeadAsync();
        var client = Host.Server.CreateClient();
        var received = new List<(long Id, string Type)>();
        string? lastEventId = null;
        var random = new Random(7);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await SeedWithNameAsync(i);
                await Task.Delay(random.Next(50, 250));
            }
        });

        // Read, disconnect after a few events, reconnect with Last-Event-ID, until the writer is done and the stream is quiet.
        var quiet = 0;
        while (quiet < 3)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, lastEventId is null ? $"/api/feed/live?after={head}" : "/api/feed/live");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Fixture.Token(Dfo));
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            var take = random.Next(1, 4);
            var got = 0;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
                var parser = SseParser.Create(stream);
                await foreach (var item in parser.EnumerateAsync(cts.Token))
                {
                    if (!parser.LastEventId.Contains(':'))
                    {
                        received.Add((long.Parse(parser.LastEventId, System.Globalization.CultureInfo.InvariantCulture), item.EventType));
                    }

                    lastEventId = parser.LastEventId;
                    if (++got >= take)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The stream went quiet for two seconds: reconnect.
            }

            quiet = writer.IsCompleted && got == 0 ? quiet + 1 : 0;
        }

        await writer;
        var expected = (await AllAsync(Fixture.Token(Dfo), head)).Select(e => (PositionOf(e), e.Type!)).ToList();
        expected.Count.ShouldBe(8, "four suppliers and four contracts are visible to DFØ");
        received.ShouldBe(expected, "every visible event once, in order, no gap");
    }

    private async Task SeedWithNameAsync(int i)
    {
        var numbers = new[] { "923456783", "934567897", "911111152", "922222223" };
        var supplier = await Fixture.RegisterSupplierAsync(Oslo, $"Supplier {i} AS", numbers[i]);
        await Fixture.OpenAssessmentAsync(Oslo, supplier);
        await Fixture.CommandAsync(Oslo, "/api/contracts",
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":1000000}""", 201);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<(Guid Id, string Secret)> SubscribeAsync(string org, string role, string url, long startAfter, string filters = "")
    {
        var body = await Fixture.CommandAsync(org, "/api/webhooks", $$"""{"url":"{{url}}","description":"test","startAfter":{{startAfter}}{{filters}}}""", 201, role);
        return (body["subscriptionId"]!.GetValue<Guid>(), body["secret"]!.GetValue<string>());
    }

    /// <summary>The deliveries of events (the audit trail's checkpoints, delivered too, left out).</summary>
    private static List<ReceivedWebhook> Events(IEnumerable<ReceivedWebhook> received) =>
        [.. received.Where(r => r.Headers["webhook-id"].StartsWith("evt_", StringComparison.Ordinal))];

    private static void ShouldVerify(ReceivedWebhook hook, string secret)
    {
        var headers = new HeaderDictionary();
        foreach (var (key, value) in hook.Headers)
        {
            headers[key] = value;
        }

        new StandardWebhook(secret).Verify(hook.Body, headers);
    }

    [Fact]
    public async Task PC4_e2e_a_receiver_that_fails_then_succeeds_gets_every_event_in_order_signed_and_the_log_shows_each_attempt()
    {
        var head = await HeadAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = i => i < 2 ? 503 : 200;
        var (id, secret) = await SubscribeAsync(Dfo, "coordinator", receiver.Url, head);
        secret.ShouldStartWith("whsec_");
        await SeedWithNameAsync(0);
        await SeedWithNameAsync(1);
        var expected = (await AllAsync(Fixture.Token(Dfo), head)).Select(PositionOf).ToList();
        expected.Count.ShouldBe(5, "two suppliers, two contracts and DFØ's own subscription");

        await receiver.WaitForAsync(r => Events(r).Count(x => x.AnsweredWith == 200) >= expected.Count, TimeSpan.FromSeconds(30), "all events delivered");
        Events(receiver.Accepted).Select(r => long.Parse(r.Headers["webhook-id"]["evt_".Length..], System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
        receiver.Received.Take(3).Select(r => r.Headers["webhook-id"]).Distinct().Count().ShouldBe(1, "the first delivery was retried with the same webhook-id");
        foreach (var hook in receiver.Received)
        {
            ShouldVerify(hook, secret);
            hook.Headers["content-type"].ShouldStartWith("application/cloudevents+json");
            new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(hook.Body), null, null).Type.ShouldStartWith("no.ethicalict.");
        }

        var log = (await Fixture.SendAsync("GET", $"/api/webhooks/{id}/deliveries", Fixture.Token(Dfo, "coordinator"))).Body!["items"]!.AsArray();
        log.Take(3).Select(a => a!["status"]!.GetValue<int>()).ShouldBe([503, 503, 200]);
        log.ShouldAllBe(a => a!["latencyMs"]!.GetValue<int>() >= 0);
        (await Fixture.SendAsync("GET", $"/api/webhooks/{id}/deliveries", Fixture.Token(Oslo, "coordinator"))).Status.ShouldBe(404, "another organisation's subscription");

        // Rotation: for the overlap, each delivery carries both signatures, and each secret verifies it.
        var rotated = (await Fixture.CommandAsync(Dfo, $"/api/webhooks/{id}/secret", """{"overlapHours":1,"expectedVersion":1}""", 200, "coordinator"))["secret"]!.GetValue<string>();
        await SeedWithNameAsync(2);
        await receiver.WaitForAsync(r => Events(r).Count(x => x.AnsweredWith == 200) >= expected.Count + 2, TimeSpan.FromSeconds(30), "deliveries after the rotation");
        var last = receiver.Accepted[^1];
        var signatures = last.Headers["webhook-signature"].Split(' ');
        signatures.Length.ShouldBe(2);
        ShouldVerify(last, secret);
        // StandardWebhooks 1.1.2 checks only the first of two signatures, so the new secret's (second) is checked on its own.
        var headers = new Dictionary<string, string>(last.Headers) { ["webhook-signature"] = signatures[1] };
        ShouldVerify(last with { Headers = headers }, rotated);
    }

    [Fact]
    public async Task PC5_e2e_a_receiver_that_always_fails_fills_the_dead_letter_list_and_replay_delivers_them()
    {
        var head = await HeadAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Answer = _ => failing ? 500 : 200;
        var (id, secret) = await SubscribeAsync(Dfo, "coordinator", receiver.Url, head);
        await SeedWithNameAsync(0);
        var expected = (await AllAsync(Fixture.Token(Dfo), head)).Select(PositionOf).ToList();

        var until = DateTime.UtcNow.AddSeconds(30);
        JsonArray dead;
        do
        {
            await Task.Delay(200);
            dead = (await Fixture.SendAsync("GET", $"/api/webhooks/{id}/dead-letters", Fixture.Token(Dfo, "coordinator"))).Body!.AsArray();
        }
        while (dead.Count(d => d!["webhookId"]!.GetValue<string>().StartsWith("evt_", StringComparison.Ordinal)) < expected.Count && DateTime.UtcNow < until);

        var deadEvents = dead.Where(d => d!["webhookId"]!.GetValue<string>().StartsWith("evt_", StringComparison.Ordinal)).ToList();
        deadEvents.Select(d => d!["position"]!.GetValue<long>()).ShouldBe(expected);
        deadEvents.ShouldAllBe(d => d!["attempts"]!.GetValue<int>() == 4 && d["lastStatus"]!.GetValue<int>() == 500);
        receiver.Accepted.ShouldBeEmpty();

        failing = false;
        (await Fixture.SendAsync("POST", $"/api/webhooks/{id}/dead-letters/replay", Fixture.Token(Dfo, "coordinator"), "{}")).Status.ShouldBe(202);
        await receiver.WaitForAsync(r => Events(r).Count(x => x.AnsweredWith == 200) >= expected.Count, TimeSpan.FromSeconds(30), "replayed");
        Events(receiver.Accepted).Select(r => r.Headers["webhook-id"]).ShouldBe(expected.Select(p => $"evt_{p}"));
        receiver.Accepted.ToList().ForEach(r => ShouldVerify(r, secret));
        await Task.Delay(300);
        (await Fixture.SendAsync("GET", $"/api/webhooks/{id}/dead-letters", Fixture.Token(Dfo, "coordinator"))).Body!.AsArray()
            .ShouldAllBe(d => d!["replayStatus"]!.GetValue<int>() == 200);
    }

    [Fact]
    public async Task PC6_e2e_a_receiver_that_answers_410_disables_its_subscription_and_loopback_targets_are_refused_without_the_allow_list()
    {
        var head = await HeadAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 410;
        var (id, _) = await SubscribeAsync(Dfo, "coordinator", receiver.Url, head);
        await SeedWithNameAsync(0);
        var until = DateTime.UtcNow.AddSeconds(30);
        JsonNode subscription;
        do
        {
            await Task.Delay(200);
            subscription = (await Fixture.SendAsync("GET", "/api/webhooks", Fixture.Token(Dfo, "coordinator"))).Body!.AsArray().Single(s => s!["subscription"]!["id"]!.GetValue<Guid>() == id)!;
        }
        while (subscription["subscription"]!["active"]!.GetValue<bool>() && DateTime.UtcNow < until);

        subscription["subscription"]!["active"]!.GetValue<bool>().ShouldBeFalse();
        subscription["subscription"]!["disabledReason"]!.GetValue<string>().ShouldContain("410");
        subscription["subscription"]!["version"]!.GetValue<long>().ShouldBe(2, "subscribed, then disabled: the view carries the stream's version (it was 0 when the disable was appended without it)");
        receiver.Received.Count.ShouldBe(1);

        var before = await EventCountAsync();
        foreach (var url in new[] { receiver.Url.Replace("127.0.0.1", "localhost"), "http://10.0.0.7/hook", "https://169.254.169.254/latest", "ftp://example.org/x", "not a url" })
        {
            var (status, problem, _) = await Fixture.SendAsync("POST", "/api/webhooks", Fixture.Token(Dfo, "coordinator"), $$"""{"url":"{{url}}"}""");
            (status, problem!["errors"]?.AsObject().Select(e => e.Key).FirstOrDefault()).ShouldBe((400, "url"), url);
        }

        (await EventCountAsync()).ShouldBe(before, "nothing stored");
        (await Fixture.SendAsync("POST", "/api/webhooks", Fixture.Token(Dfo, "case-officer"), $$"""{"url":"{{receiver.Url}}"}""")).Status.ShouldBe(403);
    }

    [Fact]
    public async Task PC7_e2e_an_observers_webhook_delivers_public_class_events_only()
    {
        var head = await HeadAsync();
        await RegisterObserverAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(Observer, "observer", receiver.Url, head);
        await SeedAsync();
        var expected = (await AllAsync(Fixture.Token(Observer, "observer"), head)).Select(PositionOf).ToList();
        await receiver.WaitForAsync(r => Events(r).Count(x => x.AnsweredWith == 200) >= expected.Count, TimeSpan.FromSeconds(30), "observer deliveries");
        var delivered = receiver.Accepted.Select(r => new JsonEventFormatter().DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(r.Body), null, null)).ToList();
        delivered.ShouldAllBe(e => (string)e["accessclass"]! == "public");
        delivered.Select(TypeOf).ShouldContain("supplier_registered");
        delivered.Select(TypeOf).ShouldNotContain("assessment_opened");
    }

    [Fact]
    public async Task PC8_e2e_a_reminder_reaches_the_organisation_that_owns_the_deadline_and_only_it()
    {
        var head = await HeadAsync();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var date = tomorrow;
        var roundtable = (await Fixture.CommandAsync(Oslo, "/api/roundtables", $$"""{"topic":"Working hours","date":"{{date}}","hostOrgs":["{{Oslo}}"],"online":true}""", 201, "coordinator"))["roundtableId"]!;
        var item = (await Fixture.CommandAsync(Oslo, $"/api/roundtables/{roundtable}/follow-up-items", $$"""{"description":"Share the audit schedule","dueOn":"{{tomorrow}}","ownerOrg":"{{Dfo}}"}""", 201, "coordinator"))["followUpItemId"]!.GetValue<Guid>();

        var until = DateTime.UtcNow.AddSeconds(30);
        List<CloudEvent> dfo;
        do
        {
            await Task.Delay(200);
            dfo = await AllAsync(Fixture.Token(Dfo), head, filters: "&type=deadline_neared");
        }
        while (dfo.Count == 0 && DateTime.UtcNow < until);

        var neared = dfo.ShouldHaveSingleItem();
        var data = JsonElementOrNode(neared.Data);
        (data["kind"]!.GetValue<string>(), data["caseId"]!.GetValue<Guid>()).ShouldBe(("follow-up-item", item));
        ((string)neared["accessclass"]!, (string)neared["organisation"]!).ShouldBe(("private", Dfo));
        (await AllAsync(Fixture.Token(Oslo), head, filters: "&type=deadline_neared")).ShouldBeEmpty("the reminder is DFØ's alone");

        var mine = (await Fixture.SendAsync("GET", "/api/reminders", Fixture.Token(Dfo))).Body!.AsArray().ShouldHaveSingleItem()!;
        (mine["kind"]!.GetValue<string>(), mine["state"]!.GetValue<string>(), mine["title"]!.GetValue<string>()).ShouldBe(("follow-up-item", "due-soon", "Follow-up item: Share the audit schedule"));
        (await Fixture.SendAsync("GET", "/api/reminders", Fixture.Token(Oslo))).Body!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task PC11_e2e_a_receiver_that_answers_429_with_retry_after_is_called_again_no_sooner()
    {
        var head = await HeadAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = i => i == 0 ? 429 : 200;
        receiver.RetryAfter = i => i == 0 ? "2" : null;
        await SubscribeAsync(Dfo, "coordinator", receiver.Url, head);
        await receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= 1, TimeSpan.FromSeconds(30), "the retry after Retry-After");
        var (first, second) = (receiver.Received[0], receiver.Received[1]);
        (first.AnsweredWith, second.Headers["webhook-id"]).ShouldBe((429, first.Headers["webhook-id"]));
        (second.At - first.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9), "Retry-After: 2 outweighs the 0.2 s schedule");
    }

    [Fact]
    public async Task PC12_e2e_a_receiver_that_does_not_answer_within_the_timeout_is_logged_and_called_again()
    {
        var head = await HeadAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = i => i == 0 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero; // the tests' timeout is 1 s (15 s by default)
        var (id, _) = await SubscribeAsync(Dfo, "coordinator", receiver.Url, head);
        await receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= 2, TimeSpan.FromSeconds(30), "the retry after the timeout");
        var log = (await Fixture.SendAsync("GET", $"/api/webhooks/{id}/deliveries", Fixture.Token(Dfo, "coordinator"))).Body!["items"]!.AsArray();
        var (first, second) = (log[0]!, log[1]!);
        first["status"].ShouldBeNull();
        first["error"]!.GetValue<string>().ShouldBe("no answer within 1 s");
        first["latencyMs"]!.GetValue<int>().ShouldBeInRange(900, 2900, "cut off at the timeout, not at the receiver's answer");
        (second["status"]!.GetValue<int>(), second["webhookId"]!.GetValue<string>()).ShouldBe((200, first["webhookId"]!.GetValue<string>()));
    }
}
