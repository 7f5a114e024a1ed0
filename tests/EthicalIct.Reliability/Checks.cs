using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace EthicalIct.Reliability;

/// <summary>A stored event of the kinds the harness sends, found by the marker its command carried.</summary>
public sealed record StoredEvent(long Sequence, Guid Stream, long Version, string Type, string Marker);

/// <summary>
/// The checks after a fault, against the ledger: the store (acknowledged = stored once; refused = not stored; no
/// effect without a command; contiguous stream versions), the audit trail (every event chained once, the chain
/// verifies), the partner channels (every visible event once per subscriber, in order per stream; nothing invisible)
/// and the views (equal to a rebuild from zero).
/// </summary>
public static class Checks
{
    public const string Schema = TestSupport.ClusterProbe.Schema;

    private const string Marker =
        "coalesce(data->>'legalName', data->>'LegalName', data->>'frameworkAgreement', data->>'FrameworkAgreement', data->>'description', data->>'Description')";

    public static async Task<List<StoredEvent>> StoredAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"select seq_id, stream_id, version, type, {Marker} from {Schema}.mt_events " +
            "where type in ('supplier_registered', 'assessment_opened', 'risk_identified') order by seq_id", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4)));
        }

        return events;
    }

    /// <summary>The store against the ledger.</summary>
    public static async Task<List<StoredEvent>> StoreAsync(string cs, Ledger ledger, string run, Result result)
    {
        var entries = ledger.Entries;
        var stored = (await StoredAsync(cs)).Where(e => e.Marker.StartsWith($"ledger-{run}-", StringComparison.Ordinal)).ToList();
        var byMarker = stored.ToLookup(e => e.Marker);
        var attempts = entries.SelectMany(e => e.Attempts).GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))}×{g.Count()}");
        var finals = entries.GroupBy(e => e.Final).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "none" : g.Key.ToString(CultureInfo.InvariantCulture))}×{g.Count()}");

        var acknowledged = entries.Where(e => e.Acknowledged).ToList();
        var lost = acknowledged.Where(e => !byMarker[e.Marker].Any()).ToList();
        var doubled = entries.Where(e => byMarker[e.Marker].Count() > 1).ToList();
        var refusedButStored = entries.Where(e => e.Refused && byMarker[e.Marker].Any()).ToList();
        var indeterminate = entries.Where(e => !e.Acknowledged && !e.Refused).ToList();
        var known = entries.Select(e => e.Marker).ToHashSet();
        var unexpected = stored.Where(e => !known.Contains(e.Marker)).ToList();
        var misplaced = acknowledged.Where(e => byMarker[e.Marker].Count() == 1 && byMarker[e.Marker].Single() is var s
            && (s.Stream != e.Stream || (e.AnsweredVersion is { } v && v != s.Version))).ToList();

        result.Add("commands sent", entries.Count);
        result.Add("acknowledged", acknowledged.Count);
        result.Add("refused (definite 4xx)", entries.Count(e => e.Refused));
        result.Add("indeterminate (no definite answer)", indeterminate.Count);
        result.Add("stored (events of the ledger's commands)", stored.Count);
        result.Add("lost (acknowledged, not stored)", lost.Count);
        result.Add("duplicated (one key, two effects)", doubled.Count);
        result.Add("refused but stored", refusedButStored.Count);
        result.Add("unexpected (stored, never sent)", unexpected.Count);
        result.Add("every attempt's status", string.Join(", ", attempts));
        result.Add("final answers", string.Join(", ", finals));
        result.Add("answer latency p50 / p99 / max (s)", Latency(acknowledged));
        result.Add("retries (attempts beyond the first)", entries.Sum(e => e.Attempts.Count - 1));

        result.Expect(lost.Count == 0, $"acknowledged but not stored: {lost.Count} ({string.Join(", ", lost.Take(5).Select(e => e.Marker))})");
        result.Expect(doubled.Count == 0, $"stored twice: {doubled.Count} ({string.Join(", ", doubled.Take(5).Select(e => $"{e.Marker} key {e.Key} ×{byMarker[e.Marker].Count()}"))})");
        result.Expect(refusedButStored.Count == 0, $"refused but stored: {refusedButStored.Count} ({string.Join(", ", refusedButStored.Take(5).Select(e => $"{e.Marker} {e.Final}"))})");
        result.Expect(unexpected.Count == 0, $"stored but never sent: {unexpected.Count}");
        result.Expect(misplaced.Count == 0, $"stored at another stream or version than answered: {misplaced.Count}");
        result.Expect(!entries.SelectMany(e => e.Attempts).Any(s => s >= 500 && s != 503), "no answer is a 5xx other than 503");

        // Every stream's versions are 1..n without a hole, and the stream row agrees.
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"select count(*) from (select e.stream_id, e.tenant_id, count(*) n, count(distinct e.version) d, min(e.version) lo, max(e.version) hi, max(s.version) sv " +
            $"from {Schema}.mt_events e join {Schema}.mt_streams s on s.id = e.stream_id and s.tenant_id = e.tenant_id where e.type <> 'tombstone' " +
            "group by e.stream_id, e.tenant_id) x where not (n = d and lo = 1 and hi = n and sv = hi)", conn);
        var holes = (long)(await cmd.ExecuteScalarAsync())!;
        await using var streams = new NpgsqlCommand($"select count(distinct stream_id) from {Schema}.mt_events where type <> 'tombstone'", conn);
        var all = (long)(await streams.ExecuteScalarAsync())!;
        result.Add("streams with versions 1..n and the stream row agreeing", $"{all - holes} of {all}");
        result.Expect(holes == 0, $"streams whose versions are not contiguous: {holes}");
        return stored;
    }

    private static string Latency(IReadOnlyList<Entry> acknowledged)
    {
        if (acknowledged.Count == 0)
        {
            return "-";
        }

        var sorted = acknowledged.Select(e => e.LatencySeconds).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Length / 2]:0.000} / {sorted[(int)(sorted.Length * 0.99)]:0.000} / {sorted[^1]:0.000}");
    }

    /// <summary>
    /// Waits until the high-water mark has reached <paramref name="target"/> (default: the newest event) and every
    /// projection and subscription the high-water mark; returns the seconds it took.
    /// </summary>
    public static async Task<double> CaughtUpAsync(string cs, TimeSpan timeout, long? target = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(
                    $"select coalesce((select max(seq_id) from {Schema}.mt_events), 0), " +
                    $"coalesce((select last_seq_id from {Schema}.mt_event_progression where name = 'HighWaterMark'), 0), " +
                    $"coalesce((select min(last_seq_id) from {Schema}.mt_event_progression where name like '%:%'), 0), " +
                    $"(select count(*) from {Schema}.mt_event_progression where name like '%:%')", conn);
                await using var reader = await cmd.ExecuteReaderAsync();
                await reader.ReadAsync();
                var (newest, mark, slowest, shards) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
                if (shards > 0 && mark >= (target ?? newest) && slowest >= Math.Min(mark, target ?? mark))
                {
                    return watch.Elapsed.TotalSeconds;
                }
            }
            catch (NpgsqlException)
            {
                // the database is coming back
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"the projections and subscriptions did not catch up within {timeout.TotalSeconds:0} s:\n{await ProgressAsync(cs)}");
            }

            await Task.Delay(200);
        }
    }

    public static async Task<string> ProgressAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select name, last_seq_id from {Schema}.mt_event_progression order by name", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add($"{reader.GetString(0)} = {reader.GetInt64(1)}");
        }

        await using var max = new NpgsqlCommand($"select max(seq_id) from {Schema}.mt_events", conn);
        await reader.CloseAsync();
        lines.Add($"newest event = {await max.ExecuteScalarAsync()}");
        return string.Join("\n", lines);
    }

    /// <summary>The audit trail holds every stored event once, its ordinals are 1..n, and <c>verify</c> passes the chain.</summary>
    public static async Task AuditAsync(string cs, Result result)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"select (select count(*) from {Schema}.mt_events where type <> 'tombstone'), (select count(*) from {Schema}.audit_trail), " +
            $"(select count(distinct position) from {Schema}.audit_trail), (select coalesce(max(ordinal), 0) from {Schema}.audit_trail), " +
            $"(select count(*) from {Schema}.mt_events e where e.type <> 'tombstone' and not exists (select 1 from {Schema}.audit_trail a where a.position = e.seq_id))", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (events, entries, distinct, ordinal, missing) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
        result.Add("audit trail: events / entries / missing / chained twice", $"{events} / {entries} / {missing} / {entries - distinct}");
        result.Expect(missing == 0, $"events missing from the audit trail: {missing}");
        result.Expect(entries == distinct, $"events chained twice: {entries - distinct}");
        result.Expect(ordinal == entries, $"audit ordinals are not 1..n (max {ordinal}, {entries} entries)");
    }

    /// <summary>Runs the service's <c>verify</c> command over the hash chain (exit code 0: intact).</summary>
    public static async Task VerifyChainAsync(string cs, Result result)
    {
        var (code, output) = await ApiCommandAsync(cs, ["verify"]);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())
            .LastOrDefault(l => l.StartsWith("OK:", StringComparison.Ordinal) || l.StartsWith("FAILED", StringComparison.Ordinal)) ?? output.Trim().Split('\n').LastOrDefault() ?? "";
        result.Add("hash chain (verify)", code == 0 ? $"intact: {last}" : $"exit {code}: {last}");
        result.Expect(code == 0, $"the hash chain does not verify: {last}");
    }

    /// <summary>Runs a command of the service (<c>dotnet EthicalIct.Api.dll …</c>) against a database.</summary>
    public static async Task<(int Code, string Output)> ApiCommandAsync(string cs, string[] args)
    {
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ConnectionStrings__Marten"] = cs;
        info.Environment["Auth__DevSigningKey"] = Node.SigningKey;
        info.Environment["Demo__Seed"] = "false";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Every partner channel against the store: for each subscriber, every visible event of the ledger's streams once
    /// (webhooks: once per <c>webhook-id</c>; a resend after a crash is counted apart), in order per stream, and no event it
    /// may not see.
    /// </summary>
    public static void Channel(string name, IReadOnlyList<Delivered> received, IReadOnlyList<StoredEvent> visible, IReadOnlyList<StoredEvent> invisible,
        Result result, bool resendsAllowed, int? maxResends = null)
    {
        var expected = visible.Select(e => e.Sequence).ToHashSet();
        var hidden = invisible.Select(e => e.Sequence).ToHashSet();
        var relevant = received.Where(d => expected.Contains(d.Position) || hidden.Contains(d.Position)).ToList();
        var seen = relevant.Select(d => d.Position).ToHashSet();
        var missing = expected.Count(p => !seen.Contains(p));
        var leaked = relevant.Count(d => hidden.Contains(d.Position));
        var resends = relevant.Count - seen.Count;
        var firsts = relevant.GroupBy(d => d.Position).Select(g => g.First()).ToList();
        var outOfOrder = firsts.GroupBy(d => d.Stream).Count(s => !s.Select(d => d.Version).SequenceEqual(s.Select(d => d.Version).Order()));
        result.Add($"{name}: visible / delivered / missing / sent again / leaked / streams out of order", $"{expected.Count} / {seen.Count} / {missing} / {resends} / {leaked} / {outOfOrder}");
        result.Expect(missing == 0, $"{name}: visible events never delivered: {missing}");
        result.Expect(leaked == 0, $"{name}: events delivered that the subscriber may not see: {leaked}");
        result.Expect(outOfOrder == 0, $"{name}: streams delivered out of order: {outOfOrder}");
        result.Expect(resendsAllowed ? resends <= (maxResends ?? int.MaxValue) : resends == 0,
            $"{name}: events delivered more than once: {resends}{(resendsAllowed ? $" (more than the {maxResends} a crash may resend)" : "")}");
    }

    /// <summary>
    /// Every view equals a rebuild from zero: the database is copied (the service stopped), every Marten projection is
    /// rebuilt in the copy (<c>projections --rebuild</c>), the subscriptions that build views (shared view, case
    /// snapshots) are rewound to zero (their progress rows removed: Marten reads a row at 0 as one to insert) and replayed by a service started on the copy; then every document table and the
    /// snapshot table are compared row by row.
    /// </summary>
    public static async Task RebuildAsync(Api.Development.LocalPostgres pg, string database, Result result)
    {
        var live = pg.ConnectionString(database);
        var copy = database + "_rebuilt";
        NpgsqlConnection.ClearAllPools();
        await Rig.RecreateDatabaseAsync(pg, copy, template: database);

        var rebuilt = pg.ConnectionString(copy);
        var watch = Stopwatch.StartNew();
        var (code, output) = await ApiCommandAsync(rebuilt, ["projections", "rebuild"]);
        if (code != 0)
        {
            result.Expect(false, $"projections rebuild failed with {code}: {string.Join("\n", output.Split('\n').TakeLast(15))}");
            return;
        }

        await using (var conn = new NpgsqlConnection(rebuilt))
        {
            await conn.OpenAsync();
            await using var rewind = new NpgsqlCommand(
                $"truncate {Schema}.{Api.Infrastructure.CaseSnapshots.TableName}; " +
                $"delete from {Schema}.mt_event_progression where name in ('{Api.SharedView.SharedViewSubscription.Name}:All', '{Api.Infrastructure.CaseSnapshotSubscription.Name}:All'); " +
                $"delete from {Schema}.webhook_progress", conn);
            await rewind.ExecuteNonQueryAsync();
        }

        await using (var replay = await Node.StartAsync(rebuilt, new Dictionary<string, string>()))
        {
            try
            {
                await CaughtUpAsync(rebuilt, TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException e)
            {
                result.Expect(false, $"the replay on the copy did not catch up: {e.Message}\n{string.Join("\n", replay.Output.Where(l => !l.Contains("\"@l\":\"Information\"", StringComparison.Ordinal)).TakeLast(30))}");
                return;
            }

            await replay.StopAsync();
        }

        result.Add("rebuild from zero (s)", watch.Elapsed.TotalSeconds);
        var finished = System.Text.RegularExpressions.Regex.Matches(output, @"Finished rebuilding (\S+)").Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        result.Add("projections rebuilt in the copy", $"{finished.Count} ({string.Join(", ", finished)})");
        var before = await DumpAsync(live);
        var after = await DumpAsync(rebuilt);
        var differing = new List<string>();
        var rows = 0;
        foreach (var table in before.Keys.Union(after.Keys).Order())
        {
            var a = before.GetValueOrDefault(table) ?? [];
            var b = after.GetValueOrDefault(table) ?? [];
            rows += a.Count;
            var diff = a.Keys.Union(b.Keys).Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k)).ToList();
            if (diff.Count > 0)
            {
                differing.Add($"{table}: {diff.Count} rows differ, e.g. {diff[0]}\n      live:    {Cut(a.GetValueOrDefault(diff[0]))}\n      rebuilt: {Cut(b.GetValueOrDefault(diff[0]))}");
            }
        }

        result.Add("views compared with the rebuild (tables / rows / differing tables)", $"{before.Count} / {rows} / {differing.Count}");
        result.Expect(differing.Count == 0, $"views differ from a rebuild from zero:\n    {string.Join("\n    ", differing)}");
    }

    private static string Cut(string? s) => s is null ? "(none)" : s.Length > 300 ? s[..300] + "…" : s;

    /// <summary>Every document table (without Marten's bookkeeping columns) and the snapshot table, row by row.</summary>
    private static async Task<Dictionary<string, Dictionary<string, string>>> DumpAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
                         $"select table_name from information_schema.tables where table_schema = '{Schema}' and (table_name like 'mt_doc_%' or table_name = '{Api.Infrastructure.CaseSnapshots.TableName}') order by 1", conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new Dictionary<string, Dictionary<string, string>>();
        foreach (var table in tables)
        {
            var rows = new Dictionary<string, string>();
            await using var cmd = new NpgsqlCommand(
                $"select (to_jsonb(t) - 'data' - 'mt_last_modified' - 'mt_version' - 'mt_dotnet_type' - 'mt_created_at' - 'mt_deleted' - 'mt_deleted_at')::text, t.data::text from {Schema}.{table} t", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetString(1);
            }

            dump[table] = rows;
        }

        return dump;
    }
}
