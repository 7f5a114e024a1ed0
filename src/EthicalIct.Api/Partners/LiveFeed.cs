using System.Globalization;
using System.Text;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Partners;

/// <summary>
/// How often the live stream sends a heartbeat comment and asks the store when not woken, and how long one stream lasts
/// before the service ends it (the client reconnects with <c>Last-Event-ID</c>; it frees connections held by gone
/// clients): <c>Feed:HeartbeatSeconds</c> (15), <c>Feed:PollMilliseconds</c> (1000), <c>Feed:MaxStreamSeconds</c> (3600).
/// </summary>
public sealed record LiveFeedSettings(TimeSpan Heartbeat, TimeSpan Poll, TimeSpan MaxStream);

public static class LiveFeedEndpoint
{
    /// <summary>
    /// The events the caller may see, live, as Server-Sent Events (<c>text/event-stream</c>): each event is one SSE
    /// message with <c>id:</c> = its global position, <c>event:</c> = its CloudEvents type and <c>data:</c> = the
    /// CloudEvent (JSON, one line). A client that reconnects with <c>Last-Event-ID</c> (or <c>?after=</c>) gets every
    /// later visible event once, in order, with no gap; a comment line every <c>Feed:HeartbeatSeconds</c> keeps proxies
    /// open. The audit trail's signed checkpoints come in the stream too (<c>id:</c> = <c>&lt;position&gt;:&lt;tree size&gt;</c>).
    /// The same filters as the feed.
    /// </summary>
    [WolverineGet("/api/feed/live"), Allow(RoleSet.Subscribers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/event-stream")]
    public static IResult Get(HttpRequest request, Caller caller, long after = 0, string? type = null, string? streamType = null, string? supplier = null)
    {
        var (filter, errors) = FeedFilter.Parse(type, streamType, supplier);
        var cursor = after;
        var checkpoint = 0L;
        long? checkpointAt = null;
        if (request.Headers["Last-Event-ID"] is { Count: > 0 } lastEventId)
        {
            // "<position>" after an event; "<position>:<tree size>" after a checkpoint (resume with the checkpoints after it at that position).
            var parts = lastEventId.ToString().Split(':');
            if (parts.Length <= 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var resumed)
                && (parts.Length == 1 || long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out checkpoint)))
            {
                (cursor, checkpointAt) = (resumed, parts.Length == 1 ? resumed : null);
            }
            else
            {
                errors.Add(new FieldError("Last-Event-ID", "must be the id of an event this stream sent (a position)"));
            }
        }

        if (cursor < 0)
        {
            errors.Add(new FieldError("after", "must be 0 or a position from an earlier event"));
        }

        return Problems.Validation(errors) is { } problem ? Results.Problem(problem) : new EventStream(caller, cursor, checkpointAt, filter);
    }

    private sealed class EventStream(Caller caller, long after, long? checkpointAt, FeedFilter filter) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var services = http.RequestServices;
            var dataSource = services.GetRequiredService<Infrastructure.ReadStore>().DataSource;
            var schema = services.GetRequiredService<IDocumentStore>().Options.Events.DatabaseSchemaName;
            var signal = services.GetRequiredService<FeedSignal>();
            var settings = services.GetRequiredService<LiveFeedSettings>();
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            lifetime.CancelAfter(settings.MaxStream);
            var ct = lifetime.Token;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            var body = http.Response.Body;
            await body.WriteAsync("retry: 2000\n\n"u8.ToArray(), ct);
            await body.FlushAsync(ct);
            var cursor = after;
            // The heartbeat is transport timing, not business time: a monotonic stopwatch, not the service's clock.
            var sinceWrite = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    FeedPage page;
                    await using (var connection = await dataSource.OpenConnectionAsync(ct))
                    {
                        page = await PartnerFeed.ReadAsync(connection, schema, caller, cursor, 200, filter, ct);
                        if (checkpointAt is { } at && filter.WantsCheckpoints)
                        {
                            // Resumed after the event at a position: the checkpoint signed at that position (if any) came after it and was not seen.
                            page = page with { Checkpoints = [.. await Audit.AuditTable.CheckpointsAtAsync(connection, schema, at - 1, at, ct), .. page.Checkpoints ?? []] };
                        }

                        checkpointAt = null;
                    }

                    var wrote = false;
                    foreach (var item in page.Ordered())
                    {
                        // A checkpoint's id is "<position>:<tree size>", so that a client resumed after it gets the events after its position.
                        var (id, type) = item switch
                        {
                            FeedItem e => (e.Position.ToString(CultureInfo.InvariantCulture), e.Type),
                            Audit.AuditTable.DeliveredCheckpoint c => ($"{c.Checkpoint.Position}:{c.Checkpoint.TreeSize}", CloudEventFormat.CheckpointType),
                            _ => throw new InvalidOperationException(),
                        };
                        var message = new StringBuilder()
                            .Append("id: ").Append(id).Append('\n')
                            .Append("event: ").Append(CloudEventFormat.TypePrefix).Append(type).Append('\n')
                            .Append("data: ").Append(Encoding.UTF8.GetString(CloudEventFormat.Single(item))).Append("\n\n");
                        await body.WriteAsync(Encoding.UTF8.GetBytes(message.ToString()), ct);
                        wrote = true;
                    }

                    if (wrote)
                    {
                        await body.FlushAsync(ct);
                        sinceWrite.Restart();
                    }

                    // Events the caller may not see still move the cursor (the next read starts after them).
                    cursor = page.Next;
                    if (page.Items.Count == 200)
                    {
                        continue;
                    }

                    if (sinceWrite.Elapsed >= settings.Heartbeat)
                    {
                        await body.WriteAsync(": heartbeat\n\n"u8.ToArray(), ct);
                        await body.FlushAsync(ct);
                        sinceWrite.Restart();
                    }

                    await signal.WaitAsync(settings.Poll < settings.Heartbeat ? settings.Poll : settings.Heartbeat, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The client went away, or the stream reached its maximum length (the client reconnects).
            }
        }
    }
}
