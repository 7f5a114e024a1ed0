using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Organisations;

namespace EthicalIct.Api.Cooperation;

// The cooperation agreement is one shared (global) stream. Versions are proposed, signed by every party's
// coordinator and then in force; a new party accedes when every current party has approved; a party may leave.
// Like every event, each ends with who acted (By) and when (At).

/// <summary>Who may see a record (EventModel.md, "Access classes").</summary>
public enum AccessClass
{
    /// <summary>Only the organisation that recorded it (and its auditors).</summary>
    [JsonStringEnumMemberName("private")] Private,

    /// <summary>Every party of the agreement in force.</summary>
    [JsonStringEnumMemberName("parties")] Parties,

    /// <summary>Anyone, including observers outside the agreement and public access requests.</summary>
    [JsonStringEnumMemberName("public")] Public,
}

/// <summary>The kinds of record a sharing policy speaks of.</summary>
public enum RecordKind
{
    [JsonStringEnumMemberName("assessment")] Assessment,
    [JsonStringEnumMemberName("evidence")] Evidence,
    [JsonStringEnumMemberName("contract")] Contract,
    [JsonStringEnumMemberName("supplier-dialogue")] SupplierDialogue,
    [JsonStringEnumMemberName("questionnaire")] Questionnaire,
    [JsonStringEnumMemberName("finding")] Finding,
    [JsonStringEnumMemberName("roundtable")] Roundtable,
    [JsonStringEnumMemberName("registry")] Registry,
    [JsonStringEnumMemberName("requirement-set")] RequirementSet,
    [JsonStringEnumMemberName("agreement")] Agreement,

    /// <summary>A copy of part of a private record, disclosed to the parties (never private: disclosing is sharing).</summary>
    [JsonStringEnumMemberName("disclosure")] Disclosure,

    /// <summary>The audit record itself: checkpoints and their witnesses (public: anyone may check them).</summary>
    [JsonStringEnumMemberName("audit")] Audit,

    /// <summary>An organisation's own webhook subscriptions (private: the URL and the filters are its business).</summary>
    [JsonStringEnumMemberName("subscription")] Subscription,

    /// <summary>A request for information under åpenhetsloven received or sent by an organisation (private: requesters may be named).</summary>
    [JsonStringEnumMemberName("information-request")] InformationRequest,

    /// <summary>An alert from an outside source, and the entity lists imported to raise them (private until disclosed).</summary>
    [JsonStringEnumMemberName("signal")] Signal,

    /// <summary>An organisation's annual transparency account (public once published; private while drafted).</summary>
    [JsonStringEnumMemberName("transparency-account")] TransparencyAccount,
}

/// <summary>One line of a sharing policy: records of this kind are, by default, of this access class.</summary>
public sealed record SharingRule(RecordKind Kind, AccessClass Access);

public sealed record AgreementVersionProposed(Guid AgreementId, int Version, string Purpose, IReadOnlyList<SharingRule> SharingPolicy,
    IReadOnlyList<Organisation> Parties, Actor By, DateTimeOffset At);

public sealed record AgreementSigned(Guid AgreementId, int Version, string OrgNumber, Actor By, DateTimeOffset At);

/// <summary>The last signature made the version binding; recorded by the same decision as that signature.</summary>
public sealed record AgreementEnteredIntoForce(Guid AgreementId, int Version, IReadOnlyList<Organisation> Parties, Actor By, DateTimeOffset At);

public sealed record AccessionProposed(Guid AgreementId, Organisation Candidate, Actor By, DateTimeOffset At);

public sealed record AccessionApproved(Guid AgreementId, string CandidateOrg, string ApprovingOrg, Actor By, DateTimeOffset At);

public sealed record AccessionDeclined(Guid AgreementId, string CandidateOrg, string DecliningOrg, string Reason, Actor By, DateTimeOffset At);

/// <summary>Every current party had approved; the candidate is a party from now on, bound by the version in force.</summary>
public sealed record PartyAcceded(Guid AgreementId, Organisation Party, int AgreementVersion, Actor By, DateTimeOffset At);

/// <summary>A party left; its records stay, readable to its auditors.</summary>
public sealed record PartyLeft(Guid AgreementId, string OrgNumber, string Reason, Actor By, DateTimeOffset At);
