using Wolverine;
using Wolverine.RabbitMQ;

namespace EthicalIct.Api.Partners;

/// <summary>
/// Partner deliveries through RabbitMQ (docs/adr/0022). With <c>ConnectionStrings:RabbitMq</c> set (an AMQP URI), the
/// delivery messages (<see cref="DeliverWebhooks"/>, <see cref="ReplayWebhookDeadLetters"/>) go to one durable queue that
/// every node consumes: any node delivers, and a node lost mid-delivery loses nothing (the message was stored in the
/// sending node's outbox until the broker confirmed it, and the broker gives an unacknowledged message to another
/// consumer; the subscription's position moves only after a 2xx). Without it they go to Wolverine's durable local queue
/// of the node that sent them, stored in PostgreSQL, as before.
/// </summary>
public static class PartnerBroker
{
    public const string ConnectionStringName = "RabbitMq";

    public const string Queue = "ethicalict-partner-deliveries";

    public static bool IsConfigured(IConfiguration configuration) => configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 };

    public static WebApplicationBuilder AddPartnerBroker(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ConnectionStringName) is not { Length: > 0 } address)
        {
            return builder;
        }

        builder.Services.ConfigureWolverine(opts =>
        {
            opts.UseRabbitMq(new Uri(address)).AutoProvision();
            opts.PublishMessage<DeliverWebhooks>().ToRabbitQueue(Queue).UseDurableOutbox();
            opts.PublishMessage<ReplayWebhookDeadLetters>().ToRabbitQueue(Queue).UseDurableOutbox();
            opts.ListenToRabbitQueue(Queue).UseDurableInbox();
        });
        return builder;
    }
}
