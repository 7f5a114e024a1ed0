using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Partners;

/// <summary>Issue a new signing secret; the current one keeps signing alongside it for <c>overlapHours</c> (default 24, at most 168).</summary>
public sealed record RotateWebhookSecret(double? OverlapHours = null, long? ExpectedVersion = null);

public sealed record WebhookSecretIssued(Guid SubscriptionId, string Secret, DateTimeOffset PreviousValidUntil, long Version);

public static class RotateWebhookSecretEndpoint
{
    public static ProblemDetails Validate(RotateWebhookSecret command) =>
        Problems.Validation(command.OverlapHours is < 0 or > 168 ? [new FieldError("overlapHours", "must be between 0 and 168 hours")] : []) ?? Problems.None;

    public static WebhookSecretRotated Decide(RotateWebhookSecret command, WebhookSubscription subscription, string secretId, Caller caller, DateTimeOffset now) =>
        new(subscription.Id, secretId, now + TimeSpan.FromHours(command.OverlapHours ?? 24), caller.Actor, now);

    /// <summary>Rotate the signing secret (the subscribing organisation's coordinators and observers).</summary>
    [WolverinePost("/api/webhooks/{subscriptionId}/secret"), Allow(RoleSet.SubscriptionManagers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<WebhookSecretIssued>, Events, WebhookStateChange) Post(RotateWebhookSecret command, [WriteAggregate("subscriptionId")] WebhookSubscription subscription, Caller caller,
        DateTimeOffset now)
    {
        var secret = WebhookRules.NewSecret();
        var rotated = Decide(command, subscription, $"sec_{Guid.CreateVersion7(now):N}", caller, now);
        var previous = subscription.SecretId;
        return (TypedResults.Ok(new WebhookSecretIssued(subscription.Id, secret, rotated.PreviousValidUntil, subscription.Version + 1)), [rotated],
            new WebhookStateChange(s => WebhookTables.Rotate(s, rotated, previous, secret)));
    }
}
