using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EthicalIct.Reliability;

/// <summary>What a command was: a new supplier (shared registry stream), a new assessment (private stream), a risk appended to an assessment.</summary>
public enum Kind
{
    Supplier,
    Assessment,
    Risk,
}

/// <summary>
/// One command as the client saw it: its request id, Idempotency-Key, stream and expected version, the marker that
/// finds its effect in the store, every attempt's status (0: no answer) and the final answer. A command is
/// <i>acknowledged</i> (2xx), <i>refused</i> (a definite 4xx) or <i>indeterminate</i> (no definite answer before the
/// client gave up).
/// </summary>
public sealed class Entry
{
    public required int Id { get; init; }

    public required string Key { get; init; }

    public required Kind Kind { get; init; }

    public required string Marker { get; init; }

    public Guid? Stream { get; set; }

    public long? ExpectedVersion { get; init; }

    public List<int> Attempts { get; } = [];

    public int Final { get; set; }

    public string? Response { get; set; }

    public long? AnsweredVersion { get; set; }

    public double SentAtSeconds { get; set; }

    public double LatencySeconds { get; set; }

    public bool Acknowledged => Final is >= 200 and < 300;

    public bool Refused => Final is >= 400 and < 500;
}

/// <summary>The ledger of a run: every command sent, written to a JSON-lines file as well.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private int _next;

    public IReadOnlyList<Entry> Entries => [.. _entries.OrderBy(e => e.Id)];

    public Entry New(Kind kind, Guid? stream, long? expectedVersion, string run)
    {
        var id = Interlocked.Increment(ref _next);
        var entry = new Entry { Id = id, Key = Guid.NewGuid().ToString("N"), Kind = kind, Marker = $"ledger-{run}-{id}", Stream = stream, ExpectedVersion = expectedVersion };
        _entries.Enqueue(entry);
        return entry;
    }

    public async Task WriteAsync(string path)
    {
        await using var file = File.CreateText(path);
        foreach (var e in Entries)
        {
            await file.WriteLineAsync(JsonSerializer.Serialize(new
            {
                requestId = e.Id, idempotencyKey = e.Key, kind = e.Kind.ToString(), marker = e.Marker, stream = e.Stream, expectedVersion = e.ExpectedVersion,
                attempts = e.Attempts, status = e.Final, version = e.AnsweredVersion, sentAt = e.SentAtSeconds, latency = e.LatencySeconds, response = e.Response,
            }));
        }
    }
}

/// <summary>
/// Drives commands at a constant arrival rate (open loop: a command starts on its tick whether or not earlier ones
/// have been answered), from one client per organisation's case officer. A client retries a command with the same
/// Idempotency-Key and body until it gets a definite answer (no answer, 5xx and an Idempotency-Key still in flight are
/// retried) or gives up after <see cref="GiveUpAfter"/>. Appends go to assessments no other command is using, with the
/// version the client last saw.
/// </summary>
public sealed class Driver(Node node, Ledger ledger, string run)
{
    private static readonly string Oslo = "958935420";
    private readonly string _token = Node.Token(Oslo, "case-officer");
    private readonly ConcurrentQueue<(Guid Id, long Version)> _idle = new();
    private readonly ConcurrentBag<Task> _inFlight = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Guid _supplier;

    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Share of appends sent twice at once with the same expected version (two keys): one wins, the other's transaction rolls back.</summary>
    public double RaceShare { get; init; }

    /// <summary>
    /// Sends one more new assessment, carrying <c>X-Fault: crash-after-commit</c> on its first attempt: the service
    /// commits it, then dies before answering; the client retries with the same key until it gets an answer.
    /// </summary>
    public Task SendCrashingAsync() => SendAsync(ledger.New(Kind.Assessment, null, null, run), crash: true);

    public int Sent { get; private set; }

    private int _noRetryAfter;
    private int _timedOut;

    /// <summary>503 answers without a <c>Retry-After</c> header.</summary>
    public int NoRetryAfter => _noRetryAfter;

    /// <summary>Requests that got no answer within the client's 30 s (a request that hung).</summary>
    public int TimedOut => _timedOut;

    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>Registers the supplier the assessments are about (outside the ledger).</summary>
    public async Task PrepareAsync()
    {
        var entry = ledger.New(Kind.Supplier, null, null, run);
        await RunAsync(entry, null);
        if (!entry.Acknowledged)
        {
            throw new InvalidOperationException($"could not register the harness's supplier: {entry.Final} {entry.Response}");
        }

        _supplier = entry.Stream!.Value;
    }

