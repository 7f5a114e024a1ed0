using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Roundtables;

namespace EthicalIct.Api.Signals;

/// <summary>The write model of a signal (inline snapshot, the recording organisation's tenant): what triage reads.</summary>
public sealed class Signal : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Title { get; set; } = "";

    public RiskCode? Code { get; set; }

    public SignalStatus Status { get; set; } = SignalStatus.Untriaged;

    /// <summary>Supplier and site matched → confirmed (true) or proposed (false); rejected proposals are removed.</summary>
    public Dictionary<string, bool> Matches { get; set; } = [];

    public static string Key(Guid supplierId, Guid? siteId) => $"{supplierId}/{siteId}";

    public static Signal Create(SignalRecorded e) => new() { Id = e.SignalId, Title = e.Title, Code = e.Code };

    public void Apply(SignalMatched e) => Matches[Key(e.Match.SupplierId, e.Match.SiteId)] = e.Confirmed;

    public void Apply(SignalMatchConfirmed e) => Matches[Key(e.SupplierId, e.SiteId)] = true;

    public void Apply(SignalMatchRejected e) => Matches.Remove(Key(e.SupplierId, e.SiteId));

    public void Apply(SignalDismissed e) => Status = SignalStatus.Dismissed;

    public void Apply(SignalLinkedToRisk e) => Status = SignalStatus.Linked;

    public void Apply(SignalEscalated e) => Status = SignalStatus.Escalated;
}

public sealed record MatchView(SignalMatch Match, string State, Actor By, DateTimeOffset At);

public sealed record TriageView(string Outcome, string? Reason, Guid? AssessmentId, Guid? RiskId, bool? NewRisk, Actor By, DateTimeOffset At)
{
    /// <summary>Where an escalated signal went: the dialogue and the finding raised there.</summary>
    public Guid? DialogueId { get; init; }

    public Guid? FindingId { get; init; }
}

/// <summary>A signal as its organisation reads it (inline, tenanted): source, reliability, evidence, matches and their state, triage.</summary>
[SnapshotsAsOf(typeof(Signal))]
public sealed class SignalDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public SignalSource Source { get; set; }

    public string SourceName { get; set; } = "";

    public DateOnly PublishedOn { get; set; }

    public Reliability Reliability { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public RiskCode? Code { get; set; }

    public List<SignalSubject> Subjects { get; set; } = [];

    public List<EvidenceRef> Evidence { get; set; } = [];

    public Guid? EntityListId { get; set; }

    public int? EntityListVersion { get; set; }

    public SignalStatus Status { get; set; } = SignalStatus.Untriaged;

    /// <summary>Every match: <c>confirmed</c>, <c>proposed</c> or <c>rejected</c>, with who decided and when.</summary>
    public List<MatchView> Matches { get; set; } = [];

    /// <summary>The supplier ids of the confirmed matches (what the lists filter on).</summary>
    public List<Guid> SupplierIds { get; set; } = [];

    public List<TriageView> Triage { get; set; } = [];

    public Actor RecordedBy { get; set; } = Actor.System;

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The signal's confirmed match for a supplier, a site's before the supplier's own (what triage acts on); null when there is none.</summary>
    public SignalMatch? ConfirmedMatch(Guid? supplierId) =>
        Matches.Where(m => m.State == "confirmed" && m.Match.SupplierId == supplierId).Select(m => m.Match).OrderByDescending(m => m.SiteId is not null).FirstOrDefault();

    public static SignalDetails Create(SignalRecorded e) => new()
    {
        Id = e.SignalId, Source = e.Source, SourceName = e.SourceName, PublishedOn = e.PublishedOn, Reliability = e.Reliability, Title = e.Title, Summary = e.Summary,
        Code = e.Code, Subjects = [.. e.Subjects], Evidence = [.. e.Evidence], EntityListId = e.EntityListId, EntityListVersion = e.EntityListVersion,
        RecordedBy = e.By, RecordedAt = e.At,
    };

    public void Apply(SignalMatched e)
    {
        Matches.Add(new MatchView(e.Match, e.Confirmed ? "confirmed" : "proposed", e.By, e.At));
        Confirmed();
    }

    public void Apply(SignalMatchConfirmed e) => Decide(e.SupplierId, e.SiteId, "confirmed", e.By, e.At);

    public void Apply(SignalMatchRejected e) => Decide(e.SupplierId, e.SiteId, "rejected", e.By, e.At);

    public void Apply(SignalDismissed e)
    {
        Status = SignalStatus.Dismissed;
        Triage.Add(new TriageView("dismissed", e.Reason, null, null, null, e.By, e.At));
    }

    public void Apply(SignalLinkedToRisk e)
    {
        Status = SignalStatus.Linked;
        Triage.Add(new TriageView("linked", null, e.AssessmentId, e.RiskId, e.NewRisk, e.By, e.At));
    }

    public void Apply(SignalEscalated e)
    {
        Status = SignalStatus.Escalated;
        Triage.Add(new TriageView("escalated", null, null, null, null, e.By, e.At) { DialogueId = e.DialogueId, FindingId = e.FindingId });
    }

    private void Decide(Guid supplierId, Guid? siteId, string state, Actor by, DateTimeOffset at)
    {
        var i = Matches.FindLastIndex(m => m.Match.SupplierId == supplierId && m.Match.SiteId == siteId);
        if (i >= 0)
        {
            Matches[i] = Matches[i] with { State = state, By = by, At = at };
        }

        Confirmed();
    }

    private void Confirmed() => SupplierIds = [.. Matches.Where(m => m.State == "confirmed").Select(m => m.Match.SupplierId).Distinct()];
}

/// <summary>The write model of an entity list (inline snapshot): its name, version and the matches of its latest version.</summary>
public sealed class EntityList : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Name { get; set; } = "";

    public int ListVersion { get; set; }

    public List<SignalMatch> Matches { get; set; } = [];

    public static EntityList Create(EntityListImported e) => new() { Id = e.EntityListId, Name = e.Name, ListVersion = e.ListVersion, Matches = [.. e.Matches] };

    public void Apply(EntityListImported e) => (ListVersion, Matches) = (e.ListVersion, [.. e.Matches]);
}

/// <summary>An entity list's versions as imported: file, entries, matches, and what was new in each.</summary>
public sealed record EntityListVersionView(int ListVersion, string Sha256, string FileName, int Entries, IReadOnlyList<SignalMatch> Matches, IReadOnlyList<SignalMatch> NewMatches,
    Actor By, DateTimeOffset At);

public sealed class EntityListDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public string Name { get; set; } = "";

    public List<EntityListVersionView> Versions { get; set; } = [];

    public static EntityListDetails Create(EntityListImported e) => new() { Id = e.EntityListId, Name = e.Name, Versions = [View(e)] };

    public void Apply(EntityListImported e) => Versions.Add(View(e));

    private static EntityListVersionView View(EntityListImported e) =>
        new(e.ListVersion, e.Sha256, e.FileName, e.Entries.Count, e.Matches, e.NewMatches, e.By, e.At);
}
