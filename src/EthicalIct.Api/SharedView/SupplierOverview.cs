using EthicalIct.Api.Assessments;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Evidence;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SupplierDialogues;

namespace EthicalIct.Api.SharedView;

/// <summary>A production site as the registry records it (the overview's filters: country, tier, category).</summary>
public sealed record OverviewSite(Guid SiteId, string Name, string Country, Tier Tier, IReadOnlyList<ProductCategory> Categories);

/// <summary>One party's contract with the supplier (shared with the parties by the sharing policy).</summary>
public sealed record OverviewContract(Guid ContractId, string Org, string FrameworkAgreement, ProductCategory Category, DateOnly PeriodFrom, DateOnly PeriodTo,
    decimal AnnualValueNok);

/// <summary>A party's share of the combined annual spend.</summary>
public sealed record SpendShare(string Org, decimal AnnualValueNok, decimal Share);

/// <summary>How a party follows the supplier: its open assessments (when the policy shares them), dialogues it takes part in, contracts.</summary>
public sealed record PartyFollowing(string Org, int OpenAssessments, int Dialogues, int Contracts);

/// <summary>A disclosed risk summary (what the discloser chose to show).</summary>
public sealed record OverviewRisk(Guid DisclosureId, string Org, Guid RiskId, RiskCode Code, Priority? Priority, Tier Tier, string Country, RiskStatus Status,
    string? Description, IReadOnlyList<DisclosedMeasure>? Measures, DateTimeOffset DisclosedAt);

/// <summary>Disclosed risks of one taxonomy code: how many are open and the highest priority among them.</summary>
public sealed record RiskByCode(RiskCode Code, int Open, Priority? HighestPriority);

/// <summary>
/// A finding known to the parties: disclosed by a participant (<see cref="DisclosureId"/>), or shared by the policy.
/// <see cref="NextDueOn"/> is the earliest due date of the plan's open actions.
/// </summary>
public sealed record OverviewFinding(Guid? DisclosureId, string? DisclosedBy, Guid DialogueId, Guid FindingId, RiskCode Code, FindingGrade Grade, FindingStatus Status,
    CapStatus? CapStatus, IReadOnlyList<DisclosedAction> Actions, DateOnly? NextDueOn, int OverdueActions, string? Description, DateTimeOffset At);

public sealed record OverviewOutcome(Guid DisclosureId, string Org, Guid AssessmentId, AssessmentOutcome Outcome, DateTimeOffset ConcludedAt, string? Rationale,
    DateTimeOffset DisclosedAt);

public sealed record OverviewEvidence(Guid DisclosureId, string Org, Guid EvidenceId, string Title, EvidenceKind Kind, DateOnly ReceivedOn, string Sha256, bool FileShown,
    string? Source, DateTimeOffset DisclosedAt);

/// <summary>A dialogue with the supplier: who takes part, so a party can ask to join instead of opening another.</summary>
/// <summary>An outside signal a party disclosed about the supplier (<see cref="Summary"/> when shown).</summary>
public sealed record OverviewSignal(Guid DisclosureId, string Org, Guid SignalId, Signals.SignalSource Source, string SourceName, Signals.Reliability Reliability,
    DateOnly PublishedOn, string Title, RiskCode? Code, Signals.SignalStatus Status, string? Summary, DateTimeOffset At);

public sealed record JointDialogue(Guid DialogueId, string Title, IReadOnlyList<string> Participants, DialogueStatus Status, DateTimeOffset OpenedAt);

/// <summary>A questionnaire the supplier was sent: which requirement-set version, by whom, when, and whether it answered.</summary>
public sealed record AskedQuestionnaire(Guid DialogueId, Guid QuestionnaireId, Guid RequirementSetId, int SetVersion, string SentBy, DateTimeOffset SentAt, DateOnly DueOn,
    QuestionnaireStatus Status, DateOnly? AnsweredOn);

/// <summary>A roundtable commitment the supplier owns.</summary>
public sealed record Commitment(Guid FollowUpItemId, Guid RoundtableId, string Description, DateOnly DueOn, FollowUpStatus Status, bool Overdue);

/// <summary>
/// What the parties know together about one supplier, from shared and disclosed records only (EventModel.md, "Shared
/// view"). Built by the shared-view handlers; never written by a command. <see cref="LastSequence"/> is the last event
/// applied: an event at or below it was applied already and changes nothing.
/// </summary>
public sealed class SupplierOverview
{
    public Guid Id { get; set; }

    public string LegalName { get; set; } = "";

    public string Country { get; set; } = "";

    public List<SupplierRole> Roles { get; set; } = [];

    public List<OverviewSite> Sites { get; set; } = [];

    /// <summary>The supplier's country and its sites' countries (filter).</summary>
    public List<string> Countries { get; set; } = [];

    /// <summary>The sites' tiers (filter).</summary>
    public List<Tier> Tiers { get; set; } = [];

    /// <summary>The categories of the sites and of the parties' contracts (filter).</summary>
    public List<ProductCategory> Categories { get; set; } = [];

    public List<PartyFollowing> Parties { get; set; } = [];

    public int PartyCount { get; set; }

    public List<OverviewContract> Contracts { get; set; } = [];

    public decimal CombinedAnnualSpendNok { get; set; }

    public List<SpendShare> SpendShares { get; set; } = [];

    /// <summary>Open assessments per party (counted only while the sharing policy shares assessments).</summary>
    public Dictionary<string, List<Guid>> OpenAssessments { get; set; } = [];

    public List<OverviewRisk> DisclosedRisks { get; set; } = [];

    public List<RiskByCode> RisksByCode { get; set; } = [];

    public List<OverviewFinding> Findings { get; set; } = [];

    public List<OverviewOutcome> DisclosedOutcomes { get; set; } = [];

    public List<OverviewEvidence> DisclosedEvidence { get; set; } = [];

    /// <summary>Outside signals the parties disclosed about the supplier.</summary>
    public List<OverviewSignal> DisclosedSignals { get; set; } = [];

    public List<JointDialogue> Dialogues { get; set; } = [];

    public List<AskedQuestionnaire> Questionnaires { get; set; } = [];

    public List<Commitment> Commitments { get; set; } = [];

    /// <summary>The highest priority of the open disclosed risks and open findings (a finding's grade counts as its priority).</summary>
    public Priority? CombinedPriority { get; set; }

    /// <summary><see cref="CombinedPriority"/> as a number for ranking: 0 none, 1 low … 4 critical.</summary>
    public int PriorityRank { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public long LastSequence { get; set; }
}
