using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.Partners;

/// <summary>What a webhook subscription delivers: event types, stream types (empty: all) and one supplier (null: all).</summary>
public sealed record WebhookFilter(IReadOnlyList<string> Types, IReadOnlyList<string> StreamTypes, Guid? SupplierId)
{
    public FeedFilter AsFeed() => new(Types, StreamTypes, SupplierId);
}

/// <summary>
/// A coordinator or an observer subscribed a URL to the events its organisation may see (an observer's: public-class
/// only). The signing secret is kept apart (<c>webhook_secrets</c>), by id; delivery starts after <paramref name="StartAfter"/>.
/// </summary>
public sealed record WebhookSubscribed(Guid SubscriptionId, string Url, string Description, WebhookFilter Filter, bool ObserverOnly, long StartAfter, string SecretId,
    Actor By, DateTimeOffset At);

/// <summary>A new signing secret; the previous one keeps signing too until <paramref name="PreviousValidUntil"/> (both signatures are sent meanwhile).</summary>
public sealed record WebhookSecretRotated(Guid SubscriptionId, string SecretId, DateTimeOffset PreviousValidUntil, Actor By, DateTimeOffset At);

/// <summary>Deliveries stopped: by the subscriber, or because the receiver answered 410 Gone (by the system).</summary>
public sealed record WebhookDisabled(Guid SubscriptionId, string Reason, Actor By, DateTimeOffset At);

/// <summary>Deliveries resume from where they stopped.</summary>
public sealed record WebhookEnabled(Guid SubscriptionId, Actor By, DateTimeOffset At);

/// <summary>A webhook subscription (a stream of the subscribing organisation's own): what its decisions read.</summary>
public sealed class WebhookSubscription : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public bool Active { get; set; }

    public string SecretId { get; set; } = "";

    public static WebhookSubscription Create(WebhookSubscribed e) => new() { Id = e.SubscriptionId, Active = true, SecretId = e.SecretId };

    public void Apply(WebhookSecretRotated e) => SecretId = e.SecretId;

    public void Apply(WebhookDisabled e) => Active = false;

    public void Apply(WebhookEnabled e) => Active = true;
}

/// <summary>A subscription as its organisation reads it (never the secret).</summary>
public sealed class WebhookView
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Url { get; set; } = "";

    public string Description { get; set; } = "";

    public WebhookFilter Filter { get; set; } = new([], [], null);

    public bool ObserverOnly { get; set; }

    public bool Active { get; set; }

    public string? DisabledReason { get; set; }

    public string SecretId { get; set; } = "";

    public DateTimeOffset? PreviousSecretValidUntil { get; set; }

    public Actor CreatedBy { get; set; } = Actor.System;

    public DateTimeOffset CreatedAt { get; set; }

    public static WebhookView Create(WebhookSubscribed e) => new()
    {
        Id = e.SubscriptionId, Url = e.Url, Description = e.Description, Filter = e.Filter, ObserverOnly = e.ObserverOnly, Active = true, SecretId = e.SecretId,
        CreatedBy = e.By, CreatedAt = e.At,
    };

    public void Apply(WebhookSecretRotated e) => (SecretId, PreviousSecretValidUntil) = (e.SecretId, e.PreviousValidUntil);

    public void Apply(WebhookDisabled e) => (Active, DisabledReason) = (false, e.Reason);

    public void Apply(WebhookEnabled e) => (Active, DisabledReason) = (true, null);
}

/// <summary>The pure rules of webhook subscriptions.</summary>
public static class WebhookRules
{
    public static IEnumerable<FieldError> Target(string? url, WebhookSettings settings)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            yield return new FieldError("url", "must be an absolute https URL");
            yield break;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && settings.IsAllowListed(uri.Host)))
        {
            yield return new FieldError("url", "must use https (plain http only for hosts allow-listed in Webhooks:AllowedHosts)");
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            yield return new FieldError("url", "must not carry credentials or a fragment");
        }
    }

    /// <summary>The subscription must be active (<paramref name="active"/>) or disabled.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? MustBe(WebhookSubscription subscription, bool active) =>
        subscription.Active == active
            ? null
            : Problems.Conflict(active ? "The subscription is disabled; enable it first." : "The subscription is active already.",
                new Dictionary<string, object?> { ["field"] = "subscriptionId" });

    /// <summary>A new signing secret in the Standard Webhooks form: <c>whsec_</c> and 32 random bytes in base64.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
