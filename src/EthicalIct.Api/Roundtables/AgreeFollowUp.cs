using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
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

public static class AgreeFollowUpDecision
{
    public static IReadOnlyList<FieldError> Validate(AgreeFollowUp cmd, Roundtable roundtable, Supplier? ownerSupplier, IReadOnlySet<Guid> knownSuppliers)
    {
        var errors = new List<FieldError>(Rules.Text(cmd.Description, "description", "describe the commitment"));
        if ((cmd.OwnerOrg is null) == (cmd.OwnerSupplierId is null))
        {
            errors.Add(new("ownerOrg", "give exactly one owner: ownerOrg (one of the three) or ownerSupplierId (a registered supplier)"));
        }
        else if (cmd.OwnerOrg is not null && !Organisations.Organisations.IsParticipant(cmd.OwnerOrg))
        {
            errors.Add(new("ownerOrg", "must be one of the three organisations"));
        }
        else if (cmd.OwnerSupplierId is not null && ownerSupplier is null)
        {
            errors.Add(new("ownerSupplierId", "no such supplier in the registry"));
        }

        if (cmd.DueOn < roundtable.Date)
        {
            errors.Add(new("dueOn", $"must not be before the roundtable ({roundtable.Date:yyyy-MM-dd})"));
        }

        var suppliers = cmd.Links?.SupplierIds ?? [];
        for (var i = 0; i < suppliers.Count; i++)
        {
            if (!knownSuppliers.Contains(suppliers[i]))
            {
                errors.Add(new($"links.supplierIds[{i}]", "no such supplier in the registry"));
            }
        }

        return errors;
    }

    public static FollowUpAgreed Decide(AgreeFollowUp cmd, Roundtable roundtable, Supplier? ownerSupplier, Guid id, Caller caller, DateTimeOffset now) =>
        new(id, roundtable.Id, roundtable.Date, roundtable.HostOrgs, cmd.Description.Trim(), cmd.OwnerOrg, cmd.OwnerSupplierId,
            ownerSupplier?.LegalName ?? Organisations.Organisations.Find(cmd.OwnerOrg)!.ShortName, cmd.DueOn, cmd.Links ?? new FollowUpLinks([], [], []),
            caller.OrgNumber, caller.UserId, now);
}

/// <summary>What agreeing an item reads: the roundtable and, for a supplier-owned item, the owner.</summary>
public sealed record AgreeFollowUpContext(Roundtable? Roundtable, Supplier? Owner);

public static class AgreeFollowUpEndpoint
{
    public static async Task<AgreeFollowUpContext> LoadAsync(AgreeFollowUp cmd, Guid roundtableId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<Roundtable>(roundtableId, ct), cmd.OwnerSupplierId is { } s ? await session.LoadAsync<Supplier>(s, ct) : null);

    public static async Task<ProblemDetails> ValidateAsync(AgreeFollowUp cmd, AgreeFollowUpContext context, IQuerySession session, CancellationToken ct)
    {
        var roundtable = context.Roundtable;
        if (roundtable is null)
        {
            return Problems.NotFound("No such roundtable.");
        }

        if (roundtable.Status == RoundtableStatus.Cancelled)
        {
            return RoundtableRules.MustBeScheduled(roundtable)!;
        }

        var linked = (cmd.Links?.SupplierIds ?? []).ToArray();
        var known = linked.Length == 0 ? [] : (await session.Query<Supplier>().Where(x => linked.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)).ToHashSet();
        return Problems.Validation(AgreeFollowUpDecision.Validate(cmd, roundtable, context.Owner, known)) ?? WolverineContinue.NoProblems;
    }

    /// <summary>Agree a follow-up item at a roundtable (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/follow-up-items")]
    [ProducesResponseType<FollowUpResponse>(StatusCodes.Status201Created)]
    public static (IResult, IStartStream, OutgoingMessages) Post(AgreeFollowUp cmd, AgreeFollowUpContext context, ClaimsPrincipal user, TimeProvider clock)
    {
        var id = Guid.CreateVersion7();
        var agreed = AgreeFollowUpDecision.Decide(cmd, context.Roundtable!, context.Owner, id, user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/follow-up-items/{id}", new FollowUpResponse(id, 1)), MartenOps.StartStream<FollowUpItem>(id, agreed),
            [new CheckFollowUpOverdue(id, agreed.DueOn).ScheduledAt(Rules.DayAfter(agreed.DueOn))]);
    }
}
