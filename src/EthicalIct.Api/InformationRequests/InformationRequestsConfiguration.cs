using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.InformationRequests", "Information requests",
    "Requests for information under åpenhetsloven § 6-7, received by each organisation or sent to suppliers: deadlines, extensions, routing to another party, answers and refusals, and the log with the on-time share.")]

namespace EthicalIct.Api.InformationRequests;

public static class InformationRequestsConfiguration
{
    /// <summary>
    /// Requests are the receiving organisation's own: tenanted streams, the write model an inline snapshot, the details
    /// inline (the log reads them at once). A request routed to another party is copied, for that party only, into a
    /// single-tenanted document it reads until it takes the request over in its own name.
    /// </summary>
    public static StoreOptions ConfigureInformationRequests(this StoreOptions opts)
    {
        opts.Projections.Snapshot<InformationRequest>(SnapshotLifecycle.Inline);
        opts.Projections.Add(new SingleStreamProjection<InformationRequestDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.Add(new RoutedInformationRequestProjection(), ProjectionLifecycle.Inline);
        opts.Schema.For<RoutedInformationRequest>().SingleTenanted().Index(r => r.ToOrg);
        opts.Schema.For<InformationRequestDetails>().Index(r => r.ReceivedOn);
        return opts;
    }
}
