using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Assessments;

/// <summary>One risk in the organisation's risk register (tenanted: each organisation sees its own).</summary>
public sealed class RiskRegisterEntry
{
    public Guid Id { get; set; }

    public Guid AssessmentId { get; set; }

    public Guid SupplierId { get; set; }

    public RiskCode Code { get; set; }

    public Tier Tier { get; set; }

    public string Country { get; set; } = "";

    public Guid? SiteId { get; set; }

    public string Description { get; set; } = "";

    public RiskStatus Status { get; set; } = RiskStatus.Open;

    public bool Assessed { get; set; }

    public int Severity { get; set; }

    public int Likelihood { get; set; }

    /// <summary>Null until the risk is assessed.</summary>
    public Priority? Priority { get; set; }

    /// <summary>0 until assessed, so unassessed risks sort last.</summary>
    public int Rank { get; set; }

    public int MitigationCount { get; set; }

    public DateOnly? NextMitigationDue { get; set; }

    public DateTimeOffset IdentifiedAt { get; set; }

    public DateTimeOffset LastChangedAt { get; set; }
}

/// <summary>The risk register: an async projection across all of an organisation's assessments.</summary>
public sealed class RiskRegisterProjection : MultiStreamProjection<RiskRegisterEntry, Guid>
{
    public RiskRegisterProjection()
    {
        Identity<RiskIdentified>(e => e.RiskId);
        Identity<RiskAssessed>(e => e.RiskId);
        Identity<MitigationDecided>(e => e.RiskId);
        Identity<RiskClosed>(e => e.RiskId);
        Identity<SignalRaisedRisk>(e => e.RiskId);
    }

    public override RiskRegisterEntry? Evolve(RiskRegisterEntry? entry, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case RiskIdentified r:
                return new RiskRegisterEntry
                {
                    Id = r.RiskId, AssessmentId = r.AssessmentId, SupplierId = r.SupplierId, Code = r.Code, Tier = r.Tier, Country = r.Country,
                    SiteId = r.SiteId, Description = r.Description, IdentifiedAt = r.At, LastChangedAt = r.At,
                };
            case RiskAssessed a when entry is not null:
                entry.Assessed = true;
                entry.Severity = a.Severity;
                entry.Likelihood = a.Likelihood;
                entry.Priority = a.Priority;
                entry.Rank = a.Rank;
                entry.LastChangedAt = a.At;
                return entry;
            case MitigationDecided m when entry is not null:
                entry.MitigationCount++;
                entry.NextMitigationDue = entry.NextMitigationDue is { } due && due < m.DueDate ? due : m.DueDate;
                entry.LastChangedAt = m.At;
                return entry;
            case RiskClosed c when entry is not null:
                entry.Status = RiskStatus.Closed;
                entry.LastChangedAt = c.At;
                return entry;
            case SignalRaisedRisk s when entry is not null:
                entry.Status = RiskStatus.Open;
                entry.LastChangedAt = s.At;
                return entry;
            default:
                return entry;
        }
    }
}

public static class GetRiskRegisterEndpoint
{
    /// <summary>
    /// The organisation's open risks across all its assessments, highest priority first (by rank: severity, then
    /// likelihood; unassessed last). Filters: supplierId, code, country, tier, priority; status=closed shows closed
    /// risks instead. Kept by an async projection, so a change shows after the daemon has caught up.
    /// </summary>
    [WolverineGet("/api/risk-register"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<Paged<RiskRegisterEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct, Guid? supplierId = null, string? code = null,
        string? country = null, string? tier = null, string? priority = null, string? status = null, int page = 1, int pageSize = Paging.DefaultPageSize)
    {
        var errors = new List<FieldError>(Paging.Check(page, pageSize));
        var riskCode = Query.Parse<RiskCode>(code, "code", errors);
        var riskTier = Query.Parse<Tier>(tier, "tier", errors);
        var riskPriority = Query.Parse<Priority>(priority, "priority", errors);
        var riskStatus = Query.Parse<RiskStatus>(status, "status", errors) ?? RiskStatus.Open;
        if (country is not null && !Countries.IsValid(country))
        {
            errors.Add(new("country", "must be an upper-case ISO 3166-1 alpha-2 code"));
        }

        if (Problems.Validation(errors) is { } problem)
        {
            return Results.Problem(problem);
        }

        var query = session.Query<RiskRegisterEntry>().Where(r => r.Status == riskStatus);
        if (supplierId is { } s)
        {
            query = query.Where(r => r.SupplierId == s);
        }

        if (riskCode is { } c)
        {
            query = query.Where(r => r.Code == c);
        }

        if (country is not null)
        {
            query = query.Where(r => r.Country == country);
        }

        if (riskTier is { } t)
        {
            query = query.Where(r => r.Tier == t);
        }

        if (riskPriority is { } p)
        {
            query = query.Where(r => r.Priority == p);
        }

        return Results.Ok(await query.OrderByDescending(r => r.Rank).ThenBy(r => r.IdentifiedAt).ToPageAsync(page, pageSize, ct));
    }
}
