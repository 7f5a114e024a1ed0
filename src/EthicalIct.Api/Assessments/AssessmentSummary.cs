using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Assessments;

/// <summary>
/// One line per assessment of the caller's organisation (inline projection, tenanted): what it covers, its status
/// and outcome, how many risks are open, and who changed it last and when. Updated in the same transaction as the
/// command, so the list shows a change as soon as it is answered.
/// </summary>
public sealed class AssessmentSummary
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string FrameworkAgreement { get; set; } = "";

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Open;

    public AssessmentOutcome? Outcome { get; set; }

    public int OpenRisks { get; set; }

    public int ClosedRisks { get; set; }

    public int EvidenceCount { get; set; }

    public int DecisionCount { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public Actor LastChangedBy { get; set; } = Actor.System;

    public DateTimeOffset LastChangedAt { get; set; }

    public static AssessmentSummary Create(AssessmentOpened e) => new()
    {
        Id = e.AssessmentId, SupplierId = e.SupplierId, FrameworkAgreement = e.FrameworkAgreement, OpenedAt = e.At, LastChangedBy = e.By, LastChangedAt = e.At,
    };

    public void Apply(RiskIdentified e) => Touch(e.By, e.At, () => OpenRisks++);

    public void Apply(RiskAssessed e) => Touch(e.By, e.At);

    public void Apply(MitigationDecided e) => Touch(e.By, e.At);

    public void Apply(RiskClosed e) => Touch(e.By, e.At, () => (OpenRisks, ClosedRisks) = (OpenRisks - 1, ClosedRisks + 1));

    public void Apply(SignalRaisedRisk e) => Touch(e.By, e.At, () => (OpenRisks, ClosedRisks) = e.Reopened ? (OpenRisks + 1, ClosedRisks - 1) : (OpenRisks, ClosedRisks));

    public void Apply(EvidenceRegistered e) => Touch(e.By, e.At, () => EvidenceCount++);

    public void Apply(DecisionRecorded e) => Touch(e.By, e.At, () => DecisionCount++);

    public void Apply(AssessmentConcluded e) => Touch(e.By, e.At, () => (Status, Outcome) = (AssessmentStatus.Concluded, e.Outcome));

    public void Apply(AssessmentReopened e) => Touch(e.By, e.At, () => Status = AssessmentStatus.Open);

    private void Touch(Actor by, DateTimeOffset at, Action? change = null)
    {
        change?.Invoke();
        LastChangedBy = by;
        LastChangedAt = at;
    }
}

public static class ListAssessmentsEndpoint
{
    /// <summary>The caller's organisation's assessments, most recently changed first. Filters: supplierId, status.</summary>
    [WolverineGet("/api/assessments"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<Paged<AssessmentSummary>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct, Guid? supplierId = null, string? status = null,
        int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var wanted = Query.Parse<AssessmentStatus>(status, "status", errors);
        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = session.Query<AssessmentSummary>().AsQueryable();
        if (supplierId is { } s)
        {
            query = query.Where(a => a.SupplierId == s);
        }

        if (wanted is { } w)
        {
            query = query.Where(a => a.Status == w);
        }

        return Results.Ok(await query.OrderByDescending(a => a.LastChangedAt).ToPageAsync(page, pageSize, ct));
    }
}
