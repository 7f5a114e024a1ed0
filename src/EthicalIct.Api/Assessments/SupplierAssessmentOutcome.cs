using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Assessments;

/// <summary>Per supplier, the organisation's latest assessment and its latest outcome (tenanted).</summary>
public sealed class SupplierAssessmentOutcome
{
    /// <summary>The supplier id.</summary>
    public Guid Id { get; set; }

    public Guid LatestAssessmentId { get; set; }

    public AssessmentStatus LatestAssessmentStatus { get; set; }

    public AssessmentOutcome? LatestOutcome { get; set; }

    public string? LatestRationale { get; set; }

    public DateTimeOffset? LatestConcludedAt { get; set; }

    public int AssessmentCount { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed class SupplierAssessmentOutcomeProjection : MultiStreamProjection<SupplierAssessmentOutcome, Guid>
{
    public SupplierAssessmentOutcomeProjection()
    {
        Identity<AssessmentOpened>(e => e.SupplierId);
        Identity<AssessmentConcluded>(e => e.SupplierId);
        Identity<AssessmentReopened>(e => e.SupplierId);
    }

    public override SupplierAssessmentOutcome? Evolve(SupplierAssessmentOutcome? view, Guid id, IEvent e)
    {
        view ??= new SupplierAssessmentOutcome { Id = id };
        switch (e.Data)
        {
            case AssessmentOpened o:
                view.AssessmentCount++;
                view.LatestAssessmentId = o.AssessmentId;
                view.LatestAssessmentStatus = AssessmentStatus.Open;
                view.LastChangedAt = o.At;
                break;
            case AssessmentConcluded c:
                view.LatestAssessmentId = c.AssessmentId;
                view.LatestAssessmentStatus = AssessmentStatus.Concluded;
                view.LatestOutcome = c.Outcome;
                view.LatestRationale = c.Rationale;
                view.LatestConcludedAt = c.At;
                view.LastChangedAt = c.At;
                break;
            case AssessmentReopened r:
                view.LatestAssessmentId = r.AssessmentId;
                view.LatestAssessmentStatus = AssessmentStatus.Open;
                view.LastChangedAt = r.At;
                break;
        }

        return view;
    }
}

public static class GetSupplierAssessmentOutcomeEndpoint
{
    /// <summary>The caller's organisation's latest assessment outcome for a supplier.</summary>
    [WolverineGet("/api/suppliers/{supplierId}/assessment-outcome"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<SupplierAssessmentOutcome>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid supplierId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<SupplierAssessmentOutcome>(supplierId, ct) is { } view
            ? Results.Ok(view)
            : Results.Problem(Problems.NotFound($"Your organisation has no assessment of supplier {supplierId}."));
}
