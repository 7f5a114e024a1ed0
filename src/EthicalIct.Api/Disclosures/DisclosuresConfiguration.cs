using JasperFx.Events.Projections;
using Marten;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Disclosures", "Disclosures",
    "A coordinator discloses part of a private record (a risk summary, a finding with its corrective action plan, an assessment outcome, evidence) to the parties, choosing what is shown, and may withdraw it; the copy appears in the shared view.")]

namespace EthicalIct.Api.Disclosures;

public static class DisclosuresConfiguration
{
    /// <summary>Disclosure streams belong to the disclosing organisation (tenanted); the write model is an inline snapshot. The shared copies are built by the shared view.</summary>
    public static StoreOptions ConfigureDisclosures(this StoreOptions opts)
    {
        opts.Projections.Snapshot<Disclosure>(SnapshotLifecycle.Inline);
        return opts;
    }
}
