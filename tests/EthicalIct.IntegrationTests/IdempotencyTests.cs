using System.Text.Json.Nodes;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// The Idempotency-Key record is written in the command's own transaction (docs/adr/0005): a commit that fails after
/// the append stores neither the events nor the key, so the retry runs the command for the first time, once.
/// </summary>
public class IdempotencyTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Marker = "fail-at-commit";

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    /// <summary>
    /// A deferred constraint trigger that fails the COMMIT (after Marten's append and the key's record ran) the first
    /// time an event carrying <see cref="Marker"/> is committed, with a serialization failure PostgreSQL would raise
    /// for a lost race.
    /// </summary>
    private async Task FailNextCommitAsync()
    {
        await ExecuteAsync($"""
            create sequence if not exists ethicalict.test_fail_once;
            select setval('ethicalict.test_fail_once', 1, false);
            create or replace function ethicalict.test_fail_at_commit() returns trigger language plpgsql as $$
            begin
              if new.data::text like '%{Marker}%' and nextval('ethicalict.test_fail_once') = 1 then
                raise exception 'injected commit failure' using errcode = 'serialization_failure';
              end if;
              return new;
            end $$;
            drop trigger if exists test_fail_at_commit on ethicalict.mt_events;
            create constraint trigger test_fail_at_commit after insert on ethicalict.mt_events
              deferrable initially deferred for each row execute function ethicalict.test_fail_at_commit();
            """);
    }

    private Task RemoveTriggerAsync() => ExecuteAsync("drop trigger if exists test_fail_at_commit on ethicalict.mt_events");

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task a_commit_that_fails_after_the_append_on_an_existing_stream_keeps_no_key_and_the_retry_runs_once()
    {
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, await Fixture.RegisterSupplierAsync(Oslo));
        var before = await EventCountAsync();
        var body = $$"""{"code":"FL","tier":"T2","country":"CN","description":"{{Marker}}","source":"s","expectedVersion":1}""";
        await FailNextCommitAsync();
        try
        {
            var failed = await Fixture.SendAsync("POST", $"/api/assessments/{assessment}/risks", Fixture.Token(Oslo), body, Key("risk-commit-1"));
            failed.Status.ShouldBe(503, failed.Body?.ToJsonString());
            failed.Result.Context.Response.Headers.RetryAfter.ToString().ShouldBe("5");
            (await EventCountAsync()).ShouldBe(before, "the failed commit stored nothing");

            var retry = await Fixture.SendAsync("POST", $"/api/assessments/{assessment}/risks", Fixture.Token(Oslo), body, Key("risk-commit-1"));
            retry.Status.ShouldBe(201, retry.Body?.ToJsonString());
            var again = await Fixture.SendAsync("POST", $"/api/assessments/{assessment}/risks", Fixture.Token(Oslo), body, Key("risk-commit-1"));
            again.Status.ShouldBe(201);
            again.Body!.ToJsonString().ShouldBe(retry.Body!.ToJsonString());
            (await EventCountAsync()).ShouldBe(before + 1, "the retry ran the command once; the repeat replayed it");
        }
        finally
        {
            await RemoveTriggerAsync();
        }
    }

    [Fact]
    public async Task a_commit_that_fails_after_starting_a_stream_keeps_no_key_and_the_retry_starts_it_once()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var before = await EventCountAsync();
        var body = $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"{{Marker}}","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"Kari"}""";
        await FailNextCommitAsync();
        try
        {
            (await Fixture.SendAsync("POST", "/api/assessments", Fixture.Token(Oslo), body, Key("open-commit-1"))).Status.ShouldBe(503);
            (await EventCountAsync()).ShouldBe(before);

            var retry = await Fixture.SendAsync("POST", "/api/assessments", Fixture.Token(Oslo), body, Key("open-commit-1"));
            retry.Status.ShouldBe(201, retry.Body?.ToJsonString());
            var again = await Fixture.SendAsync("POST", "/api/assessments", Fixture.Token(Oslo), body, Key("open-commit-1"));
            again.Body!.ToJsonString().ShouldBe(retry.Body!.ToJsonString());
            (await EventCountAsync()).ShouldBe(before + 1, "one stream started, once");
        }
        finally
        {
            await RemoveTriggerAsync();
        }
    }
}

/// <summary>
/// The service killed after a command committed and before its answer left (Development fault injection,
/// <c>Faults:CrashAfterCommit</c>): the client's retry with the same key, to the restarted process, gets the stored
/// answer and nothing is appended twice — for a command that starts a stream and for one on an existing stream.
/// </summary>
[Collection(FaultCollection.Name)]
public class CrashAfterCommitTests
{
    [Fact]
    public async Task a_retry_after_a_crash_between_commit_and_answer_replays_the_stored_answer()
    {
        var connection = await TestDatabase.CreateAsync("crash");
        await using var service = await ServiceProcess.StartAsync(connection, new Dictionary<string, string> { ["Faults__CrashAfterCommit"] = "true" });
        var token = ServiceProcess.Token("958935420", "case-officer");

        var supplier = (await SendAsync(service, token, "/api/suppliers",
            """{"legalName":"Crash AS","roles":["reseller"],"foreignIdentifier":"TW-CRASH-1","country":"TW"}""", "register-crash", crash: false)).Body!["id"]!.GetValue<Guid>();
        var open = $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC-crash","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"Kari"}""";

        // a stream-creating command: the process dies after the commit, the client sees no answer
        await Should.ThrowAsync<HttpRequestException>(() => SendAsync(service, token, "/api/assessments", open, "open-crash", crash: true));
        await service.StartAgainAsync();
        var opened = await SendAsync(service, token, "/api/assessments", open, "open-crash", crash: false);
        opened.Status.ShouldBe(201, opened.Body?.ToJsonString());
        var assessment = opened.Body!["id"]!.GetValue<Guid>();
        (await CountAsync(connection, "select count(distinct stream_id) from ethicalict.mt_events where data::text like '%PC-crash%'")).ShouldBe(1);

        // a command on an existing stream
        var risk = """{"code":"FL","tier":"T2","country":"CN","description":"crash","source":"s","expectedVersion":1}""";
        await Should.ThrowAsync<HttpRequestException>(() => SendAsync(service, token, $"/api/assessments/{assessment}/risks", risk, "risk-crash", crash: true));
        await service.StartAgainAsync();
        var identified = await SendAsync(service, token, $"/api/assessments/{assessment}/risks", risk, "risk-crash", crash: false);
        identified.Status.ShouldBe(201, identified.Body?.ToJsonString());
        identified.Body!["version"]!.GetValue<long>().ShouldBe(2);
        (await CountAsync(connection, $"select count(*) from ethicalict.mt_events where stream_id = '{assessment}'")).ShouldBe(2);
    }

    private static async Task<long> CountAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<(int Status, JsonNode? Body)> SendAsync(ServiceProcess service, string token, string url, string json, string key, bool crash)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        if (crash)
        {
            request.Headers.Add("X-Fault", "crash-after-commit");
        }

        using var answer = await service.Client.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();
        return ((int)answer.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }
}
