using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Suppliers;

public static class GetSupplierEndpoint
{
    /// <summary>One supplier with its production sites. The ETag is the stream version, for If-Match on commands.</summary>
    [WolverineGet("/api/suppliers/{supplierId}")]
    [ProducesResponseType<Supplier>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid supplierId, IQuerySession session, HttpResponse response, CancellationToken ct) =>
        Resources.OkWithVersion(await session.LoadAsync<Supplier>(supplierId, ct), s => s.Version, response, $"No supplier {supplierId} in the registry.");
}
