using System.Diagnostics;
using System.Text.RegularExpressions;
using EthicalIct.Api.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine.Http;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// The participant, host and owner rules are checks on the stream each endpoint loads, not on the route's text: every
/// guarded route answers the same for any spelling of it (letter case, a trailing slash), stores nothing, and a
/// guarded command reads its stream once.
/// </summary>
public class GuardTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private sealed record Setup(Guid Dialogue, Guid Roundtable, Guid OsloItem, Guid DfoItem);

    private async Task<Setup> ArrangeAsync()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Oslo alone"}""", 201))["dialogueId"]!.GetValue<Guid>();
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var roundtable = (await Fixture.CommandAsync(Oslo, "/api/roundtables", $$"""{"topic":"t","date":"{{date}}","hostOrgs":["{{Oslo}}"],"online":true}""", 201, "coordinator"))["roundtableId"]!.GetValue<Guid>();
        var osloItem = (await Fixture.CommandAsync(Oslo, $"/api/roundtables/{roundtable}/follow-up-items", $$"""{"description":"d","dueOn":"{{date}}","ownerOrg":"{{Oslo}}"}""", 201, "coordinator"))["followUpItemId"]!.GetValue<Guid>();
        var dfoItem = (await Fixture.CommandAsync(Oslo, $"/api/roundtables/{roundtable}/follow-up-items", $$"""{"description":"d","dueOn":"{{date}}","ownerOrg":"{{Dfo}}"}""", 201, "coordinator"))["followUpItemId"]!.GetValue<Guid>();
        return new Setup(dialogue, roundtable, osloItem, dfoItem);
    }

    private IEnumerable<(string Method, string Route, AccessRule Rule, Type? Body)> GuardedRoutes() =>
        Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetMetadata<HttpChain>())
            .Where(c => c is not null)
            .Select(c => (Method: c!.HttpMethods.Single(), Route: "/" + c.RoutePattern!.RawText!.TrimStart('/'),
                Rule: ((AccessAttribute)Attribute.GetCustomAttribute(c.Method.Method, typeof(AccessAttribute))!).Rule, Body: c.RequestType))
            .Where(r => r.Rule is AccessRule.DialogueParticipant or AccessRule.RoundtableHost or AccessRule.FollowUpOwner && r.Route.Contains('{'));

    /// <summary>The route as written, its last segment in capitals, with a trailing slash, and the whole path in capitals.</summary>
    private static IEnumerable<string> Spellings(string url)
    {
        yield return url;
        var last = url.LastIndexOf('/');
        yield return url[..last] + url[last..].ToUpperInvariant();
        yield return url + "/";
        yield return Regex.Replace(url, "[a-z-]+(?=/|$)", m => Guid.TryParse(m.Value, out _) ? m.Value : m.Value.ToUpperInvariant());
        yield return url.Replace("/api/", "/Api/", StringComparison.Ordinal) + "/";
    }

    [Fact]
    public async Task every_guarded_route_answers_alike_for_every_spelling_and_stores_nothing()
    {
        var s = await ArrangeAsync();
        var before = await EventCountAsync();
        var checkedRoutes = 0;
        foreach (var (method, route, rule, body) in GuardedRoutes())
        {
            // who is refused, and how: a dialogue of Oslo alone does not exist for DFØ (404); DFØ's coordinator hosts
            // nothing of Oslo's (403); Oslo's coordinator hosts the roundtable but does not own DFØ's item (403)
            var (org, role, expected, ids) = rule switch
            {
                AccessRule.DialogueParticipant => (Dfo, "coordinator", 404, new Dictionary<string, Guid> { ["dialogueId"] = s.Dialogue }),
                AccessRule.RoundtableHost => (Dfo, "coordinator", 403, new Dictionary<string, Guid> { ["roundtableId"] = s.Roundtable, ["followUpItemId"] = s.OsloItem }),
                _ => (Oslo, "coordinator", 403, new Dictionary<string, Guid> { ["followUpItemId"] = s.DfoItem }),
            };
            var url = Regex.Replace(route, @"\{(\w+)\}", m => (ids.TryGetValue(m.Groups[1].Value, out var id) ? id : Guid.NewGuid()).ToString());
            var json = method == "GET" || body is null ? null : Samples.Json(body);
            foreach (var spelling in Spellings(url))
            {
                var (status, problem, _) = await Fixture.SendAsync(method, spelling, Fixture.Token(org, role), json);
                status.ShouldBe(expected, $"{method} {spelling} as {org} {role}: {problem?.ToJsonString()}");
            }

            checkedRoutes++;
        }

        checkedRoutes.ShouldBeGreaterThan(30);
        (await EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task a_non_participant_and_a_missing_dialogue_get_the_same_answer()
    {
        var s = await ArrangeAsync();
        var missing = Guid.NewGuid();
        var hidden = await Fixture.SendAsync("POST", $"/api/supplier-dialogues/{s.Dialogue}/meetings", Fixture.Token(Dfo), """{"heldOn":"2026-01-01","participants":["x"],"minutes":"m","expectedVersion":1}""");
        var absent = await Fixture.SendAsync("POST", $"/api/supplier-dialogues/{missing}/meetings", Fixture.Token(Dfo), """{"heldOn":"2026-01-01","participants":["x"],"minutes":"m","expectedVersion":1}""");
        hidden.Status.ShouldBe(404);
        absent.Status.ShouldBe(404);
        Strip(hidden.Body!.ToJsonString(), s.Dialogue).ShouldBe(Strip(absent.Body!.ToJsonString(), missing));
    }

    private static string Strip(string problem, Guid id) =>
        Regex.Replace(problem.Replace(id.ToString(), "{id}", StringComparison.Ordinal), "\"traceId\":\"[^\"]+\"", "");

    [Fact]
    public async Task a_guarded_command_reads_its_stream_once()
    {
        var s = await ArrangeAsync();
        var supplier = await Fixture.RegisterSupplierAsync(Oslo, "Second AS", "934567897");
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);

        (await ReadsOfTheStreamAsync($"/api/supplier-dialogues/{s.Dialogue}/findings", """{"grade":"minor","code":"WH","description":"overtime","expectedVersion":1}""", "supplierdialogue"))
            .ShouldBe(1);
        (await ReadsOfTheStreamAsync($"/api/follow-up-items/{s.OsloItem}/progress", """{"note":"started","expectedVersion":1}""", "followupitem"))
            .ShouldBe(1);
        (await ReadsOfTheStreamAsync($"/api/assessments/{assessment}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"d","source":"s","expectedVersion":1}""", "assessment"))
            .ShouldBe(1);
    }

    /// <summary>How many statements one command sends that read its stream: its events, or the write model's snapshot.</summary>
    private async Task<int> ReadsOfTheStreamAsync(string url, string json, string writeModel)
    {
        lock (Fixture.Spans)
        {
            Fixture.Spans.Clear();
        }

        var traceId = ActivityTraceId.CreateRandom();
        var (status, problem, _) = await Fixture.SendAsync("POST", url, Fixture.Token(Oslo), json, AppFixture.TraceParent(traceId));
        status.ShouldBeInRange(200, 201, problem?.ToJsonString());
        var (request, trace, _) = await Fixture.TraceAsync(traceId);
        request.ShouldNotBeNull();
        var statements = trace.Where(a => a.Source.Name.StartsWith("Npgsql", StringComparison.Ordinal))
            .Select(a => (a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement"))?.ToString() ?? "")
            .ToList();
        statements.ShouldNotBeEmpty();
        var reads = statements.Count(q => q.Contains($"from ethicalict.mt_doc_{writeModel} ", StringComparison.Ordinal)
                                          || q.Contains("from ethicalict.mt_events", StringComparison.Ordinal));
        reads.ShouldBe(1, $"{url} reads its stream once:\n{string.Join("\n---\n", statements)}");
        return reads;
    }
}
