using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Identity;

namespace EthicalIct.Api.SharedView;

/// <summary>
/// A disclosure as the parties see it: the copy the discloser made, in the shared space. A withdrawn one is kept
/// (<see cref="WithdrawnAt"/>) so the shared view stays a function of the events, but no read shows it.
/// </summary>
public sealed class SharedDisclosure
{
    public Guid Id { get; set; }

    public DisclosureKind Kind { get; set; }

    public string Org { get; set; } = "";

    public Guid SupplierId { get; set; }

    /// <summary>The disclosed copy, as recorded: exactly one of the four is set, by <see cref="Kind"/>.</summary>
    public RiskSummaryDisclosed? RiskSummary { get; set; }

    public FindingDisclosed? Finding { get; set; }

    public AssessmentOutcomeDisclosed? AssessmentOutcome { get; set; }

    public EvidenceDisclosed? Evidence { get; set; }

    public SignalDisclosed? Signal { get; set; }

    public Actor DisclosedBy { get; set; } = Actor.System;

    public DateTimeOffset DisclosedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public long LastSequence { get; set; }
}

/// <summary>The sharing policy in force as the shared view has seen it (one document): the versions proposed and the one in force.</summary>
public sealed class SharedPolicy
{
    public const string SingletonId = "policy";

    public string Id { get; set; } = SingletonId;

    public Dictionary<int, List<SharingRule>> Proposed { get; set; } = [];

    public List<SharingRule>? InForce { get; set; }

    public long LastSequence { get; set; }
}

/// <summary>What a stream without a supplier id in its later events is about (a dialogue, a contract, a follow-up item, a disclosure).</summary>
public sealed class SharedViewLink
{
    public string Id { get; set; } = "";

    public Guid SupplierId { get; set; }

    public static string Key(string kind, Guid streamId) => $"{kind}:{streamId}";
}
