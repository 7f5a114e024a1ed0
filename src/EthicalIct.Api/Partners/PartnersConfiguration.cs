using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Wolverine.Marten;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Partners", "Partner channels",
    "What a party or an observer may see, as CloudEvents: a feed with cursors, a live Server-Sent Events stream that resumes without gaps, and signed webhooks with retries, a delivery log and dead letters.")]

namespace EthicalIct.Api.Partners;

public static class WebhookConfiguration
{
    public const string ClientName = "webhooks";

    /// <summary>Webhook subscriptions are streams of the subscribing organisation; their delivery state lives in the webhook tables.</summary>
    public static StoreOptions ConfigurePartners(this StoreOptions opts)
    {
        opts.Projections.Snapshot<WebhookSubscription>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<WebhookView, Guid>(), ProjectionLifecycle.Inline);
        opts.Schema.For<ReminderView>().SingleTenanted().Index(r => r.Org).Index(r => r.CaseId);
        foreach (var table in WebhookTables.Definitions(opts.DatabaseSchemaName))
        {
            opts.Storage.ExtendedSchemaObjects.Add(table);
        }

        return opts;
    }

    /// <summary>The feed's wake-up signal, the live stream's and the webhooks' settings, the delivery client (SSRF-guarded) and the dispatcher.</summary>
    public static WebApplicationBuilder AddEthicalIctPartners(this WebApplicationBuilder builder)
    {
        var settings = WebhookSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<FeedSignal>();
        // Through a broker a message may be handled on another node, which cannot tell this one it is done: a short
        // window then (a second message meanwhile finds the subscription locked and returns at once).
        builder.Services.AddSingleton(new WebhooksInFlight(PartnerBroker.IsConfigured(builder.Configuration) ? TimeSpan.FromSeconds(2) : TimeSpan.FromMinutes(1)));
        builder.Services.AddSingleton(new LiveFeedSettings(TimeSpan.FromSeconds(builder.Configuration.GetValue("Feed:HeartbeatSeconds", 15.0)),
            TimeSpan.FromMilliseconds(builder.Configuration.GetValue("Feed:PollMilliseconds", 1000.0)),
            TimeSpan.FromSeconds(builder.Configuration.GetValue("Feed:MaxStreamSeconds", 3600.0))));
        builder.Services.AddHttpClient(ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).ConfigurePrimaryHttpMessageHandler(() => WebhookTargets.Handler(settings));
        builder.Services.AddHostedService<WebhookDispatcher>();
        builder.Services.SubscribeToEvents(new ReminderSubscription());
        return builder.AddPartnerBroker();
    }
}
