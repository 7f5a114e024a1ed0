using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using EthicalIct.Api.Identity;
using Marten;
using Npgsql;
using Wolverine;

namespace EthicalIct.Api.Partners;

/// <summary>Deliver what a subscription has not yet received (sent by the dispatcher and as a scheduled retry; durable: a restart loses nothing).</summary>
public sealed record DeliverWebhooks(Guid SubscriptionId);

/// <summary>Deliver dead letters again (all, or the listed positions), each once, outside the subscription's order.</summary>
public sealed record ReplayWebhookDeadLetters(Guid SubscriptionId, long[]? Positions);

/// <summary>
/// The subscriptions this process has asked to deliver and not yet heard back from (the dispatcher leaves them alone
/// until the handler returns, or for <paramref name="window"/> at most: the message may have gone to another node).
/// </summary>
public sealed class WebhooksInFlight(TimeSpan window)
{
    private readonly ConcurrentDictionary<Guid, long> _since = new();
    private readonly ConcurrentDictionary<Guid, bool> _missed = new();

    /// <summary>True when the caller should send the message; otherwise the handler under way is told that more came (<see cref="TakeMissed"/>).</summary>
    public bool TryStart(Guid id)
    {
        var tick = Environment.TickCount64;
        if (_since.TryAdd(id, tick) || (_since.TryGetValue(id, out var since) && tick - since > (long)window.TotalMilliseconds && _since.TryUpdate(id, tick, since)))
        {
            return true;
        }

        _missed[id] = true;
        return false;
    }

    /// <summary>Whether the dispatcher found more to deliver while the handler was under way (then the handler reads again before it returns).</summary>
    public bool TakeMissed(Guid id) => _missed.TryRemove(id, out _);

    public void Done(Guid id)
    {
        _since.TryRemove(id, out _);
        _missed.TryRemove(id, out _);
    }
}