    /// <summary>Sends <paramref name="count"/> commands at <paramref name="perSecond"/>, then waits for every answer.</summary>
    public async Task RunAsync(int count, double perSecond, CancellationToken stop = default)
    {
        var start = _clock.Elapsed;
        var random = new Random(count);
        for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / perSecond);
            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, CancellationToken.None);
            }

            Sent++;
            var roll = random.NextDouble();
            if (roll < 0.1)
            {
                _inFlight.Add(SendAsync(ledger.New(Kind.Supplier, null, null, run), false));
            }
            else if (roll < 0.35 || !_idle.TryDequeue(out var stream))
            {
                _inFlight.Add(SendAsync(ledger.New(Kind.Assessment, null, null, run), false));
            }
            else if (random.NextDouble() < RaceShare)
            {
                var a = ledger.New(Kind.Risk, stream.Id, stream.Version, run);
                var b = ledger.New(Kind.Risk, stream.Id, stream.Version, run);
                _inFlight.Add(RaceAsync(a, b));
            }
            else
            {
                _inFlight.Add(SendAsync(ledger.New(Kind.Risk, stream.Id, stream.Version, run), false));
            }
        }

        await Task.WhenAll(_inFlight);
    }

    private async Task SendAsync(Entry entry, bool crash)
    {
        await RunAsync(entry, crash ? Api.Development.FaultInjection.CrashAfterCommit : null);
        Release(entry);
    }

    private async Task RaceAsync(Entry a, Entry b)
    {
        await Task.WhenAll(RunAsync(a, null), RunAsync(b, null));
        var winner = a.Acknowledged ? a : b;
        if (winner.Acknowledged)
        {
            Release(winner);
        }
        else if (a.Final == 409 && b.Final == 409)
        {
            // both lost to an earlier answer that never reached the client: read the stream's version and go on
            _idle.Enqueue((a.Stream!.Value, await VersionAsync(a.Stream!.Value)));
        }
    }

    private void Release(Entry entry)
    {
        if (entry is { Acknowledged: true, Kind: Kind.Assessment or Kind.Risk, AnsweredVersion: { } v })
        {
            _idle.Enqueue((entry.Stream!.Value, v));
        }
    }

    private async Task<long> VersionAsync(Guid assessment)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessments/{assessment}");
                request.Headers.Authorization = new("Bearer", _token);
                using var answer = await node.Client.SendAsync(request);
                if (answer.IsSuccessStatusCode)
                {
                    return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["version"]!.GetValue<long>();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"could not read assessment {assessment}");
    }

    private (string Url, string Body) Request(Entry e) => e.Kind switch
    {
        Kind.Supplier => ("/api/suppliers",
            $$"""{"legalName":"{{e.Marker}}","roles":["manufacturer"],"foreignIdentifier":"TW-{{e.Marker}}","country":"TW"}"""),
        Kind.Assessment => ("/api/assessments",
            $$"""{"supplierId":"{{_supplier}}","frameworkAgreement":"{{e.Marker}}","productCategories":["laptop"],"periodFrom":"2026-01-01","periodTo":"2026-12-31","responsibleCaseOfficer":"Kari"}"""),
        _ => ($"/api/assessments/{e.Stream}/risks",
            $$"""{"code":"FL","tier":"T2","country":"CN","description":"{{e.Marker}}","source":"reliability harness","expectedVersion":{{e.ExpectedVersion}}}"""),
    };

    /// <summary>Sends one command until it has a definite answer, with the same key and body each time.</summary>
    private async Task RunAsync(Entry entry, string? fault)
    {
        var (url, body) = Request(entry);
        entry.SentAtSeconds = Now;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var status = 0;
            string? text = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new("Bearer", _token);
                request.Headers.Add("Idempotency-Key", entry.Key);
                if (fault is not null && entry.Attempts.Count == 0)
                {
                    request.Headers.Add(Api.Development.FaultInjection.Header, fault);
                }

                using var answer = await node.Client.SendAsync(request);
                status = (int)answer.StatusCode;
                text = await answer.Content.ReadAsStringAsync();
                if (status == (int)HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is null)
                {
                    Interlocked.Increment(ref _noRetryAfter);
                }
            }
            catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
            {
                Interlocked.Increment(ref _timedOut);
                status = 0;
                text = "timeout";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                status = 0;
                text = e.GetType().Name;
            }

            lock (entry.Attempts)
            {
                entry.Attempts.Add(status);
            }

            var inFlight = status == (int)HttpStatusCode.Conflict && text?.Contains("\"field\":\"Idempotency-Key\"", StringComparison.Ordinal) == true;
            if (status is >= 200 and < 300 || (status is >= 400 and < 500 && !inFlight))
            {
                entry.Final = status;
                entry.Response = text;
                entry.LatencySeconds = Now - entry.SentAtSeconds;
                if (status is >= 200 and < 300 && text is not null)
                {
                    var json = JsonNode.Parse(text)!;
                    entry.Stream ??= (json["id"] ?? json["assessmentId"])!.GetValue<Guid>();
                    entry.AnsweredVersion = json["version"]?.GetValue<long>();
                }

                return;
            }

            if (Now - entry.SentAtSeconds > GiveUpAfter.TotalSeconds)
            {
                entry.Final = status;
                entry.Response = text;
                entry.LatencySeconds = Now - entry.SentAtSeconds;
                return;
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }
}
