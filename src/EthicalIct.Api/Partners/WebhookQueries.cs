using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Partners;

/// <summary>A subscription with where its delivery stands.</summary>
public sealed record WebhookStatus(WebhookView Subscription, long Position, int Attempts, DateTimeOffset? NextAttemptAt);

public sealed record WebhookAttemptsPage(IReadOnlyList<WebhookAttempt> Items, long? Next);

/// <summary>Replay dead letters: the listed positions, or all when none are listed.</summary>
public sealed record ReplayDeadLetters(IReadOnlyList<long>? Positions = null);

public static class WebhookQueries
{
    /// <summary>The caller's organisation's webhook subscriptions (never their secrets) with where delivery stands.</summary>
    [WolverineGet("/api/webhooks"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<IReadOnlyList<WebhookStatus>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<WebhookStatus>> List(IQuerySession session, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var views = await session.Query<WebhookView>().OrderBy(w => w.CreatedAt).Take(1000).ToListAsync(ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var progress = await WebhookTables.ProgressAsync(connection, session.DocumentStore.Options.Events.DatabaseSchemaName, [.. views.Select(v => v.Id)], ct);
        return [.. views.Select(v => progress.GetValueOrDefault(v.Id) is { } p
            ? new WebhookStatus(v, p.Position, p.Attempts, p.NextAttemptAt)
            : new WebhookStatus(v, 0, 0, null))];
    }

    /// <summary>The delivery log of a subscription: every attempt with its status code and latency, oldest first (cursor: the attempt id).</summary>
    [WolverineGet("/api/webhooks/{subscriptionId}/deliveries"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<WebhookAttemptsPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Deliveries(Guid subscriptionId, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken ct, long after = 0, int limit = 100)
    {
        if (Problems.Validation([.. after < 0 ? [new FieldError("after", "must be 0 or a cursor from an earlier page")] : Array.Empty<FieldError>(),
                .. limit is < 1 or > 1000 ? [new FieldError("limit", "must be between 1 and 1000")] : Array.Empty<FieldError>()]) is { } problem)
        {
            return Results.Problem(problem);
        }

        if (await session.LoadAsync<WebhookView>(subscriptionId, ct) is null)
        {
            return Results.Problem(Problems.NotFound($"No webhook subscription {subscriptionId}."));
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var items = await WebhookTables.AttemptsAsync(connection, session.DocumentStore.Options.Events.DatabaseSchemaName, subscriptionId, after, limit, ct);
        return Results.Ok(new WebhookAttemptsPage(items, items.Count == limit ? items[^1].Id : null));
    }

    /// <summary>The events a subscription could not deliver after its last attempt, with when and why; replayed ones say when and how it went.</summary>
    [WolverineGet("/api/webhooks/{subscriptionId}/dead-letters"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<IReadOnlyList<WebhookDeadLetter>>(StatusCodes.Status200OK)]
    public static async Task<IResult> DeadLetters(Guid subscriptionId, IQuerySession session, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await session.LoadAsync<WebhookView>(subscriptionId, ct) is null)
        {
            return Results.Problem(Problems.NotFound($"No webhook subscription {subscriptionId}."));
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return Results.Ok(await WebhookTables.DeadLettersAsync(connection, session.DocumentStore.Options.Events.DatabaseSchemaName, subscriptionId, null, ct));
    }
}

public static class ReplayDeadLettersEndpoint
{
    /// <summary>The subscription, if the caller's organisation has it.</summary>
    public static async Task<WebhookView?> LoadAsync(Guid subscriptionId, IQuerySession session, CancellationToken ct) => await session.LoadAsync<WebhookView>(subscriptionId, ct);

    public static ProblemDetails Validate(ReplayDeadLetters command, WebhookView? subscription, Guid subscriptionId) =>
        (subscription is null ? Problems.NotFound($"No webhook subscription {subscriptionId}.") : null)
        ?? Problems.Validation(command.Positions is { Count: > 1000 } ? [new FieldError("positions", "at most 1000 positions at a time")]
            : command.Positions?.Any(p => p < 1) == true ? [new FieldError("positions", "positions are 1 or more")] : [])
        ?? Problems.None;

    /// <summary>The replay to run (a durable message: it is not an event of the record).</summary>
    public static ReplayWebhookDeadLetters Decide(ReplayDeadLetters command, WebhookView subscription, Caller caller, DateTimeOffset now) =>
        new(subscription.Id, command.Positions?.Distinct().ToArray());

    /// <summary>
    /// Deliver dead letters again, each once (202: the replay runs in the background; the dead-letter list then shows
    /// when each was replayed and the receiver's status).
    /// </summary>
    [WolverinePost("/api/webhooks/{subscriptionId}/dead-letters/replay"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    public static (Microsoft.AspNetCore.Http.HttpResults.Accepted<ReplayWebhookDeadLetters>, ReplayWebhookDeadLetters) Post(ReplayDeadLetters command, WebhookView subscription,
        Caller caller, DateTimeOffset now)
    {
        var replay = Decide(command, subscription, caller, now);
        return (TypedResults.Accepted($"/api/webhooks/{subscription.Id}/dead-letters", replay), replay);
    }
}
