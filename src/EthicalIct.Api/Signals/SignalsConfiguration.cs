using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Signals", "Signals",
    "Alerts from outside sources (Electronics Watch, media, NGOs, open-source research, entity lists, worker voice) matched to the registry and triaged: dismissed, or linked to a risk, which reopens a concluded assessment.")]

namespace EthicalIct.Api.Signals;

public static class SignalsConfiguration
{
    /// <summary>
    /// Signals and entity lists are each organisation's own: tenanted streams, write models as inline snapshots, the
    /// details inline (triage reads a signal as soon as it is recorded).
    /// </summary>
    public static StoreOptions ConfigureSignals(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Signal>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<EntityList>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<SignalDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<EntityListDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Schema.For<SignalDetails>().Index(s => s.RecordedAt);
        return opts;
    }
}
