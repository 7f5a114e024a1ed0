using System.Globalization;
using EthicalIct.Api.Assessments;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Api.Suppliers;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, "As of": every case read returns the case as it was at a moment or a version.</summary>
public class AsOfTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private async Task<DateTimeOffset> BetweenAsync()
    {
        await Task.Delay(30);
        var t = DateTimeOffset.UtcNow;
        await Task.Delay(30);
        return t;
    }

    [Fact]
    public async Task AS2_e2e_an_assessment_as_of_a_moment_or_a_version_is_the_assessment_as_it_was_then()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var before = await BetweenAsync();
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var url = $"/api/assessments/{assessment}";
        var risk = (await Fixture.CommandAsync(Oslo, $"{url}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"d","source":"s","expectedVersion":1}""", 201))["itemId"]!;
        var unscored = await BetweenAsync();
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores",
            """{"scale":3,"scope":3,"irremediability":5,"likelihood":4,"connection":"directly-linked","leverage":"medium","rationale":"desk review","expectedVersion":2}""", 200);

        var (status, now, latest) = await Fixture.SendAsync("GET", url, Fixture.Token(Oslo));
        (status, now!["version"]!.GetValue<long>()).ShouldBe((200, 3L));
        latest.Context.Response.Headers.ContainsKey("Memento-Datetime").ShouldBeFalse();

        var (_, then, answer) = await Fixture.SendAsync("GET", $"{url}?asOf={Stamp(unscored)}", Fixture.Token(Oslo, "auditor"));
        then!["version"]!.GetValue<long>().ShouldBe(2);
        then["risks"]![0]!["score"].ShouldBeNull();
        answer.Context.Response.Headers.ETag.ToString().ShouldBe("\"2\"");
        var recorded = DateTimeOffset.Parse(answer.Context.Response.Headers["Memento-Datetime"].ToString(), CultureInfo.InvariantCulture);
        recorded.ShouldBeLessThanOrEqualTo(unscored);

        (await Fixture.SendAsync("GET", $"{url}?version=2", Fixture.Token(Oslo))).Body!["risks"]![0]!["score"].ShouldBeNull();
        (await Fixture.SendAsync("GET", $"{url}?version=1", Fixture.Token(Oslo))).Body!["risks"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", $"{url}?version=9", Fixture.Token(Oslo))).Status.ShouldBe(404);
        (await Fixture.SendAsync("GET", $"{url}?asOf={Stamp(before)}", Fixture.Token(Oslo))).Status.ShouldBe(404, "it did not exist yet");
        (await Fixture.SendAsync("GET", $"{url}?asOf=2020-01-01", Fixture.Token(Oslo))).Body!["errors"]!["asOf"].ShouldNotBeNull();
        (await Fixture.SendAsync("GET", $"{url}?asOf={Stamp(DateTimeOffset.UtcNow.AddDays(1))}", Fixture.Token(Oslo))).Status.ShouldBe(400);
        (await Fixture.SendAsync("GET", $"{url}?version=0", Fixture.Token(Oslo))).Status.ShouldBe(400);
        (await Fixture.SendAsync("GET", $"{url}?version=2", Fixture.Token(Dfo, "auditor"))).Status.ShouldBe(404, "another organisation's assessment does not exist for it at any point");
    }

    [Fact]
    public async Task AS3_e2e_shared_cases_are_read_as_of_a_version_too()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        await Fixture.CommandAsync(Oslo, $"/api/suppliers/{supplier}/sites", Scenarios.SiteBody(1), 201);
        (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}?version=1", Fixture.Token(Dfo))).Body!["sites"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}", Fixture.Token(Dfo))).Body!["sites"]!.AsArray().Count.ShouldBe(1);

        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"t"}""", 201))["dialogueId"]!;
        await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings", """{"grade":"minor","code":"WH","description":"overtime","expectedVersion":1}""", 201);
        (await Fixture.SendAsync("GET", $"/api/supplier-dialogues/{dialogue}?version=1", Fixture.Token(Oslo))).Body!["findings"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", $"/api/supplier-dialogues/{dialogue}?version=1", Fixture.Token(Dfo))).Status.ShouldBe(404, "not a participant");

        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var roundtable = (await Fixture.CommandAsync(Oslo, "/api/roundtables", $$"""{"topic":"t","date":"{{date}}","hostOrgs":["{{Oslo}}"],"online":true}""", 201, "coordinator"))["roundtableId"]!;
        var noItems = await BetweenAsync();
        var item = (await Fixture.CommandAsync(Oslo, $"/api/roundtables/{roundtable}/follow-up-items", $$"""{"description":"d","dueOn":"{{date}}","ownerOrg":"{{Oslo}}"}""", 201, "coordinator"))["followUpItemId"]!;
        (await Fixture.SendAsync("GET", $"/api/roundtables/{roundtable}?asOf={Stamp(noItems)}", Fixture.Token(Dfo))).Body!["items"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", $"/api/roundtables/{roundtable}", Fixture.Token(Dfo))).Body!["items"]!.AsArray().Count.ShouldBe(1);
        await Fixture.CommandAsync(Oslo, $"/api/follow-up-items/{item}/progress", """{"note":"started","expectedVersion":1}""", 200);
        (await Fixture.SendAsync("GET", $"/api/follow-up-items/{item}?version=1", Fixture.Token(Dfo))).Body!["status"]!.GetValue<string>().ShouldBe("agreed");

        var set = (await Fixture.CommandAsync(Oslo, "/api/requirement-sets", DialogueTests.SetBody, 201, "coordinator"))["requirementSetId"]!;
        await Fixture.CommandAsync(Oslo, $"/api/requirement-sets/{set}/versions/1/publish", """{"expectedVersion":1}""", 200, "coordinator");
        (await Fixture.SendAsync("GET", $"/api/requirement-sets/{set}?version=1", Fixture.Token(Dfo))).Body!["version"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task AS4_e2e_a_dialogue_keeps_every_rejected_plan_every_extension_and_every_progress_note_with_who_and_when()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"t"}""", 201))["dialogueId"]!;
        var url = $"/api/supplier-dialogues/{dialogue}";
        var finding = (await Fixture.CommandAsync(Oslo, $"{url}/findings", """{"grade":"major","code":"WH","description":"overtime","expectedVersion":1}""", 201))["itemId"]!;
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var later = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cap = $$"""{"actions":[{"description":"cap hours","owner":"HR","dueOn":"{{due}}"}],"expectedVersion":VERSION}""";
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap", cap.Replace("VERSION", "2", StringComparison.Ordinal), 201);
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap/decision", """{"approve":false,"rationale":"too vague","expectedVersion":3}""", 200, "coordinator");
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap", cap.Replace("VERSION", "4", StringComparison.Ordinal), 201);
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap/decision", """{"approve":true,"rationale":"credible","expectedVersion":5}""", 200, "coordinator");
        var action = (await Fixture.SendAsync("GET", url, Fixture.Token(Oslo))).Body!["findings"]![0]!["plans"]![1]!["actions"]![0]!["actionId"]!;
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap/actions/{action}/extension", $$"""{"newDueOn":"{{later}}","reason":"peak season","expectedVersion":6}""", 200);
        await Fixture.CommandAsync(Oslo, $"{url}/findings/{finding}/cap/actions/{action}/progress", """{"note":"rota changed","completed":false,"expectedVersion":7}""", 200);

        var plans = (await Fixture.SendAsync("GET", url, Fixture.Token(Oslo, "auditor"))).Body!["findings"]![0]!["plans"]!.AsArray();
        plans.Select(p => p!["status"]!.GetValue<string>()).ShouldBe(["rejected", "approved"]);
        (plans[0]!["decision"]!["text"]!.GetValue<string>(), plans[0]!["decision"]!["by"]!["role"]!.GetValue<string>()).ShouldBe(("too vague", "coordinator"));
        plans[0]!["decision"]!["at"].ShouldNotBeNull();
        var kept = plans[1]!["actions"]![0]!;
        (kept["dueOn"]!.GetValue<string>(), kept["extensions"]![0]!["previousDueOn"]!.GetValue<string>(), kept["extensions"]![0]!["reason"]!.GetValue<string>())
            .ShouldBe((later, due, "peak season"));
        kept["extensions"]![0]!["by"]!["org"]!.GetValue<string>().ShouldBe(Oslo);
        (kept["progress"]![0]!["note"]!.GetValue<string>(), kept["progress"]![0]!["by"]!["name"]!.GetValue<string>().Length > 0).ShouldBe(("rota changed", true));
    }

    [Fact]
    public async Task AS5_e2e_a_case_read_from_its_snapshots_equals_the_fold_from_its_first_event_at_every_version_and_the_snapshots_rebuild_the_same()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        for (var i = 1; i <= 4; i++)
        {
            await Fixture.CommandAsync(Oslo, $"/api/suppliers/{supplier}/sites", Scenarios.SiteBody(i, $"Assembly plant {i}"), 201);
        }

        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var url = $"/api/assessments/{assessment}";
        for (var v = 1; v <= 6; v += 2)
        {
            var risk = (await Fixture.CommandAsync(Oslo, $"{url}/risks", $$"""{"code":"FL","tier":"T2","country":"CN","description":"risk {{v}}","source":"s","expectedVersion":{{v}}}""", 201))["itemId"]!;
            await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores",
                $$"""{"scale":3,"scope":3,"irremediability":{{v % 5 + 1}},"likelihood":4,"connection":"directly-linked","leverage":"medium","rationale":"desk review","expectedVersion":{{v + 1}}}""", 200);
        }

        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"t"}""", 201))["dialogueId"]!.GetValue<Guid>();
        for (var v = 1; v <= 4; v++)
        {
            await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings", $$"""{"grade":"minor","code":"WH","description":"overtime {{v}}","expectedVersion":{{v}}}""", 201);
        }

        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var snapshots = await SnapshotsAsync(supplier, assessment, dialogue);
        snapshots.Keys.ShouldBe([$"{assessment}:2", $"{assessment}:4", $"{assessment}:6", $"{dialogue}:2", $"{dialogue}:4", $"{supplier}:2", $"{supplier}:4"], ignoreOrder: true);

        var serializer = Fixture.Store.Options.Serializer();
        await using (var own = Fixture.Store.QuerySession(Oslo))
        await using (var shared = Fixture.Store.QuerySession(new Marten.Services.SessionOptions { TenantId = JasperFx.StorageConstants.DefaultTenantId, AllowAnyTenant = true }))
        {
            for (var v = 1L; v <= 7; v++)
            {
                serializer.ToJson((await CaseSnapshots.FoldAsync<AssessmentDetails>(own, assessment, v, null, default))!)
                    .ShouldBe(serializer.ToJson((await own.Events.AggregateStreamAsync<AssessmentDetails>(assessment, v))!), $"assessment version {v}");
                (await Fixture.SendAsync("GET", $"{url}?version={v}", Fixture.Token(Oslo))).Body!["version"]!.GetValue<long>().ShouldBe(v);
            }

            for (var v = 1L; v <= 5; v++)
            {
                serializer.ToJson((await CaseSnapshots.FoldAsync<SupplierDialogueDetails>(shared, dialogue, v, null, default))!)
                    .ShouldBe(serializer.ToJson((await shared.Events.AggregateStreamAsync<SupplierDialogueDetails>(dialogue, v))!), $"dialogue version {v}");
                serializer.ToJson((await CaseSnapshots.FoldAsync<SupplierDetails>(shared, supplier, v, null, default))!)
                    .ShouldBe(serializer.ToJson((await shared.Events.AggregateStreamAsync<SupplierDetails>(supplier, v))!), $"supplier version {v}");
            }
        }

        (await Fixture.SendAsync("GET", $"{url}?version=7", Fixture.Token(Dfo))).Status.ShouldBe(404, "another organisation's snapshot is not read");

        // Rewound to zero, the snapshots are written again, the same.
        var daemon = Fixture.Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(CaseSnapshotSubscription.Name, CancellationToken.None, sequenceFloor: 0);
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await SnapshotsAsync(supplier, assessment, dialogue)).ShouldBe(snapshots);
    }

    private async Task<SortedDictionary<string, string>> SnapshotsAsync(params Guid[] streams)
    {
        await using var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select stream_id, version, data::text from ethicalict.case_snapshots where stream_id = any(@s)", conn);
        cmd.Parameters.AddWithValue("s", streams);
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found[$"{reader.GetGuid(0)}:{reader.GetInt64(1)}"] = reader.GetString(2);
        }

        return found;
    }
}
