using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Roundtables;

namespace EthicalIct.Api.Signals;

/// <summary>Where a signal comes from: outside the organisations' own audits and dialogues.</summary>
public enum SignalSource
{
    [JsonStringEnumMemberName("electronics-watch")] ElectronicsWatch,
    [JsonStringEnumMemberName("media")] Media,
    [JsonStringEnumMemberName("ngo")] Ngo,
    [JsonStringEnumMemberName("open-source")] OpenSource,
    [JsonStringEnumMemberName("entity-list")] EntityList,
    [JsonStringEnumMemberName("worker-voice")] WorkerVoice,
}

/// <summary>How far the source can be relied on, as the person recording it judges (an official list is <c>official</c>).</summary>
public enum Reliability
{
    [JsonStringEnumMemberName("official")] Official,
    [JsonStringEnumMemberName("reliable")] Reliable,
    [JsonStringEnumMemberName("uncertain")] Uncertain,
    [JsonStringEnumMemberName("unverified")] Unverified,
}

/// <summary>How a signal's subject was matched to the registry: by identifier, by name and country, or by a similar name (a proposal a person confirms).</summary>
public enum MatchKind
{
    [JsonStringEnumMemberName("identifier")] Identifier,
    [JsonStringEnumMemberName("name")] Name,
    [JsonStringEnumMemberName("similar-name")] SimilarName,
}

public enum SignalStatus
{
    [JsonStringEnumMemberName("untriaged")] Untriaged,
    [JsonStringEnumMemberName("dismissed")] Dismissed,
    [JsonStringEnumMemberName("linked")] Linked,

    /// <summary>Escalated into a finding of a supplier dialogue.</summary>
    [JsonStringEnumMemberName("escalated")] Escalated,
}

/// <summary>Who or what a signal names: a name, its country, and an identifier when the source gives one.</summary>
public sealed record SignalSubject(string Name, string? Country = null, string? Identifier = null);

/// <summary>A registry supplier (and site, when the name is a site's) that a signal's subject matched.</summary>
public sealed record SignalMatch(Guid SupplierId, Guid? SiteId, string MatchedName, string Country, Tier? Tier, MatchKind Kind, int Score, string Subject);

/// <summary>
/// An alert from a source outside the organisations' own work, recorded with its source, date, reliability and
/// evidence, and what it names; <see cref="EntityListId"/> when an entity-list import raised it.
/// </summary>
public sealed record SignalRecorded(Guid SignalId, SignalSource Source, string SourceName, DateOnly PublishedOn, Reliability Reliability, string Title, string Summary,
    RiskCode? Code, IReadOnlyList<SignalSubject> Subjects, IReadOnlyList<EvidenceRef> Evidence, Guid? EntityListId, int? EntityListVersion, Actor By, DateTimeOffset At);

/// <summary>The matcher found a supplier or site; by identifier or exact name it is confirmed at once, a similar name is a proposal.</summary>
public sealed record SignalMatched(Guid SignalId, SignalMatch Match, bool Confirmed, Actor By, DateTimeOffset At);

public sealed record SignalMatchConfirmed(Guid SignalId, Guid SupplierId, Guid? SiteId, Actor By, DateTimeOffset At);

public sealed record SignalMatchRejected(Guid SignalId, Guid SupplierId, Guid? SiteId, string Reason, Actor By, DateTimeOffset At);

public sealed record SignalDismissed(Guid SignalId, string Reason, Actor By, DateTimeOffset At);

/// <summary>Triaged: linked to a risk of an assessment (a new risk, or an existing one raised again); the assessment is reopened if it was concluded.</summary>
public sealed record SignalLinkedToRisk(Guid SignalId, Guid AssessmentId, Guid RiskId, bool NewRisk, Actor By, DateTimeOffset At);

/// <summary>Triaged: escalated into a finding of a supplier dialogue the organisation takes part in (raised there in the same outbox transaction).</summary>
public sealed record SignalEscalated(Guid SignalId, Guid DialogueId, Guid FindingId, Actor By, DateTimeOffset At);

/// <summary>One line of an entity list as imported.</summary>
public sealed record EntityListEntry(string Name, string Country, string? Identifier, IReadOnlyList<string> Aliases);

/// <summary>
/// A version of an outside entity list imported from a CSV file (its SHA-256 and name recorded), with the registry
/// matches found and which of them are new since the previous version (each new one raised a signal).
/// </summary>
public sealed record EntityListImported(Guid EntityListId, string Name, int ListVersion, string Sha256, string FileName, IReadOnlyList<EntityListEntry> Entries,
    IReadOnlyList<SignalMatch> Matches, IReadOnlyList<SignalMatch> NewMatches, Actor By, DateTimeOffset At);
