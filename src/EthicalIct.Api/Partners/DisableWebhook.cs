using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Partners;

/// <summary>Stop deliveries (they resume where they stopped when the subscription is enabled again).</summary>
public sealed record DisableWebhook(string Reason, long? ExpectedVersion = null);

public sealed record WebhookResponse(Guid SubscriptionId, long Version);

public static class DisableWebhookEndpoint
{
    public static ProblemDetails Validate(DisableWebhook command, WebhookSubscription subscription) =>
        Problems.Validation([.. Rules.Text(command.Reason, "reason", "say why deliveries stop", 500)]) ?? WebhookRules.MustBe(subscription, active: true) ?? Problems.None;

    public static WebhookDisabled Decide(DisableWebhook command, WebhookSubscription subscription, Caller caller, DateTimeOffset now) =>
        new(subscription.Id, command.Reason.Trim(), caller.Actor, now);

    /// <summary>Disable a webhook subscription (its organisation's coordinators and observers).</summary>
    [WolverinePost("/api/webhooks/{subscriptionId}/disable"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<WebhookResponse>, Events, WebhookStateChange) Post(DisableWebhook command, [WriteAggregate("subscriptionId")] WebhookSubscription subscription, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new WebhookResponse(subscription.Id, subscription.Version + 1)), [Decide(command, subscription, caller, now)],
            new WebhookStateChange(s => WebhookTables.SetDisabled(s, subscription.Id, true)));
}
