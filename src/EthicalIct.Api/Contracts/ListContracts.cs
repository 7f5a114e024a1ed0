using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Contracts;

public static class ContractQueries
{
    /// <summary>The caller's organisation's contracts, newest first; filter by supplier.</summary>
    [WolverineGet("/api/contracts"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<Paged<ContractView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(IQuerySession session, CancellationToken ct, Guid? supplierId = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        if (Problems.Validation([.. Paging.Check(page, pageSize)]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = session.Query<ContractView>().AsQueryable();
        if (supplierId is { } s)
        {
            query = query.Where(c => c.SupplierId == s);
        }

        return Results.Ok(await query.OrderByDescending(c => c.RecordedAt).ToPageAsync(page, pageSize, ct));
    }
}
