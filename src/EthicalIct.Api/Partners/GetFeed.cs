using System.Globalization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Partners;

public static class GetFeedEndpoint
{
    /// <summary>
    /// A page of the events the caller may see after a cursor (the global position; 0 from the start), oldest first, as
    /// CloudEvents 1.0 in the JSON batch format. Filters: <c>type</c> and <c>streamType</c> (comma-separated),
    /// <c>supplier</c>. The next cursor is in the <c>Feed-Next</c> header and the <c>Link: rel="next"</c>; an empty page
    /// means caught up (ask again with the same cursor later).
    /// </summary>
    [WolverineGet("/api/feed"), Allow(RoleSet.Subscribers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType(typeof(object), StatusCodes.Status200OK, CloudEventFormat.BatchMediaType)]
    public static async Task<IResult> Get(ReadStore read, IDocumentStore store, Caller caller, HttpResponse response, CancellationToken ct,
        long after = 0, int limit = 100, string? type = null, string? streamType = null, string? supplier = null)
    {
        var (filter, errors) = FeedFilter.Parse(type, streamType, supplier);
        if (after < 0)
        {
            errors.Add(new FieldError("after", "must be 0 or a cursor from an earlier page"));
        }

        if (limit is < 1 or > PartnerFeed.MaxLimit)
        {
            errors.Add(new FieldError("limit", $"must be between 1 and {PartnerFeed.MaxLimit}"));
        }

        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var page = await PartnerFeed.ReadAsync(connection, store.Options.Events.DatabaseSchemaName, caller, after, limit, filter, ct);
        var next = page.Next.ToString(CultureInfo.InvariantCulture);
        response.Headers["Feed-Next"] = next;
        var query = response.HttpContext.Request.Query.Where(q => q.Key != "after").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}");
        response.Headers.Link = $"</api/feed?{string.Join('&', query.Append($"after={next}"))}>; rel=\"next\"";
        return Results.Bytes(CloudEventFormat.Batch(page.Ordered()), CloudEventFormat.BatchMediaType);
    }
}
