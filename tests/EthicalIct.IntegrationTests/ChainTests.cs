using EthicalIct.Api.Audit;
using EthicalIct.Api.Contracts;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using Marten;
using Marten.Events;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, "Audit trail and hash chain", end to end on the shared host.</summary>
public class ChainTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task AUD2_e2e_concurrent_appends_with_rolled_back_transactions_and_out_of_order_commits_leave_a_chain_without_gaps()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        string[] orgs = [Oslo, Dfo, Sykehusinnkjop];
        var rolledBack = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 4), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (writer, ct) =>
        {
            var random = new Random(writer);
            for (var i = 0; i < 30; i++)
            {
                var org = orgs[(writer + i) % 3];
                await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
                await conn.OpenAsync(ct);
                await using var tx = await conn.BeginTransactionAsync(ct);
                var options = SessionOptions.ForTransaction(tx);
                options.TenantId = org;
                await using var session = Fixture.Store.LightweightSession(options);
                var id = Guid.CreateVersion7();
                var by = new Actor(org, "writer", "Writer", "case-officer");
                session.Events.StartStream<Contract>(id, new ContractRecorded(id, supplier, "PC 2026", ProductCategory.Laptop, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31),
                    1_000_000m + i, by, DateTimeOffset.UtcNow));
                await session.SaveChangesAsync(ct);
                await Task.Delay(random.Next(0, 15), ct); // commits land out of sequence order
                if (i % 5 == 4)
                {
                    await tx.RollbackAsync(ct); // its sequence number stays a hole
                    Interlocked.Increment(ref rolledBack);
                }
                else
                {
                    await tx.CommitAsync(ct);
                }
            }
        });
        rolledBack.ShouldBe(24);
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var stored = await ScalarAsync("select count(*) from ethicalict.mt_events where type <> 'tombstone'");
        (await ScalarAsync("select count(*) from ethicalict.audit_trail")).ShouldBe(stored, "every committed event is chained once");
        (await ScalarAsync("select max(ordinal) from ethicalict.audit_trail")).ShouldBe(stored, "ordinals run 1..n without a gap");
        (await ScalarAsync("select count(distinct position) from ethicalict.audit_trail")).ShouldBe(stored);
        (await ScalarAsync("select max(seq_id) from ethicalict.mt_events")).ShouldBeGreaterThan(stored, "the rolled-back transactions left holes in the sequence");
        var verified = await ChainVerifier.VerifyAsync(Host.Services.GetRequiredService<NpgsqlDataSource>(), "ethicalict");
        verified.Holds.ShouldBeTrue(verified.Problem);
        verified.Checked.ShouldBe(stored);
    }

    [Fact]
    public async Task AUD4_e2e_the_audit_trail_shows_each_organisation_its_own_and_the_shared_events_with_who_and_a_cursor()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        await Fixture.CommandAsync(Dfo, "/api/contracts",
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC 2026","category":"laptop","periodFrom":"2026-01-01","periodTo":"2027-12-31","annualValueNok":1000000}""", 201);
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var (_, mine, _) = await Fixture.SendAsync("GET", "/api/audit-trail", Fixture.Token(Oslo, "auditor"));
        var types = mine!["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        types.ShouldBe(["supplier_registered", "assessment_opened", "contract_recorded"]);
        var opened = mine["items"]![1]!;
        (opened["organisation"]!.GetValue<string>(), opened["role"]!.GetValue<string>(), opened["streamId"]!.GetValue<Guid>()).ShouldBe((Oslo, "case-officer", assessment));
        opened["summary"]!.GetValue<string>().ShouldContain("assessment opened");
        opened["chainHash"]!.GetValue<string>().Length.ShouldBe(64);

        var (_, theirs, _) = await Fixture.SendAsync("GET", "/api/audit-trail", Fixture.Token(Dfo, "auditor"));
        theirs!.ToJsonString().ShouldNotContain($"{assessment}", customMessage: "Oslo's private assessment is not in DFØ's audit trail");
        var page = (await Fixture.SendAsync("GET", "/api/audit-trail?limit=1&type=contract_recorded", Fixture.Token(Dfo, "auditor"))).Body!;
        page["items"]!.AsArray().Single()!["organisation"]!.GetValue<string>().ShouldBe(Dfo);
        var next = page["next"]!.GetValue<long>();
        (await Fixture.SendAsync("GET", $"/api/audit-trail?limit=1&type=contract_recorded&after={next}", Fixture.Token(Dfo))).Body!["items"]!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", "/api/audit-trail?from=yesterday", Fixture.Token(Dfo))).Status.ShouldBe(400);
        (await Fixture.SendAsync("GET", "/api/audit-trail?limit=0", Fixture.Token(Dfo))).Status.ShouldBe(400);
    }
}

