using Marten.Events.Daemon.Coordination;

namespace EthicalIct.Api.SharedView;

/// <summary>Rebuilds the shared view from zero: rewinds its subscription to the first event; the handler's first page then clears the view.</summary>
public sealed class SharedViewMaintenance(IProjectionCoordinator coordinator)
{
    public Task RebuildAsync(CancellationToken ct) =>
        coordinator.DaemonForMainDatabase().RewindSubscriptionAsync(SharedViewSubscription.Name, ct, sequenceFloor: 0);
}
