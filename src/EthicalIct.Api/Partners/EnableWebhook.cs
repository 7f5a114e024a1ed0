using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Partners;

/// <summary>Resume deliveries from where they stopped (after a 410 Gone, too, once the receiver is back).</summary>
public sealed record EnableWebhook(long? ExpectedVersion = null);

public static class EnableWebhookEndpoint
{
    public static ProblemDetails Validate(EnableWebhook command, WebhookSubscription subscription) => WebhookRules.MustBe(subscription, active: false) ?? Problems.None;

    public static WebhookEnabled Decide(EnableWebhook command, WebhookSubscription subscription, Caller caller, DateTimeOffset now) => new(subscription.Id, caller.Actor, now);

    /// <summary>Enable a disabled webhook subscription (its organisation's coordinators and observers).</summary>
    [WolverinePost("/api/webhooks/{subscriptionId}/enable"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<WebhookResponse>, Events, WebhookStateChange) Post(EnableWebhook command, [WriteAggregate("subscriptionId")] WebhookSubscription subscription, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new WebhookResponse(subscription.Id, subscription.Version + 1)), [Decide(command, subscription, caller, now)],
            new WebhookStateChange(s => WebhookTables.SetDisabled(s, subscription.Id, false)));
}
