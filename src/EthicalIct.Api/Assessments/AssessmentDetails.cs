using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Assessments;

public sealed record RiskScore(
    int Scale,
    int Scope,
    int Irremediability,
    int Likelihood,
    Connection Connection,
    Leverage Leverage,
    int Severity,
    Priority Priority,
    int Rank,
    string PriorityRule,
    string? Rationale,
    Actor By,
    DateTimeOffset At);

public sealed record Mitigation(Guid MeasureId, string Description, string Owner, DateOnly DueDate, Actor By, DateTimeOffset At);

public sealed class AssessedRisk
{
    public Guid RiskId { get; set; }

    public RiskCode Code { get; set; }

    public Tier Tier { get; set; }

    public string Country { get; set; } = "";

    public Guid? SiteId { get; set; }

    public string Description { get; set; } = "";

    public string Source { get; set; } = "";

    public Actor IdentifiedBy { get; set; } = Actor.System;

    public DateTimeOffset IdentifiedAt { get; set; }

    public RiskStatus Status { get; set; } = RiskStatus.Open;

    /// <summary>The latest score; null until the risk is assessed.</summary>
    public RiskScore? Score { get; set; }

    /// <summary>Every score in order, the latest last (re-assessment keeps the history).</summary>
    public List<RiskScore> ScoreHistory { get; set; } = [];

    public List<Mitigation> Mitigations { get; set; } = [];

    public string? ClosedReason { get; set; }

    public Actor? ClosedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The outside signals that raised this risk, in order.</summary>
    public List<RaisingSignal> Signals { get; set; } = [];
}

public sealed record RaisingSignal(Guid SignalId, string Title, bool Reopened, Actor By, DateTimeOffset At);

public sealed record EvidenceItem(
    Guid EvidenceId,
    string Title,
    EvidenceKind Kind,
    DateOnly ReceivedOn,
    string Source,
    AccessClass AccessClass,
    string? LegalBasis,
    string Sha256,
    long SizeBytes,
    string FileName,
    string ContentType,
    Guid? Supersedes,
    Guid? SupersededBy,
    Actor RegisteredBy,
    DateTimeOffset RegisteredAt);

public sealed record Decision(
    Guid DecisionId,
    DecisionKind Kind,
    string Rationale,
    IReadOnlyList<Guid> EvidenceIds,
    IReadOnlyList<Guid> RiskIds,
    Actor By,
    DateTimeOffset At);

/// <summary>A conclusion or a reopening, in the order they happened.</summary>
public sealed record StatusChange(AssessmentStatus Status, AssessmentOutcome? Outcome, string Reason, Actor By, DateTimeOffset At);

/// <summary>
/// The assessment as the organisation reads it: risks with their scores, score history and mitigations, evidence
/// with supersession, decisions in order, every conclusion and reopening, each with who and when. A live view: it
/// is folded from the stream's events when read, so it always shows exactly what the events say.
/// </summary>
[SnapshotsAsOf(typeof(Assessment))]
public sealed class AssessmentDetails
{
    public Guid Id { get; set; }

    /// <summary>The stream version (the ETag, for If-Match on commands).</summary>
    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public string FrameworkAgreement { get; set; } = "";

    public List<ProductCategory> ProductCategories { get; set; } = [];

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public string ResponsibleCaseOfficer { get; set; } = "";

    public Actor OpenedBy { get; set; } = Actor.System;

    public DateTimeOffset OpenedAt { get; set; }

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Open;

    public AssessmentOutcome? Outcome { get; set; }

    public List<StatusChange> StatusHistory { get; set; } = [];

    public List<AssessedRisk> Risks { get; set; } = [];

    public List<EvidenceItem> Evidence { get; set; } = [];

    public List<Decision> Decisions { get; set; } = [];

    public AssessedRisk? Risk(Guid riskId) => Risks.FirstOrDefault(r => r.RiskId == riskId);