/// <summary>EventModel.md AUD9: a case's timeline, under the case's own access rule.</summary>
public class TimelineTests(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task AUD9_e2e_a_case_timeline_lists_its_events_with_who_and_the_evidence_each_registers_or_cites_and_only_for_whom_may_see_the_case()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var url = $"/api/assessments/{assessment}";
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), "timeline evidence"u8.ToArray(), "text/plain");
        var sha = file!["sha256"]!.GetValue<string>();
        var evidence = (await Fixture.CommandAsync(Oslo, $"{url}/evidence",
            $$"""{"title":"Audit report 2026","kind":"audit-report","receivedOn":"2026-10-01","source":"RBA VAP","accessClass":"exempt","legalBasis":"offl. § 13 jf. fvl. § 13 første ledd nr. 2","sha256":"{{sha}}","fileName":"audit.txt","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"{url}/decisions", $$"""{"kind":"request-audit","rationale":"see the report","evidenceIds":["{{evidence}}"],"expectedVersion":2}""", 201, "coordinator");
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"t"}""", 201))["dialogueId"]!.GetValue<Guid>();
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var timeline = (await Fixture.SendAsync("GET", $"/api/cases/{assessment}/timeline", Fixture.Token(Oslo, "auditor"))).Body!;
        var items = timeline["items"]!.AsArray();
        items.Select(i => i!["entry"]!["type"]!.GetValue<string>()).ShouldBe(["assessment_opened", "evidence_registered", "decision_recorded"]);
        items[2]!["entry"]!["role"]!.GetValue<string>().ShouldBe("coordinator");
        items[1]!["evidence"]![0]!["sha256"]!.GetValue<string>().ShouldBe(sha);
        items[2]!["evidence"]![0]!["title"]!.GetValue<string>().ShouldBe("Audit report 2026");
        (await Fixture.SendAsync("GET", $"/api/cases/{assessment}/timeline", Fixture.Token(Dfo, "auditor"))).Status.ShouldBe(404);
        (await Fixture.SendAsync("GET", $"/api/cases/{dialogue}/timeline", Fixture.Token(Dfo, "auditor"))).Status.ShouldBe(404, "not a participant");
        (await Fixture.SendAsync("GET", $"/api/cases/{dialogue}/timeline", Fixture.Token(Oslo))).Status.ShouldBe(200);
        (await Fixture.SendAsync("GET", $"/api/cases/{supplier}/timeline?limit=1", Fixture.Token(Dfo))).Body!["next"]!.GetValue<long>().ShouldBeGreaterThan(0);
        (await Fixture.SendAsync("GET", $"/api/cases/{supplier}/timeline?limit=0", Fixture.Token(Dfo))).Status.ShouldBe(400);
    }

    [Fact]
    public async Task AUD10_e2e_a_supplier_timeline_spans_its_cases_with_evidence_links_and_shows_each_party_only_what_it_may_see()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var url = $"/api/assessments/{assessment}";
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), "supplier timeline evidence"u8.ToArray(), "text/plain");
        var sha = file!["sha256"]!.GetValue<string>();
        var evidence = (await Fixture.CommandAsync(Oslo, $"{url}/evidence",
            $$"""{"title":"Worker interviews","kind":"audit-report","receivedOn":"2026-10-01","source":"Electronics Watch","accessClass":"exempt","legalBasis":"offl. § 13 jf. fvl. § 13 første ledd nr. 2","sha256":"{{sha}}","fileName":"interviews.txt","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"{url}/decisions", $$"""{"kind":"request-audit","rationale":"see the interviews","evidenceIds":["{{evidence}}"],"expectedVersion":2}""", 201, "coordinator");
        var disclosure = (await Fixture.CommandAsync(Oslo, $"{url}/evidence/{evidence}/disclosures", """{"showFile":true}""", 201, "coordinator"))["disclosureId"]!.GetValue<Guid>();
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Working hours"}""", 201))["dialogueId"]!.GetValue<Guid>();
        var unrelated = await Fixture.OpenAssessmentAsync(Oslo, await Fixture.RegisterSupplierAsync(Oslo, "Beta Mobil AS", "934567897"));
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        // Oslo reads every case of its own: the registry record, the assessment with its evidence and decision, the disclosure, the dialogue.
        var oslo = (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/timeline", Fixture.Token(Oslo, "auditor"))).Body!;
        var items = oslo["items"]!.AsArray();
        items.Select(i => i!["entry"]!["type"]!.GetValue<string>()).ShouldBe(
            ["supplier_registered", "assessment_opened", "evidence_registered", "decision_recorded", "evidence_disclosed", "supplier_dialogue_opened"]);
        items.Select(i => i!["entry"]!["ordinal"]!.GetValue<long>()).ShouldBeInOrder();
        items.ShouldNotContain(i => i!["entry"]!["streamId"]!.GetValue<Guid>() == unrelated);
        oslo["cases"]!.GetValue<int>().ShouldBe(4);
        var link = items[2]!["evidence"]![0]!["download"]!.GetValue<string>();
        link.ShouldBe($"/api/assessments/{assessment}/evidence/{evidence}/file");
        items[3]!["evidence"]![0]!["sha256"]!.GetValue<string>().ShouldBe(sha, "the decision cites the evidence");
        var bytes = await Fixture.Host.Scenario(s =>
        {
            s.Get.Url(link);
            s.WithBearerToken(Fixture.Token(Oslo, "auditor"));
        });
        (await bytes.ReadAsTextAsync()).ShouldBe("supplier timeline evidence");

        // DFØ sees the registry record and the disclosure (with the disclosure's own download), not Oslo's private assessment
        // nor the dialogue's opening beyond its shared class.
        var dfo = (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/timeline", Fixture.Token(Dfo, "auditor"))).Body!["items"]!.AsArray();
        dfo.Select(i => i!["entry"]!["type"]!.GetValue<string>()).ShouldBe(["supplier_registered", "evidence_disclosed", "supplier_dialogue_opened"]);
        dfo[1]!["evidence"]![0]!["download"]!.GetValue<string>().ShouldBe($"/api/disclosures/{disclosure}/file");
        dfo.ShouldNotContain(i => i!["entry"]!["streamId"]!.GetValue<Guid>() == assessment);

        // Cursor paging walks the same lines; bad cursors and an unknown supplier are refused.
        var page = (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/timeline?limit=4", Fixture.Token(Oslo))).Body!;
        var rest = (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/timeline?limit=4&after={page["next"]!.GetValue<long>()}", Fixture.Token(Oslo))).Body!;
        page["items"]!.AsArray().Concat(rest["items"]!.AsArray()).Select(i => i!["entry"]!["position"]!.GetValue<long>())
            .ShouldBe(items.Select(i => i!["entry"]!["position"]!.GetValue<long>()));
        rest["next"].ShouldBeNull();
        (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}/timeline?after=-1", Fixture.Token(Oslo))).Status.ShouldBe(400);
        (await Fixture.SendAsync("GET", $"/api/suppliers/{Guid.NewGuid()}/timeline", Fixture.Token(Oslo))).Status.ShouldBe(404);
    }
}
