using JasperFx.Events;
using Marten;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Conjoined tenancy keys streams by (tenant, id), so a blind append with another organisation's stream id would
/// silently start a second stream with that id in the caller's tenant. This listener runs before every
/// <c>SaveChanges</c> that starts a stream or appends blindly, and refuses (404, <see cref="ForeignStreamException"/>) when any of the
/// ids already exists under another tenant, including the default tenant that holds the shared registry.
/// </summary>
public sealed class ForeignStreamGuard : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        // An append that went through FetchForWriting carries the version read from this tenant's own stream, so it
        // cannot be a foreign id; only new streams and blind appends (no expected version) need the lookup.
        var streams = session.PendingChanges.Streams()
            .Where(s => s.ActionType == StreamActionType.Start || s.ExpectedVersionOnServer is null or 0)
            .ToList();
        if (streams.Count == 0)
        {
            return;
        }

        var ids = streams.Select(s => s.Id).Distinct().ToArray();
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        var owners = await session.AdvancedSql.QueryAsync<string>(
            $"select id::text || '|' || tenant_id from {schema}.mt_streams where id = ANY(?)",
            token, ids);

        foreach (var owner in owners)
        {
            var parts = owner.Split('|', 2);
            var id = Guid.Parse(parts[0]);
            var tenantOfAppend = streams.First(s => s.Id == id).TenantId ?? session.TenantId;
            if (parts[1] != tenantOfAppend)
            {
                throw new ForeignStreamException(id);
            }
        }
    }
}
