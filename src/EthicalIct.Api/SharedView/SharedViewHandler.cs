using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Suppliers;
using Marten;

namespace EthicalIct.Api.SharedView;

/// <summary>
/// The Wolverine handler that builds the shared view from a page of events: it loads the documents the page touches
/// in one round trip, folds the events in order into them (<see cref="SharedViewRules.Fold"/>) and stores what changed, in one
/// transaction (Wolverine's transactional middleware). From scratch, it first clears the view.
/// </summary>
public static class SharedViewHandler
{
    /// <remarks>A failed page is reported by the daemon, which pauses the subscription; Wolverine does not log it a second time.</remarks>
    [Wolverine.Attributes.WolverineLogging(TelemetryEnabled = true, SuccessLogLevel = LogLevel.Debug, ExecutionLogLevel = LogLevel.Debug, FailureLogLevel = LogLevel.None)]
    public static async Task Handle(SharedViewPage page, IDocumentSession session, CancellationToken ct)
    {
        var state = page.FromScratch ? new SharedViewState() : await LoadAsync(page, session, ct);
        if (page.FromScratch)
        {
            session.DeleteWhere<SupplierOverview>(_ => true);
            session.DeleteWhere<SharedDisclosure>(_ => true);
            session.DeleteWhere<SharedViewLink>(_ => true);
            session.DeleteWhere<SharedPolicy>(_ => true);
            session.DeleteWhere<RegistryActivity>(_ => true);
            state.PolicyChanged = true;
        }

        foreach (var e in page.Events)
        {
            SharedViewRules.Fold(state, e);
        }

        SharedViewRules.Finish(state);

        StoreAll(session, state.ChangedOverviews.Select(id => state.Overviews[id]));
        StoreAll(session, state.ChangedDisclosures.Select(id => state.Disclosures[id]));
        StoreAll(session, state.NewLinks);
        StoreAll(session, state.Activity);
        if (state.PolicyChanged)
        {
            session.Store(state.Policy);
        }
    }

    private static void StoreAll<T>(IDocumentSession session, IEnumerable<T> documents)
        where T : notnull
    {
        var all = documents.ToArray();
        if (all.Length > 0)
        {
            session.Store(all);
        }
    }

    /// <summary>The policy, the links the page's events need, and the overviews and disclosures they touch: one batched query.</summary>
    private static async Task<SharedViewState> LoadAsync(SharedViewPage page, IDocumentSession session, CancellationToken ct)
    {
        var linkKeys = page.Events.Select(SharedViewRules.LinkNeeded).OfType<string>().Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var policy = batch.Load<SharedPolicy>(SharedPolicy.SingletonId);
        var links = batch.LoadMany<SharedViewLink>().ById(linkKeys);
        await batch.Execute(ct);

        var state = new SharedViewState { Policy = await policy ?? new SharedPolicy() };
        foreach (var link in await links)
        {
            state.Links[link.Id] = link;
        }

        var created = page.Events.Select(SharedViewRules.LinkCreated).OfType<SharedViewLink>().ToDictionary(l => l.Id, l => l, StringComparer.Ordinal);
        var known = new Dictionary<string, SharedViewLink>(state.Links, StringComparer.Ordinal);
        foreach (var (key, link) in created)
        {
            known.TryAdd(key, link);
        }

        var suppliers = page.Events.Select(e => SharedViewRules.SupplierOf(e, known)).OfType<Guid>().Distinct().ToArray();
        var withdrawn = page.Events.Where(e => e.Data is DisclosureWithdrawn).Select(e => e.StreamId).Distinct().ToArray();
        var second = session.CreateBatchQuery();
        var overviews = second.LoadMany<SupplierOverview>().ById(suppliers);
        var disclosures = second.LoadMany<SharedDisclosure>().ById(withdrawn);
        await second.Execute(ct);
        foreach (var o in await overviews)
        {
            state.Overviews[o.Id] = o;
        }

        foreach (var d in await disclosures)
        {
            state.Disclosures[d.Id] = d;
        }

        return state;
    }
}
