using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EthicalIct.IntegrationTests;

/// <summary>One request a test receiver got: its headers and the exact body.</summary>
public sealed record ReceivedWebhook(int Index, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredWith, DateTimeOffset At = default);

/// <summary>
/// A webhook receiver on 127.0.0.1 (a real HTTP server in the test process): it records every request and answers
/// with the status <c>answer(index)</c> gives (0-based request index).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count = -1;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Func<int, int> Answer { get; set; } = _ => 200;

    public Func<int, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>A <c>Retry-After</c> value to send with the answer to request <c>index</c> (null: none).</summary>
    public Func<int, string?> RetryAfter { get; set; } = _ => null;

    public string Url { get; private set; } = "";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received.OrderBy(r => r.Index)];

    /// <summary>The bodies answered with a 2xx.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.AnsweredWith is >= 200 and < 300)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            var index = Interlocked.Increment(ref receiver._count);
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            await Task.Delay(receiver.Delay(index));
            var status = receiver.Answer(index);
            receiver._received.Enqueue(new ReceivedWebhook(index, http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body, status,
                DateTimeOffset.UtcNow));
            if (receiver.RetryAfter(index) is { } retryAfter)
            {
                http.Response.Headers.RetryAfter = retryAfter;
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received (or fails after the timeout).</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done(Received))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{what}: after {timeout.TotalSeconds:0} s the receiver has {Received.Count} requests ({Accepted.Count} accepted)");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
