using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EthicalIct.Api.Development;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EthicalIct.Benchmarks;

public sealed partial class Scenarios
{
    /// <summary>
    /// P5: IdentifyRisk at 100 commands/s (open loop) while a webhook subscription (a receiver in this process on
    /// 127.0.0.1) and a live SSE client follow <c>risk_identified</c>: from each command's acknowledgement to the
    /// receiver's 2xx and to the SSE client's arrival. Then a feed page of 500 read from the start of the store and from
    /// near its head, at the store's size after the earlier runs.
    /// </summary>
    public async Task PartnerDeliveryAsync()
    {
        var webhook = new ConcurrentDictionary<string, DateTimeOffset>();
        var sse = new ConcurrentDictionary<string, DateTimeOffset>();
        static string? KeyOf(string cloudEvent)
        {
            using var json = JsonDocument.Parse(cloudEvent);
            return json.RootElement.TryGetProperty("streamid", out var s) && json.RootElement.TryGetProperty("streamversion", out var v) ? $"{s.GetString()}:{v.GetInt64()}" : null;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            if (KeyOf(await reader.ReadToEndAsync()) is { } key)
            {
                webhook.TryAdd(key, DateTimeOffset.UtcNow);
            }

            return Results.Ok();
        });
        await receiver.StartAsync();
        var url = receiver.Urls.Single().TrimEnd('/') + "/hook";
        using (var subscribe = new HttpRequestMessage(HttpMethod.Post, new Uri(_api.BaseAddress, "/api/webhooks"))
        {
            Content = new StringContent($$"""{"url":"{{url}}","description":"benchmark","types":["risk_identified"]}""", Encoding.UTF8, "application/json"),
        })
        {
            subscribe.Headers.Authorization = new("Bearer", _coordinatorToken);
            (await _http.SendAsync(subscribe)).EnsureSuccessStatusCode();
        }

        using var stop = new CancellationTokenSource();
        var head = await ScalarAsync<long>("select coalesce(max(position), 0) from ethicalict.audit_trail");
        var listener = Task.Run(async () =>
        {
            var after = head;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_api.BaseAddress, $"/api/feed/live?type=risk_identified&after={after}"));
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                    var parser = SseParser.Create(stream);
                    await foreach (var item in parser.EnumerateAsync(stop.Token))
                    {
                        if (KeyOf(item.Data) is { } key)
                        {
                            sse.TryAdd(key, DateTimeOffset.UtcNow);
                        }

                        after = long.TryParse(parser.LastEventId, out var p) ? p : after;
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
        });

        var pool = new ConcurrentQueue<(Guid Id, long Version)>(await OpenAssessmentsAsync(200));
        var acked = new ConcurrentDictionary<string, DateTimeOffset>();
        var duration = _settings.LagDuration / 2;
        var (latency, _) = await Load.OpenLoopAsync("IdentifyRisk at 100/s (P5)", 100, duration, async () =>
        {
            if (!pool.TryDequeue(out var stream))
            {
                return null;
            }

            var result = await IdentifyRiskAsync(stream.Id, stream.Version);
            pool.Enqueue(result is null ? stream : (stream.Id, result.Value.Version));
            if (result is { } r)
            {
                acked[$"{stream.Id}:{r.Version}"] = DateTimeOffset.UtcNow;
            }

            return result?.Risk;
        });

        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(90) && acked.Keys.Any(k => !webhook.ContainsKey(k) || !sse.ContainsKey(k)))
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await listener;
        double[] Lags(ConcurrentDictionary<string, DateTimeOffset> seen) =>
            [.. acked.Where(a => seen.ContainsKey(a.Key)).Select(a => Math.Max(0, (seen[a.Key] - a.Value).TotalMilliseconds)).OrderBy(x => x)];

        // A feed page of 500 from the start of the store and from near its head (as Oslo's case officer).
        var stored = await ScalarAsync<long>("select count(*) from ethicalict.audit_trail");
        var last = await ScalarAsync<long>("select coalesce(max(position), 0) from ethicalict.audit_trail");
        _report.Partner = (latency, Lags(webhook), Lags(sse), acked.Count, stored, await TimeFeedPagesAsync(_http, _api.BaseAddress, 0),
            await TimeFeedPagesAsync(_http, _api.BaseAddress, Math.Max(0, last - 2000)));
        await receiver.StopAsync();
    }

    /// <summary>25 reads of a feed page of 500 after the cursor; the last 20 (sorted, ms).</summary>
    private static async Task<double[]> TimeFeedPagesAsync(HttpClient http, Uri baseAddress, long after)
    {
        var samples = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var w = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(baseAddress, $"/api/feed?after={after}&limit=500"));
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            samples.Add(w.Elapsed.TotalMilliseconds);
        }

        return [.. samples.Skip(5).OrderBy(x => x)];
    }

    /// <summary>
    /// P5 at scale: the service's own store filled up to <see cref="Settings.FeedScaleEvents"/> events (the shared-view
    /// seed: contracts, dialogues, disclosures, follow-up items of the three), the service started again and left to chain
    /// them into the audit trail, then a feed page of 500 from the start and from near the head, as in the run at ~100k.
    /// </summary>
    public static async Task FeedAtScaleAsync(string cs, string root, Settings settings, Report report)
    {
        using var store = ServiceStore(cs);
        await using var npgsql = NpgsqlDataSource.Create(cs);
        var stored = await ScalarAsync<long>(npgsql, "select count(*) from ethicalict.mt_events where type <> 'tombstone'");
        var seeding = Stopwatch.StartNew();
        if (stored < settings.FeedScaleEvents)
        {
            await SeedSharedAsync(store, (int)(settings.FeedScaleEvents - stored));
        }

        var seedSeconds = seeding.Elapsed.TotalSeconds;
        var target = await ScalarAsync<long>(npgsql, "select coalesce(max(seq_id), 0) from ethicalict.mt_events");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var clock = Stopwatch.StartNew();
        await using var api = await StartServiceAsync(cs, ApiDirectory(root));
        await TimeCatchUpAsync(npgsql, "audit-trail%", target, clock, limit.Token);
        var chainSeconds = clock.Elapsed.TotalSeconds;
        var chained = await ScalarAsync<long>(npgsql, "select count(*) from ethicalict.audit_trail");
        var last = await ScalarAsync<long>(npgsql, "select coalesce(max(position), 0) from ethicalict.audit_trail");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Create(SigningKey, Oslo, "case-officer", lifetime: TimeSpan.FromHours(1)));
        report.FeedAtScale = (chained, await TimeFeedPagesAsync(http, api.BaseAddress, 0), await TimeFeedPagesAsync(http, api.BaseAddress, Math.Max(0, last - 2000)),
            seedSeconds, chainSeconds);
    }
}