/// <summary>
/// Delivers a subscription's events one at a time in the feed's order (so in order per stream, and across streams):
/// each as a CloudEvent (structured mode) with the Standard Webhooks headers, signed with every secret in force. The
/// position moves only after a 2xx; a failure is retried on the schedule (a durable scheduled message), honouring
/// <c>Retry-After</c> on 429 and 503, and holds back the events after it; after the last attempt the event goes to the
/// dead-letter list and delivery goes on. 410 Gone disables the subscription (<see cref="WebhookDisabled"/>). A
/// session-level advisory lock keeps two deliverers (threads or nodes) off one subscription.
/// </summary>
public static class WebhookDeliveryHandler
{
    /// <summary>Deliveries per message before the handler hands over (fairness between subscriptions; a stopping node finishes quickly, the rest waits durably).</summary>
    private const int MaxPerMessage = 25;

    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug)]
    public static async Task Handle(DeliverWebhooks message, NpgsqlDataSource dataSource, IDocumentStore store, IHttpClientFactory clients, WebhookSettings settings,
        WebhooksInFlight inFlight, IMessageBus bus, IHostApplicationLifetime lifetime, DateTimeOffset now, ILogger<DeliverWebhooks> logger, CancellationToken cancellation)
    {
        // A stopping node stops delivering at once (Wolverine would wait for the handler): the position moves only after a
        // 2xx, so what was under way is sent again after the restart, by the dispatcher's next round.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var id = message.SubscriptionId;
        var schema = store.Options.Events.DatabaseSchemaName;
        var started = now;
        var elapsed = Stopwatch.StartNew();
        var locked = false;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            locked = await TryLockAsync(connection, id, ct);
            if (!locked)
            {
                return;
            }

            // The state is read once per message: this handler holds the subscription's lock, so only a disable, an enable
            // or a rotation changes it meanwhile, and those take effect at the next message (at most MaxPerMessage later).
            var progress = await WebhookTables.ProgressAsync(connection, schema, id, ct);
            if (progress is null || progress.Disabled || progress.NextAttemptAt > now)
            {
                return;
            }

            var client = clients.CreateClient(WebhookConfiguration.ClientName);
            var secrets = await WebhookTables.SigningSecretsAsync(connection, schema, id, now, ct);
            var filter = progress.Filter.AsFeed();
            var sent = 0;
            var delivered = new List<(long Position, string WebhookId, int Attempt, int Status, int LatencyMs, DateTimeOffset At)>();
            async Task RecordDeliveredAsync(CancellationToken token)
            {
                await WebhookTables.RecordDeliveredAsync(connection, schema, id, delivered, progress.Position, progress.CheckpointSize, token);
                delivered.Clear();
            }

            while (sent < MaxPerMessage && !ct.IsCancellationRequested)
            {
                // Checkpoints signed after the subscription passed their position come first, then a page of events with
                // the checkpoints among them (a checkpoint right after the event it ends with).
                var work = new List<object>();
                if (filter.WantsCheckpoints)
                {
                    work.AddRange(await Audit.AuditTable.CheckpointsLargerThanAsync(connection, schema, progress.CheckpointSize, progress.Position, ct));
                }

                FeedPage? page = null;
                if (work.Count < MaxPerMessage - sent)
                {
                    page = await PartnerFeed.ReadAsync(connection, schema, progress.Tenant, progress.ObserverOnly, progress.Position, MaxPerMessage - sent - work.Count, filter, ct);
                    work.AddRange(page.Ordered().Where(o => o is not Audit.AuditTable.DeliveredCheckpoint c || c.Checkpoint.TreeSize > progress.CheckpointSize));
                }

                if (work.Count == 0)
                {
                    if (page is null || page.Next <= progress.Position)
                    {
                        if (inFlight.TakeMissed(id))
                        {
                            continue; // chained meanwhile: read again rather than wait for the dispatcher's next round
                        }

                        return;
                    }

                    // Nothing visible up to the head: move on (checkpoints up to there come next).
                    await WebhookTables.ExecuteAsync(connection, $"update {schema}.{WebhookTables.Progress} set position = @p where subscription_id = @id and position < @p", ct,
                        ("p", page.Next), ("id", id));
                    progress = progress with { Position = page.Next };
                    continue;
                }

                try
                {
                    foreach (var item in work)
                    {
                        if (sent++ >= MaxPerMessage || ct.IsCancellationRequested)
                        {
                            break;
                        }

                        var checkpoint = item as Audit.AuditTable.DeliveredCheckpoint;
                        var position = checkpoint?.Checkpoint.Position ?? ((FeedItem)item).Position;
                        var webhookId = checkpoint is null ? $"evt_{position}" : $"checkpoint-{checkpoint.Checkpoint.TreeSize}";
                        var attempt = progress.Attempts + 1;
                        now = started + elapsed.Elapsed;
                        var (status, retryAfter, error, latency) = await SendAsync(client, progress, secrets, item, webhookId, settings, now, ct);
                        if (status is >= 200 and < 300)
                        {
                            delivered.Add((position, webhookId, attempt, status.Value, latency, now));
                            progress = checkpoint is null ? progress with { Position = position, Attempts = 0 } : progress with { CheckpointSize = checkpoint.Checkpoint.TreeSize, Attempts = 0 };
                            continue;
                        }

                        await RecordDeliveredAsync(ct);

                        if (status == (int)HttpStatusCode.Gone)
                        {
                            await WebhookTables.RecordAsync(connection, schema, id, position, webhookId, attempt, status, latency, error, now, ct);
                            await DisableAsync(store, progress, $"the receiver answered 410 Gone at position {position}", now, ct);
                            logger.LogWarning("Webhook subscription {SubscriptionId} disabled: the receiver answered 410 Gone", id);
                            return;
                        }

                        var wait = settings.Backoff(attempt, Random.Shared.NextDouble());
                        if (wait is null)
                        {
                            error ??= $"HTTP {status}";
                            var advance = checkpoint is null
                                ? $"update {schema}.{WebhookTables.Progress} set position = @p, attempts = 0, next_attempt_at = null where subscription_id = @id"
                                : $"update {schema}.{WebhookTables.Progress} set checkpoint_size = {checkpoint.Checkpoint.TreeSize}, attempts = 0, next_attempt_at = null where subscription_id = @id";
                            await WebhookTables.RecordAsync(connection, schema, id, position, webhookId, attempt, status, latency, error, now, ct,
                                $"insert into {schema}.{WebhookTables.DeadLetters} (subscription_id, position, webhook_id, attempts, last_status, reason, dead_at) " +
                                "values (@id, @p, @w, @a, @s, @e, @at) on conflict (subscription_id, webhook_id) do update set attempts = excluded.attempts, last_status = excluded.last_status, " +
                                "reason = excluded.reason, dead_at = excluded.dead_at, replayed_at = null, replay_status = null",
                                advance);
                            progress = checkpoint is null ? progress with { Position = position, Attempts = 0 } : progress with { CheckpointSize = checkpoint.Checkpoint.TreeSize, Attempts = 0 };
                            logger.LogWarning("Webhook delivery {WebhookId} to subscription {SubscriptionId} dead-lettered after {Attempts} attempts", webhookId, id, attempt);
                            continue;
                        }

                        var next = now + (retryAfter is { } asked && asked > wait.Value ? asked : wait.Value);
                        await WebhookTables.RecordAsync(connection, schema, id, position, webhookId, attempt, status, latency, error, now, ct,
                            $"update {schema}.{WebhookTables.Progress} set attempts = @a, next_attempt_at = '{next.ToString("O", CultureInfo.InvariantCulture)}' where subscription_id = @id");
                        await bus.ScheduleAsync(new DeliverWebhooks(id), next);
                        logger.LogWarning("Webhook delivery {WebhookId} to subscription {SubscriptionId} failed ({Status}); attempt {Attempt}, next at {Next}",
                            webhookId, id, status?.ToString(CultureInfo.InvariantCulture) ?? error, attempt, next);
                        return;
                    }
                }
                finally
                {
                    // Also when the stop cancelled a send: what was delivered before it is not sent again.
                    await RecordDeliveredAsync(CancellationToken.None);
                }
            }

            // More to send: yield to other subscriptions, then go on.
            if (!ct.IsCancellationRequested)
            {
                await bus.PublishAsync(new DeliverWebhooks(id));
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogInformation("Webhook delivery to subscription {SubscriptionId} stopped with the service; it resumes at its position after the restart", id);
        }
        finally
        {
            if (locked)
            {
                await UnlockAsync(connection, id);
            }

            inFlight.Done(id);
        }
    }

    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug)]
    public static async Task Handle(ReplayWebhookDeadLetters message, NpgsqlDataSource dataSource, IDocumentStore store, IHttpClientFactory clients, WebhookSettings settings,
        DateTimeOffset now, CancellationToken ct)
    {
        var (started, elapsed) = (now, Stopwatch.StartNew());
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var progress = await WebhookTables.ProgressAsync(connection, schema, message.SubscriptionId, ct);
        if (progress is null)
        {
            return;
        }

        var client = clients.CreateClient(WebhookConfiguration.ClientName);
        foreach (var dead in await WebhookTables.DeadLettersAsync(connection, schema, message.SubscriptionId, message.Positions, ct))
        {
            object? item = dead.WebhookId.StartsWith("checkpoint-", StringComparison.Ordinal)
                ? (await Audit.AuditTable.CheckpointsAtAsync(connection, schema, dead.Position - 1, dead.Position, ct)).FirstOrDefault()
                : (await PartnerFeed.ReadAsync(connection, schema, progress.Tenant, progress.ObserverOnly, dead.Position - 1, 1, progress.Filter.AsFeed(), ct)).Items
                    .FirstOrDefault(i => i.Position == dead.Position);
            if (item is null)
            {
                continue;
            }

            now = started + elapsed.Elapsed;
            var secrets = await WebhookTables.SigningSecretsAsync(connection, schema, message.SubscriptionId, now, ct);
            var (status, _, error, latency) = await SendAsync(client, progress, secrets, item, dead.WebhookId, settings, now, ct);
            await WebhookTables.RecordAsync(connection, schema, message.SubscriptionId, dead.Position, dead.WebhookId, dead.Attempts + 1, status, latency, error, now, ct,
                $"update {schema}.{WebhookTables.DeadLetters} set replayed_at = @at, replay_status = @s, attempts = attempts + 1 where subscription_id = @id and webhook_id = @w");
        }
    }

    private static async Task<(int? Status, TimeSpan? RetryAfter, string? Error, int LatencyMs)> SendAsync(HttpClient client, WebhookProgress progress,
        IReadOnlyList<string> secrets, object item, string webhookId, WebhookSettings settings, DateTimeOffset now, CancellationToken ct)
    {
        var payload = System.Text.Encoding.UTF8.GetString(CloudEventFormat.Single(item));
        using var request = new HttpRequestMessage(HttpMethod.Post, progress.Url) { Content = new StringContent(payload, System.Text.Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(CloudEventFormat.MediaType) { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", string.Join(' ', secrets.Select(s => new StandardWebhooks.StandardWebhook(s).Sign(webhookId, now, payload))));
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var retryAfter = response.Headers.RetryAfter is { } ra
                ? ra.Delta ?? (ra.Date is { } date ? date - now : null)
                : null;
            return ((int)response.StatusCode, retryAfter is { } r && r > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(r.Ticks, TimeSpan.FromHours(24).Ticks)) : null, null,
                (int)watch.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return (null, null, e is HttpRequestException ? e.Message : $"no answer within {settings.Timeout.TotalSeconds:0} s", (int)watch.ElapsedMilliseconds);
        }
    }

    private static async Task DisableAsync(IDocumentStore store, WebhookProgress progress, string reason, DateTimeOffset now, CancellationToken ct)
    {
        // Through FetchForWriting, so the stream's version is known: a bare Append in quick-append mode left the inline
        // views of the subscription at version 0 (found by the reliability harness: live and rebuilt views differed).
        await using var session = store.LightweightSession(progress.Tenant);
        var stream = await session.Events.FetchForWriting<WebhookSubscription>(progress.SubscriptionId, ct);
        stream.AppendOne(new WebhookDisabled(progress.SubscriptionId, reason, Actor.System, now));
        WebhookTables.SetDisabled(session, progress.SubscriptionId, true);
        await session.SaveChangesAsync(ct);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(hashtext('ethicalict-webhook:' || @id))", connection);
        cmd.Parameters.AddWithValue("id", id.ToString());
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task UnlockAsync(NpgsqlConnection connection, Guid id)
    {
        await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(hashtext('ethicalict-webhook:' || @id))", connection);
        cmd.Parameters.AddWithValue("id", id.ToString());
        await cmd.ExecuteScalarAsync(CancellationToken.None);
    }
}

/// <summary>
/// Sends <see cref="DeliverWebhooks"/> for every subscription with something due, when the audit trail has chained new
/// events (<see cref="FeedSignal"/>) and every second (retries come due, other nodes chain).
/// </summary>
public sealed class WebhookDispatcher(NpgsqlDataSource dataSource, IDocumentStore store, IServiceScopeFactory scopes, FeedSignal signal, WebhooksInFlight inFlight,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                foreach (var id in await WebhookTables.DueAsync(connection, store.Options.Events.DatabaseSchemaName, stoppingToken))
                {
                    if (inFlight.TryStart(id))
                    {
                        await bus.PublishAsync(new DeliverWebhooks(id));
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (Infrastructure.ErrorHandling.IsExpected(e))
            {
                logger.LogWarning("Webhook dispatch paused: {Reason}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }
}
