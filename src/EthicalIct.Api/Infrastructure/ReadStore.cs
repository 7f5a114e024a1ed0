using Marten;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Where the reads that may go to a PostgreSQL standby go (docs/adr/0022): the partner feeds and live stream, the
/// audit trail, timelines, proofs and bundles, and the shared view. <c>ConnectionStrings:MartenRead</c> names the
/// standby; without it these reads use the primary like everything else. Commands, the checks their decisions read,
/// and the case pages read as of a version always use the primary.
///
/// What a reader of the standby gets: the state of the primary as replicated so far. A streaming standby is behind by
/// its replication lag (typically milliseconds, seconds under load), never ahead and never torn: every view and
/// event it shows was committed together on the primary. So a partner may read a feed page that ends a little before
/// the newest event (the cursor resumes from there on the next read), and a caller who just wrote through the
/// primary may not yet see the write in the shared view; the answer of every command says the version it wrote.
/// </summary>
public sealed class ReadStore(IDocumentStore store, NpgsqlDataSource dataSource, bool standby)
{
    public const string ConnectionStringName = "MartenRead";

    private readonly Lazy<Marten.Storage.MartenDatabase> _standby = new(() => new Marten.Storage.MartenDatabase(((DocumentStore)store).Options, dataSource, "standby"));

    /// <summary>The standby's connections when one is configured, otherwise the primary's.</summary>
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>
    /// A read-only Marten session of the organisation's on the standby (or the primary): the standby as a database of
    /// its own for the organisation's tenant, so its connections come from the standby's pool.
    /// </summary>
    public IQuerySession QuerySession(string tenant) =>
        standby ? store.QuerySession(Marten.Services.SessionOptions.ForDatabase(tenant, _standby.Value)) : store.QuerySession(tenant);
}
