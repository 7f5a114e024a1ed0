using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.Disclosures;

public enum DisclosureKind
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("risk-summary")] RiskSummary,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("finding")] Finding,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("assessment-outcome")] AssessmentOutcome,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("evidence")] Evidence,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("signal")] Signal,
}

/// <summary>The write model of a disclosure stream (the discloser's tenant): what withdrawal reads.</summary>
public sealed class Disclosure : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public DisclosureKind Kind { get; set; }

    public Guid SupplierId { get; set; }

    public bool Withdrawn { get; set; }

    public static Disclosure Create(RiskSummaryDisclosed e) => new() { Id = e.DisclosureId, Kind = DisclosureKind.RiskSummary, SupplierId = e.SupplierId };

    public static Disclosure Create(FindingDisclosed e) => new() { Id = e.DisclosureId, Kind = DisclosureKind.Finding, SupplierId = e.SupplierId };

    public static Disclosure Create(AssessmentOutcomeDisclosed e) => new() { Id = e.DisclosureId, Kind = DisclosureKind.AssessmentOutcome, SupplierId = e.SupplierId };

    public static Disclosure Create(EvidenceDisclosed e) => new() { Id = e.DisclosureId, Kind = DisclosureKind.Evidence, SupplierId = e.SupplierId };

    public static Disclosure Create(SignalDisclosed e) => new() { Id = e.DisclosureId, Kind = DisclosureKind.Signal, SupplierId = e.SupplierId };

    public void Apply(DisclosureWithdrawn e) => Withdrawn = true;
}

/// <summary>The answer to a disclosure command.</summary>
public sealed record DisclosureResponse(Guid DisclosureId, long Version);
