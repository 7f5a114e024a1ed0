using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Assessments;

/// <summary>
/// The write model of an assessment stream: only what the assessment's decisions read (its status, which risks
/// exist and are open, what the verification rule reads of them, which evidence exists and is superseded). An inline snapshot in the owner's tenant; the
/// views are <see cref="AssessmentDetails"/> and <see cref="AssessmentSummary"/>.
/// </summary>
public sealed class Assessment : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public Guid SupplierId { get; set; }

    public AssessmentStatus Status { get; set; } = AssessmentStatus.Open;

    /// <summary>Risk id → open.</summary>
    public Dictionary<Guid, bool> Risks { get; set; } = [];

    /// <summary>Risk id → what the verification rule reads of it (type, open, latest priority, evidence behind it).</summary>
    public Dictionary<Guid, RiskForConclusion> Facts { get; set; } = [];

    /// <summary>Evidence id → the evidence that superseded it, if any.</summary>
    public Dictionary<Guid, Guid?> Evidence { get; set; } = [];

    public bool HasRisk(Guid riskId) => Risks.ContainsKey(riskId);

    public bool RiskIsOpen(Guid riskId) => Risks.TryGetValue(riskId, out var open) && open;

    public static Assessment Create(AssessmentOpened e) => new() { Id = e.AssessmentId, SupplierId = e.SupplierId };

    public void Apply(RiskIdentified e)
    {
        Risks[e.RiskId] = true;
        Facts[e.RiskId] = new RiskForConclusion(e.RiskId, e.Code, true, null, false);
    }

    public void Apply(RiskAssessed e) => Facts[e.RiskId] = Facts[e.RiskId] with { Priority = e.Priority };

    public void Apply(RiskClosed e)
    {
        Risks[e.RiskId] = false;
        Facts[e.RiskId] = Facts[e.RiskId] with { Open = false };
    }

    /// <summary>The outside signals that raised a risk here (a signal is taken once).</summary>
    public List<Guid> Signals { get; set; } = [];

    public void Apply(SignalRaisedRisk e)
    {
        Signals.Add(e.SignalId);
        Risks[e.RiskId] = true;
        Facts[e.RiskId] = Facts[e.RiskId] with { Open = true };
    }

    /// <summary>A decision that cites evidence backs every risk it names.</summary>
    public void Apply(DecisionRecorded e)
    {
        foreach (var risk in e.EvidenceIds.Count == 0 ? [] : e.RiskIds.Where(Facts.ContainsKey))
        {
            Facts[risk] = Facts[risk] with { Evidenced = true };
        }
    }

    public void Apply(EvidenceRegistered e)
    {
        if (e.Supersedes is { } old)
        {
            Evidence[old] = e.EvidenceId;
        }

        Evidence[e.EvidenceId] = null;
    }

    public void Apply(AssessmentConcluded e) => Status = AssessmentStatus.Concluded;

    public void Apply(AssessmentReopened e) => Status = AssessmentStatus.Open;
}
