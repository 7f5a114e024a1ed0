using EthicalIct.Api.Audit;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Partners;

/// <summary>
/// Subscribe an HTTPS URL to the events the caller's organisation may see (filters as the feed's); delivery starts after
/// <c>startAfter</c> (a feed cursor; 0 for the whole history; default: now).
/// </summary>
public sealed record SubscribeWebhook(string Url, string? Description = null, IReadOnlyList<string>? Types = null, IReadOnlyList<string>? StreamTypes = null,
    Guid? SupplierId = null, long? StartAfter = null);

/// <summary>The signing secret is shown here once; keep it (rotate it to get a new one).</summary>
public sealed record WebhookCreated(Guid SubscriptionId, string Secret, long StartAfter, long Version);

/// <summary>Where the subscription would start now, and whether its URL may be called.</summary>
public sealed record WebhookTarget(long Head, string? Refused);

public static class SubscribeWebhookEndpoint
{
    /// <summary>The chain's head (where "now" starts) and whether the URL's host resolves to an address the service may call.</summary>
    public static async Task<WebhookTarget> LoadAsync(SubscribeWebhook command, NpgsqlDataSource dataSource, IDocumentStore store, WebhookSettings settings, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"select coalesce(max(position), 0) from {store.Options.Events.DatabaseSchemaName}.{AuditTable.Name}", connection);
        var head = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var refused = Uri.TryCreate(command.Url?.Trim(), UriKind.Absolute, out var uri) ? (await WebhookTargets.ResolveAsync(uri.Host, settings, ct)).Refused : null;
        return new WebhookTarget(head, refused);
    }

    public static ProblemDetails Validate(SubscribeWebhook command, WebhookTarget target, WebhookSettings settings)
    {
        var (_, filterErrors) = FeedFilter.Parse(command.Types is null ? null : string.Join(',', command.Types), command.StreamTypes is null ? null : string.Join(',', command.StreamTypes),
            command.SupplierId?.ToString());
        var errors = WebhookRules.Target(command.Url, settings).ToList();
        if (errors.Count == 0 && target.Refused is not null)
        {
            errors.Add(new FieldError("url", $"refused: {target.Refused}"));
        }

        errors.AddRange(filterErrors.Select(e => e with { Field = e.Field == "type" ? "types" : e.Field == "streamType" ? "streamTypes" : "supplierId" }));
        errors.AddRange(Rules.OptionalText(command.Description, "description", 500));
        if (command.StartAfter is < 0)
        {
            errors.Add(new FieldError("startAfter", "must be 0 (the whole history) or a feed cursor"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static WebhookSubscribed Decide(SubscribeWebhook command, WebhookTarget target, Guid subscriptionId, string secretId, Caller caller, DateTimeOffset now) =>
        new(subscriptionId, command.Url.Trim(), command.Description?.Trim() ?? "",
            new WebhookFilter([.. (command.Types ?? []).Select(t => t.StartsWith(CloudEventFormat.TypePrefix, StringComparison.Ordinal) ? t[CloudEventFormat.TypePrefix.Length..] : t).Distinct()],
                [.. (command.StreamTypes ?? []).Distinct()], command.SupplierId),
            caller.Role == Role.Observer, command.StartAfter ?? target.Head, secretId, caller.Actor, now);

    /// <summary>Subscribe a webhook (coordinators, observers); the answer carries the signing secret, once.</summary>
    [WolverinePost("/api/webhooks"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    public static (Created<WebhookCreated>, IStartStream, WebhookStateChange) Post(SubscribeWebhook command, WebhookTarget target, Caller caller, DateTimeOffset now)
    {
        var secret = WebhookRules.NewSecret();
        var subscribed = Decide(command, target, Guid.CreateVersion7(now), $"sec_{Guid.CreateVersion7(now):N}", caller, now);
        return (TypedResults.Created($"/api/webhooks/{subscribed.SubscriptionId}", new WebhookCreated(subscribed.SubscriptionId, secret, subscribed.StartAfter, 1)),
            MartenOps.StartStream<WebhookSubscription>(subscribed.SubscriptionId, subscribed), new WebhookStateChange(s => WebhookTables.Create(s, subscribed, secret)));
    }
}