    public static AssessmentDetails Create(AssessmentOpened e) => new()
    {
        Id = e.AssessmentId,
        SupplierId = e.SupplierId,
        FrameworkAgreement = e.FrameworkAgreement,
        ProductCategories = [.. e.ProductCategories],
        PeriodFrom = e.PeriodFrom,
        PeriodTo = e.PeriodTo,
        ResponsibleCaseOfficer = e.ResponsibleCaseOfficer,
        OpenedBy = e.By,
        OpenedAt = e.At,
    };

    public void Apply(RiskIdentified e) => Risks.Add(new AssessedRisk
    {
        RiskId = e.RiskId,
        Code = e.Code,
        Tier = e.Tier,
        Country = e.Country,
        SiteId = e.SiteId,
        Description = e.Description,
        Source = e.Source,
        IdentifiedBy = e.By,
        IdentifiedAt = e.At,
    });

    public void Apply(RiskAssessed e)
    {
        var risk = Risk(e.RiskId)!;
        risk.Score = new RiskScore(e.Scale, e.Scope, e.Irremediability, e.Likelihood, e.Connection, e.Leverage, e.Severity,
            e.Priority, e.Rank, e.PriorityRule, e.Rationale, e.By, e.At);
        risk.ScoreHistory.Add(risk.Score);
    }

    public void Apply(MitigationDecided e) =>
        Risk(e.RiskId)!.Mitigations.Add(new Mitigation(e.MeasureId, e.Description, e.Owner, e.DueDate, e.By, e.At));

    public void Apply(SignalRaisedRisk e)
    {
        var risk = Risk(e.RiskId)!;
        risk.Status = RiskStatus.Open;
        risk.Signals.Add(new RaisingSignal(e.SignalId, e.SignalTitle, e.Reopened, e.By, e.At));
    }

    public void Apply(RiskClosed e)
    {
        var risk = Risk(e.RiskId)!;
        risk.Status = RiskStatus.Closed;
        risk.ClosedReason = e.Reason;
        risk.ClosedBy = e.By;
        risk.ClosedAt = e.At;
    }

    public void Apply(EvidenceRegistered e)
    {
        if (e.Supersedes is { } old && Evidence.FindIndex(x => x.EvidenceId == old) is var i and >= 0)
        {
            Evidence[i] = Evidence[i] with { SupersededBy = e.EvidenceId };
        }

        Evidence.Add(new EvidenceItem(e.EvidenceId, e.Title, e.Kind, e.ReceivedOn, e.Source, e.AccessClass, e.LegalBasis, e.Sha256,
            e.SizeBytes, e.FileName, e.ContentType, e.Supersedes, null, e.By, e.At));
    }

    public void Apply(DecisionRecorded e) =>
        Decisions.Add(new Decision(e.DecisionId, e.Kind, e.Rationale, e.EvidenceIds, e.RiskIds, e.By, e.At));

    public void Apply(AssessmentConcluded e)
    {
        Status = AssessmentStatus.Concluded;
        Outcome = e.Outcome;
        StatusHistory.Add(new StatusChange(AssessmentStatus.Concluded, e.Outcome, e.Rationale, e.By, e.At));
    }

    public void Apply(AssessmentReopened e)
    {
        Status = AssessmentStatus.Open;
        StatusHistory.Add(new StatusChange(AssessmentStatus.Open, null, e.Reason, e.By, e.At));
    }
}

public static class GetAssessmentEndpoint
{
    /// <summary>One assessment of the caller's organisation (another organisation's is 404), now or as of a moment or version.</summary>
    [WolverineGet("/api/assessments/{assessmentId}"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<AssessmentDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid assessmentId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct,
        string? asOf = null, long? version = null)
    {
        if (PointsInTime.Parse(asOf, version, now, out var point) is { } problem)
        {
            return Results.Problem(problem);
        }

        var assessment = await PointsInTime.ReadAsync(session, assessmentId, point,
            () => CaseSnapshots.FoldAsync<AssessmentDetails>(session, assessmentId, null, null, ct), a => a.Version, ct);
        return await PointsInTime.OkAsync(session, assessmentId, assessment, a => a.Version, point, response, $"No assessment {assessmentId}.", ct);
    }
}
