using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace EthicalIct.Api.SharedView;

/// <summary>
/// One page of the events the shared view reads, handed to its Wolverine handler. <see cref="FromScratch"/> when the
/// subscription starts at the beginning of the store (first start, or rewound to zero to rebuild).
/// </summary>
public sealed record SharedViewPage(long Floor, long Ceiling, IReadOnlyList<IEvent> Events)
{
    public bool FromScratch => Floor == 0;
}

/// <summary>
/// The Marten subscription that feeds the shared view (docs/adr/0014): it sees every organisation's events of the
/// types the view reads and hands each page, in order, to <see cref="SharedViewHandler"/> through Wolverine. The
/// handler commits before the subscription records its progress; a handler that throws makes the page fail, and the
/// subscription stops there rather than skip it (the daemon pauses the agent; nothing later is applied).
/// </summary>
public sealed class SharedViewSubscription : BatchSubscription
{
    public const string Name = "shared-view";

    /// <summary>The shared view's documents are single-tenanted; its handler's session is opened for this pseudo-tenant.</summary>
    public const string Tenant = "shared-view";

    public SharedViewSubscription()
        : base(Name)
    {
        foreach (var type in SharedViewRules.EventTypes)
        {
            IncludeType(type);
        }

        Options.BatchSize = 1000;
    }

    public override Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus,
        CancellationToken cancellationToken) =>
        bus.InvokeForTenantAsync(Tenant, new SharedViewPage(page.SequenceFloor, page.SequenceCeiling, page.Events), cancellationToken);
}
