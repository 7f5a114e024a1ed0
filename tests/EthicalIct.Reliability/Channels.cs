using System.Collections.Concurrent;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

using EthicalIct.TestSupport;

namespace EthicalIct.Reliability;

/// <summary>An event as a partner channel delivered it: its position, stream and version.</summary>
public sealed record Delivered(long Position, Guid Stream, long Version, string Id);

internal static class CloudEvent
{
    /// <summary>Reads the position, stream and version of a CloudEvent (structured mode); null for a checkpoint.</summary>
    public static Delivered? Read(JsonNode e, string id)
    {
        if (e["streamid"] is not { } stream || e["position"] is not { } position)
        {
            return null;
        }

        return new Delivered(long.Parse(position.ToString(), CultureInfo.InvariantCulture), Guid.Parse(stream.ToString()),
            long.Parse(e["streamversion"]!.ToString(), CultureInfo.InvariantCulture), id);
    }
}

/// <summary>Reads the whole feed for one organisation, page by page, from position 0.</summary>
public static class FeedReader
{
    public static async Task<List<Delivered>> ReadAllAsync(Node node, string token)
    {
        var all = new List<Delivered>();
        long after = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feed?after={after}&limit=500");
            request.Headers.Authorization = new("Bearer", token);
            using var answer = await node.Client.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            var page = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsArray();
            var next = long.Parse(answer.Headers.GetValues("Feed-Next").Single(), CultureInfo.InvariantCulture);
            all.AddRange(page.Select(e => CloudEvent.Read(e!, e!["id"]!.ToString())).OfType<Delivered>());
            if (page.Count == 0 || next == after)
            {
                return all;
            }

            after = next;
        }
    }
}

/// <summary>
/// Follows the live stream (SSE) for one organisation for the whole run: reconnects with <c>Last-Event-ID</c>
/// whenever the connection ends (a killed service, a restart, the stream's own time limit).
/// </summary>
public sealed class LiveReader : IAsyncDisposable
{
    private readonly ConcurrentQueue<Delivered> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LiveReader(Node node, string token)
    {
        _loop = Task.Run(async () =>
        {
            string? last = null;
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/feed/live?after=0");
                    request.Headers.Authorization = new("Bearer", token);
                    if (last is not null)
                    {
                        request.Headers.Add("Last-Event-ID", last);
                    }

                    using var answer = await node.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
                    if (!answer.IsSuccessStatusCode)
                    {
                        await Task.Delay(500, _stop.Token);
                        continue;
                    }

                    await using var body = await answer.Content.ReadAsStreamAsync(_stop.Token);
                    await foreach (var item in SseParser.Create(body).EnumerateAsync(_stop.Token))
                    {
                        if (string.IsNullOrEmpty(item.EventId))
                        {
                            continue;
                        }

                        last = item.EventId;
                        if (CloudEvent.Read(JsonNode.Parse(item.Data)!, item.EventId) is { } delivered)
                        {
                            _received.Enqueue(delivered);
                        }
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    // the service went away or the stream was cut: reconnect after a moment
                }

                try
                {
                    await Task.Delay(300, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public IReadOnlyList<Delivered> Received => [.. _received];

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }
}

/// <summary>
/// A webhook receiver on a fixed port of 127.0.0.1 that can be taken down (connection refused) and brought back on the
/// same address; it records each request with the status it answered.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Delivered Event, int Status)> _received = new();
    private readonly int _port = ServiceLaunch.FreePort();
    private WebApplication? _app;

    public Func<Delivered, int> Answer { get; set; } = _ => 200;

    public string Url => $"http://127.0.0.1:{_port}/hook";

    public IReadOnlyList<(Delivered Event, int Status)> Received => [.. _received];

    /// <summary>The events answered with a 2xx, in arrival order.</summary>
    public IReadOnlyList<Delivered> Accepted => [.. _received.Where(r => r.Status is >= 200 and < 300).Select(r => r.Event)];

    public static async Task<Receiver> StartAsync()
    {
        var receiver = new Receiver();
        await receiver.UpAsync();
        return receiver;
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = http.Request.Headers["webhook-id"].ToString();
            var delivered = CloudEvent.Read(JsonNode.Parse(body)!, id);
            if (delivered is null)
            {
                return Results.Ok();
            }

            var status = Answer(delivered);
            _received.Enqueue((delivered, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task DownAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync() => await DownAsync();
}
