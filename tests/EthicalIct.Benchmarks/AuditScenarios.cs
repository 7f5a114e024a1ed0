using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EthicalIct.Api.Assessments;
using EthicalIct.Api.Audit;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;

namespace EthicalIct.Benchmarks;

public sealed partial class Scenarios
{
    /// <summary>
    /// P4: one assessment of N events built through the service's HTTP commands (100 risks identified, then scored again
    /// and again, each score kept in the history), then read over HTTP as of the moments its versions 100, N/2 and N−100
    /// were recorded. The service's snapshot handler has caught up first (a snapshot every 200 versions). Anchors: the
    /// same late point folded from the first event (Marten's time travel without snapshots) and the raw events to it.
    /// </summary>
    public async Task TimeTravelAsync()
    {
        var n = _settings.TimeTravelEvents;
        var id = await OpenAssessmentAsync();
        long version = 1;
        var risks = new List<Guid>();
        while (risks.Count < 100)
        {
            var identified = await IdentifyRiskAsync(id, version) ?? throw new InvalidOperationException($"IdentifyRisk failed at version {version}");
            (version, var risk) = identified;
            risks.Add(risk);
        }

        while (version < n)
        {
            using var response = await _http.PostAsync(new Uri(_api.BaseAddress, $"/api/assessments/{id}/risks/{risks[(int)(version % risks.Count)]}/scores"), new StringContent(
                $$"""{"scale":3,"scope":{{version % 5 + 1}},"irremediability":5,"likelihood":4,"connection":"directly-linked","leverage":"medium","rationale":"rescored after the follow-up","expectedVersion":{{version}}}""",
                Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            version = (await response.Content.ReadFromJsonAsync<JsonNode>())!["version"]!.GetValue<long>();
        }

        // The snapshot handler catches up: one snapshot every 200 versions.
        var expected = n / 200;
        var wait = Stopwatch.StartNew();
        while (await ScalarAsync<long>($"select count(*) from ethicalict.case_snapshots where stream_id = '{id}'") < expected)
        {
            if (wait.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"the snapshot handler did not write {expected} snapshots of the P4 case in 3 minutes");
            }

            await Task.Delay(200);
        }

        async Task<double[]> Time(Func<Task> read)
        {
            var samples = new List<double>();
            for (var i = 0; i < 25; i++)
            {
                var w = Stopwatch.StartNew();
                await read();
                samples.Add(w.Elapsed.TotalMilliseconds);
            }

            return [.. samples.Skip(5).OrderBy(x => x)];
        }

        var points = new List<(string Point, long Version, double[] Http)>();
        DateTimeOffset late = default;
        foreach (var (point, at) in new[] { ("early", 100L), ("middle", n / 2L), ("late", n - 100L) })
        {
            var recorded = await ScalarAsync<DateTime>($"select timestamp from ethicalict.mt_events where stream_id = '{id}' and version = {at}");
            late = new DateTimeOffset(DateTime.SpecifyKind(recorded, DateTimeKind.Utc));
            var url = new Uri(_api.BaseAddress, $"/api/assessments/{id}?asOf={late.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}");
            using (var check = await _http.GetAsync(url))
            {
                check.EnsureSuccessStatusCode();
                if (check.Headers.ETag?.Tag != $"\"{at}\"")
                {
                    throw new InvalidOperationException($"as of version {at}'s time the service answered {check.Headers.ETag}");
                }
            }

            points.Add((point, at, await Time(async () =>
            {
                using var response = await _http.GetAsync(url);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            })));
        }

        using var store = DocumentStore.For(o =>
        {
            o.Connection(_cs);
            o.DatabaseSchemaName = "ethicalict";
            o.AutoCreateSchemaObjects = AutoCreate.None;
            o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            o.Events.StreamIdentity = StreamIdentity.AsGuid;
            o.Events.TenancyStyle = TenancyStyle.Conjoined;
        });
        var fullFold = await Time(async () =>
        {
            await using var session = store.QuerySession(Oslo);
            _ = await session.Events.AggregateStreamAsync<AssessmentDetails>(id, timestamp: late) ?? throw new InvalidOperationException("no assessment");
        });
        var rawEvents = await Time(async () =>
        {
            await using var session = store.QuerySession(Oslo);
            _ = await session.Events.FetchStreamAsync(id, timestamp: late);
        });
        _report.AsOf = (n, points, fullFold, rawEvents);
    }

    /// <summary>
    /// P6: <c>verify</c> over every chained entry of this run (the verifier as the command runs it: events read from the
    /// store, canonical bytes, event and chain hashes, the Merkle tree, every checkpoint), against SHA-256 alone over the
    /// same canonical bytes on one core (read first, then only hashed).
    /// </summary>
    public async Task VerifyThroughputAsync()
    {
        var ordinal = Stopwatch.StartNew();
        var chained = await ScalarAsync<long>("select count(*) from ethicalict.audit_trail");
        while (await ScalarAsync<long>("select count(*) from ethicalict.mt_events where type <> 'tombstone'") > chained && ordinal.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(500);
            chained = await ScalarAsync<long>("select count(*) from ethicalict.audit_trail");
        }

        var verify = Stopwatch.StartNew();
        var result = await ChainVerifier.VerifyAsync(_npgsql, "ethicalict");
        var verifySeconds = verify.Elapsed.TotalSeconds;
        if (!result.Holds)
        {
            throw new InvalidOperationException($"verify failed on the benchmark's own log: {result.Problem}");
        }

        // The same canonical bytes, read once, then hashed alone (best of three passes).
        await using var connection = await _npgsql.OpenConnectionAsync();
        var canonical = new List<byte[]>();
        long after = 0;
        while (true)
        {
            var rows = await AuditTable.EventsAfterAsync(connection, "ethicalict", after, 10_000, CancellationToken.None);
            if (rows.Count == 0)
            {
                break;
            }

            canonical.AddRange(rows.Select(r => Canonical.Bytes(r.Event)));
            after = rows[^1].Event.Position;
        }

        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var sha = Stopwatch.StartNew();
            var h = new byte[32];
            foreach (var bytes in canonical)
            {
                SHA256.HashData(bytes, h);
            }

            best = Math.Min(best, sha.Elapsed.TotalSeconds);
        }

        _report.Verify = (result.Checked, verifySeconds, best, canonical.Sum(c => (long)c.Length), result.Checkpoints);
    }

    private Task<T> ScalarAsync<T>(string sql) => ScalarAsync<T>(_npgsql, sql);

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource npgsql, string sql)
    {
        await using var cmd = npgsql.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
