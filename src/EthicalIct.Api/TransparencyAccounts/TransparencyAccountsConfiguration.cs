using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.TransparencyAccounts", "Transparency accounts",
    "Each organisation's annual account under åpenhetsloven § 5: part (a) drafted, the figures of parts (b) and (c) taken from the record at approval, publication by 30 June, exported as JSON and an accessible HTML document.")]

namespace EthicalIct.Api.TransparencyAccounts;

public static class TransparencyAccountsConfiguration
{
    /// <summary>Accounts are each organisation's own: tenanted streams, the write model an inline snapshot, the details inline.</summary>
    public static StoreOptions ConfigureTransparencyAccounts(this StoreOptions opts)
    {
        opts.Projections.Snapshot<TransparencyAccount>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<TransparencyAccountDetails, Guid>(), ProjectionLifecycle.Inline);
        return opts;
    }
}
