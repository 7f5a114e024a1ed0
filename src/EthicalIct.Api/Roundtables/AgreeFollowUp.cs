using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>
/// Agree a follow-up item at a roundtable: what, who owns it (one of the buyers or a registered supplier), by when
/// (not before the roundtable), and what it concerns. Its overdue check is scheduled for the day after the due date.
/// </summary>
public sealed record AgreeFollowUp(string Description, DateOnly DueOn, string? OwnerOrg = null, Guid? OwnerSupplierId = null, FollowUpLinks? Links = null);

/// <summary>What agreeing an item reads: the roundtable, a supplier owner, and which linked suppliers are registered.</summary>
public sealed record AgreeFollowUpContext(RoundtableDetails? Roundtable, SupplierDetails? Owner, IReadOnlySet<Guid> KnownSuppliers);

public static class AgreeFollowUpEndpoint
{
    public static async Task<AgreeFollowUpContext> LoadAsync(AgreeFollowUp command, Guid roundtableId, IQuerySession session, CancellationToken ct)
    {
        var linked = (command.Links?.SupplierIds ?? []).Take(100).ToArray();
        return new AgreeFollowUpContext(
            await session.LoadAsync<RoundtableDetails>(roundtableId, ct),
            command.OwnerSupplierId is { } s ? await session.LoadAsync<SupplierDetails>(s, ct) : null,
            linked.Length == 0 ? new HashSet<Guid>() : (await session.Query<SupplierDetails>().Where(x => linked.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)).ToHashSet());
    }

    public static ProblemDetails Validate(AgreeFollowUp command, AgreeFollowUpContext context, Guid roundtableId, Caller caller, PartySet parties)
    {
        if (context.Roundtable is not { } roundtable)
        {
            return Problems.NotFound($"No roundtable {roundtableId}.");
        }

        var errors = new List<FieldError>(Rules.Text(command.Description, "description", "describe the commitment"));
        if ((command.OwnerOrg is null) == (command.OwnerSupplierId is null))
        {
            errors.Add(new("ownerOrg", "give exactly one owner: ownerOrg (a participating organisation) or ownerSupplierId (a registered supplier)"));
        }
        else if (command.OwnerOrg is not null && !parties.IsParty(command.OwnerOrg))
        {
            errors.Add(new("ownerOrg", "must be one of the parties"));
        }
        else if (command.OwnerSupplierId is not null && context.Owner is null)
        {
            errors.Add(new("ownerSupplierId", "no such supplier in the registry"));
        }

        if (command.DueOn < roundtable.Date)
        {
            errors.Add(new("dueOn", $"must not be before the roundtable ({roundtable.Date:yyyy-MM-dd})"));
        }

        var links = command.Links ?? new FollowUpLinks([], [], []);
        if (links.SupplierIds.Count + links.RiskIds.Count + links.FindingIds.Count > 100)
        {
            errors.Add(new("links", "at most 100 links"));
        }

        for (var i = 0; i < links.SupplierIds.Count && i < 100; i++)
        {
            if (!context.KnownSuppliers.Contains(links.SupplierIds[i]))
            {
                errors.Add(new($"links.supplierIds[{i}]", "no such supplier in the registry"));
            }
        }

        return RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? RoundtableRules.MustNotBeCancelled(roundtable.Status)
            ?? Problems.Validation(errors)
            ?? Problems.None;
    }

    public static FollowUpAgreed Decide(AgreeFollowUp command, AgreeFollowUpContext context, Guid followUpItemId, PartySet parties, Caller caller, DateTimeOffset now)
    {
        var roundtable = context.Roundtable!;
        return new FollowUpAgreed(followUpItemId, roundtable.Id, roundtable.Date, roundtable.HostOrgs, command.Description.Trim(), command.OwnerOrg, command.OwnerSupplierId,
            context.Owner?.LegalName ?? parties.Find(command.OwnerOrg)!.ShortName, command.DueOn, command.Links ?? new FollowUpLinks([], [], []),
            caller.Actor, now);
    }

    /// <summary>Agree a follow-up item at a roundtable (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/follow-up-items"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Created<FollowUpResponse>, IStartStream, IMartenOp) Post(AgreeFollowUp command, AgreeFollowUpContext context, PartySet parties, Caller caller, DateTimeOffset now)
    {
        var agreed = Decide(command, context, Guid.CreateVersion7(now), parties, caller, now);
        return (TypedResults.Created($"/api/follow-up-items/{agreed.FollowUpItemId}", new FollowUpResponse(agreed.FollowUpItemId, 1)),
            MartenOps.StartStream<FollowUpItem>(agreed.FollowUpItemId, agreed),
            Deadlines.Schedule(Deadlines.Check(new CheckFollowUpOverdue(agreed.FollowUpItemId, agreed.DueOn), Rules.DayAfter(agreed.DueOn))));
    }
}
