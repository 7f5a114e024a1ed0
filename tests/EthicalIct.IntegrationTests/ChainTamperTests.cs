using Alba;
using EthicalIct.Api.Audit;
using EthicalIct.Api.Development;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md AUD3: stored events edited in SQL are found by the verifier at the first bad position, and readiness
/// reports it; an untouched log raises no alarm. A host and a database of its own, because the test tampers with them.
/// </summary>
public sealed class ChainTamperTests : IAsyncLifetime
{
    private const string Oslo = "958935420";
    private IAlbaHost _host = null!;
    private string _connection = "";
    private Guid _supplier;

    public async Task InitializeAsync()
    {
        _connection = await TestDatabase.CreateAsync("chaintamper");
        _host = await AppFixture.StartHostAsync(_connection, new CapturedLogs(), settings: new Dictionary<string, string> { ["Audit:VerifyEverySeconds"] = "1", ["Audit:CheckpointEvery"] = "2" });
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    private string Token(string role = "coordinator") => DevTokens.Create(_host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, Oslo, role);

    private async Task<string> PostAsync(string url, string json, int status)
    {
        var result = await _host.Scenario(s =>
        {
            s.Post.Text(json).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Token());
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsTextAsync();
    }

    private async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private Task<Verification> VerifyAsync() => ChainVerifier.VerifyAsync(_host.Services.GetRequiredService<NpgsqlDataSource>(), "ethicalict");

    private async Task<long> PositionOfAsync(string type)
    {
        await using var conn = new NpgsqlConnection(_connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select min(seq_id) from ethicalict.mt_events where type = '{type}'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<string> ReadinessAsync()
    {
        var result = await _host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.IgnoreStatusCode();
        });
        return await result.ReadAsTextAsync();
    }

    /// <summary>A supplier, an assessment with two risks and a decision between them (six events); answers the assessment.</summary>
    private async Task<Guid> SeedAsync()
    {
        var supplier = _supplier = System.Text.Json.Nodes.JsonNode.Parse(await PostAsync("/api/suppliers", Scenarios.RegisterBody(), 201))!["id"]!.GetValue<Guid>();
        var assessment = System.Text.Json.Nodes.JsonNode.Parse(await PostAsync("/api/assessments",
            $$"""{"supplierId":"{{supplier}}","frameworkAgreement":"PC-2026","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"Kari"}""", 201))!["id"]!.GetValue<Guid>();
        await PostAsync($"/api/assessments/{assessment}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"d","source":"s","expectedVersion":1}""", 201);
        await PostAsync($"/api/assessments/{assessment}/decisions", """{"kind":"request-audit","rationale":"Indicators need an audit","expectedVersion":2}""", 201);
        await PostAsync($"/api/assessments/{assessment}/risks", """{"code":"WH","tier":"T2","country":"CN","description":"d2","source":"s","expectedVersion":3}""", 201);
        return assessment;
    }

    [Fact]
    public async Task AUD3_e2e_every_kind_of_edit_is_named_at_its_first_position_and_an_untouched_log_verifies()
    {
        var assessment = await SeedAsync();
        await _host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var clean = await VerifyAsync();
        clean.Holds.ShouldBeTrue(clean.Problem);
        clean.Checked.ShouldBeGreaterThanOrEqualTo(5);
        var decision = await PositionOfAsync("decision_recorded");
        var firstRisk = await PositionOfAsync("risk_identified");

        async Task ExpectFirstBadAsync(string tamper, string undo, long position, string what)
        {
            await SqlAsync(tamper);
            var result = await VerifyAsync();
            result.Holds.ShouldBeFalse(what);
            result.Position.ShouldBe(position, $"{what}: {result.Problem}");
            await SqlAsync(undo);
            (await VerifyAsync()).Holds.ShouldBeTrue($"after undoing {what}");
        }

        await ExpectFirstBadAsync(
            $"update ethicalict.mt_events set data = jsonb_set(data, '{{rationale}}', '\"No audit needed\"') where seq_id = {decision}",
            $"update ethicalict.mt_events set data = jsonb_set(data, '{{rationale}}', '\"Indicators need an audit\"') where seq_id = {decision}", decision, "edited data");
        await ExpectFirstBadAsync(
            $"update ethicalict.mt_events set timestamp = timestamp - interval '1 day' where seq_id = {decision}",
            $"update ethicalict.mt_events set timestamp = timestamp + interval '1 day' where seq_id = {decision}", decision, "changed time");
        await ExpectFirstBadAsync(
            $"alter table ethicalict.mt_events disable trigger all; update ethicalict.mt_events set tenant_id = '986252932' where seq_id = {decision}; " +
            "alter table ethicalict.mt_events enable trigger all",
            $"alter table ethicalict.mt_events disable trigger all; update ethicalict.mt_events set tenant_id = '{Oslo}' where seq_id = {decision}; " +
            "alter table ethicalict.mt_events enable trigger all", decision, "changed organisation");
        await ExpectFirstBadAsync(
            $"update ethicalict.mt_events set seq_id = -1 where seq_id = {firstRisk}; update ethicalict.mt_events set seq_id = {firstRisk} where seq_id = {decision}; " +
            $"update ethicalict.mt_events set seq_id = {decision} where seq_id = -1",
            $"update ethicalict.mt_events set seq_id = -1 where seq_id = {firstRisk}; update ethicalict.mt_events set seq_id = {firstRisk} where seq_id = {decision}; " +
            $"update ethicalict.mt_events set seq_id = {decision} where seq_id = -1", firstRisk, "two positions swapped");
        await ExpectFirstBadAsync(
            $"create table ethicalict.saved_event as select * from ethicalict.mt_events where seq_id = {decision}; delete from ethicalict.mt_events where seq_id = {decision}",
            $"insert into ethicalict.mt_events select * from ethicalict.saved_event; drop table ethicalict.saved_event", decision, "deleted event");

        // Readiness reports a chain that stopped verifying (the background check runs every second here).
        await SqlAsync($"update ethicalict.mt_events set data = jsonb_set(data, '{{rationale}}', '\"No audit needed\"') where seq_id = {decision}");
        var readiness = "";
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(10) && !readiness.Contains("\"chain\":{\"status\":\"Unhealthy\"", StringComparison.Ordinal); await Task.Delay(200))
        {
            readiness = await ReadinessAsync();
        }

        readiness.ShouldContain("\"chain\":{\"status\":\"Unhealthy\"");
        readiness.ShouldContain($"position {decision}");
    }

    private async Task<System.Text.Json.Nodes.JsonNode> GetAsync(string url)
    {
        var result = await _host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(Token("auditor"));
        });
        return System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!;
    }

    private static Checkpoint Parse(System.Text.Json.Nodes.JsonNode c) =>
        new(c["treeSize"]!.GetValue<long>(), c["position"]!.GetValue<long>(), c["merkleRoot"]!.GetValue<string>(), c["chainHead"]!.GetValue<string>(),
            c["at"]!.GetValue<DateTimeOffset>(), c["keyId"]!.GetValue<string>(), c["signature"]!.GetValue<string>());

    [Fact]
    public async Task AUD6_e2e_checkpoints_are_signed_proofs_verify_and_a_history_rewritten_and_resigned_by_the_operator_fails_against_a_kept_checkpoint()
    {
        var assessment = await SeedAsync();
        await PostAsync($"/api/assessments/{assessment}/risks", """{"code":"HS","tier":"T2","country":"CN","description":"d3","source":"s","expectedVersion":4}""", 201);
        await _host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        // The published key checks every checkpoint; the party keeps the one at size 4.
        var key = await _host.Scenario(s => s.Get.Url("/.well-known/ethicalict-checkpoint-key"));
        var publicKey = Convert.FromBase64String(System.Text.Json.Nodes.JsonNode.Parse(await key.ReadAsTextAsync())!["publicKey"]!.GetValue<string>());
        var checkpoints = (await GetAsync("/api/audit/checkpoints")).AsArray().Select(c => Parse(c!)).ToList();
        checkpoints.Select(c => c.TreeSize).ShouldContain(4);
        checkpoints.ShouldAllBe(c => CheckpointSigner.Verify(c, publicKey));
        CheckpointSigner.Verify(checkpoints[0] with { MerkleRoot = new string('0', 64) }, publicKey).ShouldBeFalse();
        var kept = checkpoints.Single(c => c.TreeSize == 4);
        var latest = checkpoints[^1];
        var verified = await ChainVerifier.VerifyAsync(_host.Services.GetRequiredService<NpgsqlDataSource>(), "ethicalict", publicKey: publicKey);
        (verified.Holds, verified.Checkpoints).ShouldBe((true, checkpoints.Count), verified.Problem);

        // Inclusion of the decision in the kept tree; the latest tree extends the kept one.
        var decision = await PositionOfAsync("decision_recorded");
        var inclusion = await GetAsync($"/api/audit/proofs/inclusion?position={decision}&treeSize=4");
        MerkleTree.VerifyInclusion(MerkleTree.LeafHash(Convert.FromHexString(inclusion["eventHash"]!.GetValue<string>())), inclusion["leafIndex"]!.GetValue<long>(), 4,
            [.. inclusion["proof"]!.AsArray().Select(p => Convert.FromHexString(p!.GetValue<string>()))], Convert.FromHexString(kept.MerkleRoot)).ShouldBeTrue();
        var consistency = await GetAsync($"/api/audit/proofs/consistency?first=4&second={latest.TreeSize}");
        MerkleTree.VerifyConsistency(4, latest.TreeSize, Convert.FromHexString(kept.MerkleRoot), Convert.FromHexString(latest.MerkleRoot),
            [.. consistency["proof"]!.AsArray().Select(p => Convert.FromHexString(p!.GetValue<string>()))]).ShouldBeTrue();

        // The assessment's evidence bundle verifies offline with the published key; DFØ cannot have Oslo's.
        var bundle = await _host.Scenario(s =>
        {
            s.Get.Url($"/api/audit/bundles/{assessment}");
            s.WithBearerToken(Token("auditor"));
        });
        var bytes = bundle.Context.Response.Body is MemoryStream ms ? ms.ToArray() : System.Text.Encoding.UTF8.GetBytes(await bundle.ReadAsTextAsync());
        var offline = Bundles.Verify(bytes, Convert.ToBase64String(publicKey));
        offline.Holds.ShouldBeTrue(offline.Message);
        offline.Message.ShouldStartWith($"case {assessment}: 1 case, 5 events and 0 files verified");
        bytes[bytes.Length / 2] ^= 0x01;
        Bundles.Verify(bytes).Holds.ShouldBeFalse();
        await _host.Scenario(s =>
        {
            s.Get.Url($"/api/audit/bundles/{assessment}");
            s.WithBearerToken(DevTokens.Create(_host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, "986252932", "auditor"));
            s.StatusCodeShouldBe(404);
        });

        // The supplier's bundle spans its registry record and the assessment for Oslo; for DFØ only the registry record.
        foreach (var (org, expected) in new[] { (Oslo, "2 cases, 6 events"), ("986252932", "1 case, 1 events") })
        {
            var supplierBundle = await _host.Scenario(s =>
            {
                s.Get.Url($"/api/suppliers/{_supplier}/bundle");
                s.WithBearerToken(DevTokens.Create(_host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, org, "auditor"));
            });
            var supplierBytes = supplierBundle.Context.Response.Body is MemoryStream sms ? sms.ToArray() : System.Text.Encoding.UTF8.GetBytes(await supplierBundle.ReadAsTextAsync());
            var result = Bundles.Verify(supplierBytes, Convert.ToBase64String(publicKey));
            result.Holds.ShouldBeTrue(result.Message);
            result.Message.ShouldStartWith($"supplier {_supplier}: {expected}");
        }

        // Every checkpoint reaches the partner feed with the consistency proof from the one before it: a party that
        // kept the first checks each newer one against the last it kept.
        var feed = await _host.Scenario(s =>
        {
            s.Get.Url("/api/feed?type=audit_checkpoint&limit=1000");
            s.WithBearerToken(DevTokens.Create(_host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, "986252932", "auditor"));
        });
        var delivered = System.Text.Json.Nodes.JsonNode.Parse(await feed.ReadAsTextAsync())!.AsArray().Select(e => e!["data"]!).ToList();
        delivered.Select(d => d["treeSize"]!.GetValue<long>()).ShouldBe(checkpoints.Select(c => c.TreeSize));
        for (var i = 1; i < delivered.Count; i++)
        {
            var (before, after) = (delivered[i - 1], delivered[i]);
            after["previousTreeSize"]!.GetValue<long>().ShouldBe(before["treeSize"]!.GetValue<long>());
            MerkleTree.VerifyConsistency(before["treeSize"]!.GetValue<long>(), after["treeSize"]!.GetValue<long>(),
                Convert.FromHexString(before["merkleRoot"]!.GetValue<string>()), Convert.FromHexString(after["merkleRoot"]!.GetValue<string>()),
                [.. after["consistencyProof"]!.AsArray().Select(p => Convert.FromHexString(p!.GetValue<string>()))]).ShouldBeTrue($"checkpoint {i}");
        }

        // DFØ's coordinator witnesses the checkpoint at size 4 (stating what it checked); a wrong root is refused.
        await _host.Scenario(s =>
        {
            s.Post.Text($$"""{"merkleRoot":"{{kept.MerkleRoot}}","chainHead":"{{kept.ChainHead}}"}""").ToUrl("/api/audit/checkpoints/4/witness");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(DevTokens.Create(_host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, "986252932", "coordinator"));
            s.StatusCodeShouldBe(201);
        });
        await _host.Scenario(s =>
        {
            s.Post.Text($$"""{"merkleRoot":"{{new string('0', 64)}}","chainHead":"{{kept.ChainHead}}"}""").ToUrl("/api/audit/checkpoints/4/witness");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Token());
            s.StatusCodeShouldBe(409);
        });
        (await GetAsync("/api/audit/witnesses")).AsArray().Single()!["by"]!["org"]!.GetValue<string>().ShouldBe("986252932");
        (await ChainVerifier.VerifyAsync(_host.Services.GetRequiredService<NpgsqlDataSource>(), "ethicalict", publicKey: publicKey)).Witnessed!.ShouldBe(["4: 986252932"]);

        // The operator rewrites the decision and rebuilds the chain and its checkpoints, re-signed with the service's own key:
        // the log verifies against its own checkpoints, but not against the checkpoint the party kept and witnessed.
        await SqlAsync($"update ethicalict.mt_events set data = jsonb_set(data, '{{rationale}}', '\"No audit needed\"') where seq_id = {decision}");
        var daemon = _host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(AuditSubscription.Name, CancellationToken.None, sequenceFloor: 0);
        await _host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var afterRewrite = await ChainVerifier.VerifyAsync(_host.Services.GetRequiredService<NpgsqlDataSource>(), "ethicalict", publicKey: publicKey);
        afterRewrite.Holds.ShouldBeFalse("the witness's checkpoint no longer matches");
        afterRewrite.Problem!.ShouldContain("986252932 witnessed");
        var rewritten = (await GetAsync("/api/audit/checkpoints")).AsArray().Select(c => Parse(c!)).ToList();
        rewritten.Single(c => c.TreeSize == 4).MerkleRoot.ShouldNotBe(kept.MerkleRoot);
        var newest = rewritten[^1];
        var forged = await GetAsync($"/api/audit/proofs/consistency?first=4&second={newest.TreeSize}");
        MerkleTree.VerifyConsistency(4, newest.TreeSize, Convert.FromHexString(kept.MerkleRoot), Convert.FromHexString(newest.MerkleRoot),
            [.. forged["proof"]!.AsArray().Select(p => Convert.FromHexString(p!.GetValue<string>()))]).ShouldBeFalse("the kept checkpoint exposes the rewrite");
    }
}
