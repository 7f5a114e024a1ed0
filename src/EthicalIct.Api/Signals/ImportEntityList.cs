using EthicalIct.Api.Evidence;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Signals;

/// <summary>
/// Import an outside entity list (e.g. the UFLPA Entity List) from a CSV file uploaded to <c>/api/evidence-files</c>
/// (columns in docs/entity-lists.md): the entries are matched to the registry's suppliers and sites, and each entry
/// that matches raises a signal. A later version of the same list is imported to <c>/api/entity-lists/{id}/versions</c>;
/// then only a supplier or site that newly matches raises one.
/// </summary>
public sealed record ImportEntityList(string Name, string Sha256, string FileName);

public sealed record ImportEntityListVersion(string Sha256, string FileName, long? ExpectedVersion = null);

public sealed record EntityListResponse(Guid EntityListId, int ListVersion, int NewMatches, long Version);

/// <summary>The file as read and parsed, and the registry it is matched against.</summary>
public sealed record EntityListFile(bool Found, IReadOnlyList<EntityListEntry> Entries, IReadOnlyList<FieldError> Errors, IReadOnlyList<SupplierDetails> Registry);

/// <summary>One signal to raise for an entity that newly matches (handled by <see cref="RaiseSignalFromEntityListHandler"/>).</summary>
public sealed record RaiseSignalFromEntityList(Guid SignalId, Guid EntityListId, string ListName, int ListVersion, EntityListEntry Entry, IReadOnlyList<SignalMatch> Matches,
    Actor By, DateTimeOffset At);

public static class EntityListImport
{
    public static async Task<EntityListFile> ReadAsync(string? sha256, IQuerySession session, CancellationToken ct)
    {
        var bytes = string.IsNullOrWhiteSpace(sha256) ? null : await EvidenceFiles.ReadAsync(session, sha256.Trim().ToLowerInvariant(), ct);
        if (bytes is null)
        {
            return new EntityListFile(false, [], [], []);
        }

        var (entries, errors) = EntityListCsv.Parse(bytes);
        return new EntityListFile(true, entries, errors, await RecordSignalEndpoint.LoadAsync(session, ct));
    }

    public static ProblemDetails? Check(EntityListFile file, string fileName) =>
        Problems.Validation([
            .. file.Found ? [] : new[] { new FieldError("sha256", "no uploaded file with this SHA-256 in your organisation: upload the CSV to /api/evidence-files first") },
            .. file.Errors,
            .. Rules.Text(fileName, "fileName", "the file's name", 300),
        ]);

    /// <summary>
    /// The version's matches, which of them are new against the previous version's, and one signal per entry with a
    /// new match (ids derived from the list's stream position, so a retried import raises the same ones).
    /// </summary>
    public static (EntityListImported Imported, IReadOnlyList<RaiseSignalFromEntityList> Signals) Decide(Guid listId, string name, int listVersion, long streamVersion,
        string sha256, string fileName, EntityListFile file, IReadOnlyList<SignalMatch> previous, Caller caller, DateTimeOffset now)
    {
        var seen = previous.Select(m => (m.SupplierId, m.SiteId)).ToHashSet();
        var perEntry = file.Entries.Select(e => (Entry: e, Matches: SignalMatching.Match(Subjects(e), file.Registry))).ToList();
        var all = perEntry.SelectMany(p => p.Matches).ToList();
        var signals = new List<RaiseSignalFromEntityList>();
        var fresh = new List<SignalMatch>();
        foreach (var (entry, matches) in perEntry)
        {
            var newOnes = matches.Where(m => !seen.Contains((m.SupplierId, m.SiteId))).ToList();
            if (newOnes.Count > 0)
            {
                fresh.AddRange(newOnes);
                signals.Add(new RaiseSignalFromEntityList(Ids.For(listId, streamVersion, signals.Count + 1, now), listId, name, listVersion, entry, newOnes, caller.Actor, now));
                newOnes.ForEach(m => seen.Add((m.SupplierId, m.SiteId)));
            }
        }

        return (new EntityListImported(listId, name, listVersion, sha256.Trim().ToLowerInvariant(), fileName.Trim(), file.Entries, all, fresh, caller.Actor, now), signals);
    }

    public static IReadOnlyList<SignalSubject> Subjects(EntityListEntry entry) =>
        [new SignalSubject(entry.Name, entry.Country, entry.Identifier), .. entry.Aliases.Select(a => new SignalSubject(a, entry.Country))];

    public static OutgoingMessages Messages(IReadOnlyList<RaiseSignalFromEntityList> signals)
    {
        var messages = new OutgoingMessages();
        messages.AddRange(signals);
        return messages;
    }
}

public static class ImportEntityListEndpoint
{
    public static Task<EntityListFile> LoadAsync(ImportEntityList command, IQuerySession session, CancellationToken ct) =>
        EntityListImport.ReadAsync(command.Sha256, session, ct);

    public static ProblemDetails Validate(ImportEntityList command, EntityListFile file) =>
        Problems.Validation([.. Rules.Text(command.Name, "name", "name the list (e.g. UFLPA Entity List)", 200)]) ?? EntityListImport.Check(file, command.FileName) ?? Problems.None;

    public static (EntityListImported Imported, IReadOnlyList<RaiseSignalFromEntityList> Signals) Decide(ImportEntityList command, EntityListFile file, Guid listId, Caller caller,
        DateTimeOffset now) =>
        EntityListImport.Decide(listId, command.Name.Trim(), 1, 0, command.Sha256, command.FileName, file, [], caller, now);

    /// <summary>Import the first version of an entity list.</summary>
    [WolverinePost("/api/entity-lists"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<EntityListResponse>, IStartStream, OutgoingMessages) Post(ImportEntityList command, EntityListFile file, Caller caller, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var (imported, signals) = Decide(command, file, id, caller, now);
        return (TypedResults.Created($"/api/entity-lists/{id}", new EntityListResponse(id, 1, imported.NewMatches.Count, 1)),
            MartenOps.StartStream<EntityList>(id, imported), EntityListImport.Messages(signals));
    }
}

public static class ImportEntityListVersionEndpoint
{
    public static Task<EntityListFile> LoadAsync(ImportEntityListVersion command, IQuerySession session, CancellationToken ct) =>
        EntityListImport.ReadAsync(command.Sha256, session, ct);

    public static ProblemDetails Validate(ImportEntityListVersion command, EntityListFile file) => EntityListImport.Check(file, command.FileName) ?? Problems.None;

    public static (EntityListImported Imported, IReadOnlyList<RaiseSignalFromEntityList> Signals) Decide(ImportEntityListVersion command, EntityList list, EntityListFile file,
        Caller caller, DateTimeOffset now) =>
        EntityListImport.Decide(list.Id, list.Name, list.ListVersion + 1, list.Version, command.Sha256, command.FileName, file, list.Matches, caller, now);

    /// <summary>Import a new version of an entity list: a supplier or site that newly matches raises a signal.</summary>
    [WolverinePost("/api/entity-lists/{entityListId}/versions"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<EntityListResponse>, Events, OutgoingMessages) Post(ImportEntityListVersion command, [WriteAggregate("entityListId")] EntityList list, EntityListFile file,
        Caller caller, DateTimeOffset now)
    {
        var (imported, signals) = Decide(command, list, file, caller, now);
        return (TypedResults.Ok(new EntityListResponse(list.Id, imported.ListVersion, imported.NewMatches.Count, list.Version + 1)), [imported], EntityListImport.Messages(signals));
    }
}

public static class RaiseSignalFromEntityListHandler
{
    public static IReadOnlyList<object> Decide(RaiseSignalFromEntityList m) =>
    [
        new SignalRecorded(m.SignalId, SignalSource.EntityList, m.ListName, DateOnly.FromDateTime(m.At.UtcDateTime), Reliability.Official,
            $"{m.Entry.Name} ({m.Entry.Country}) on {m.ListName}", $"{m.ListName}, version {m.ListVersion}, lists {m.Entry.Name} ({m.Entry.Country}), which matches the registry.",
            RiskCode.FL, EntityListImport.Subjects(m.Entry), [], m.EntityListId, m.ListVersion, m.By, m.At),
        .. RecordSignalEndpoint.Matched(m.SignalId, m.Matches, m.At),
    ];

    /// <summary>Starts the signal's stream; delivered again, it finds the signal there and does nothing.</summary>
    public static async Task Handle(RaiseSignalFromEntityList m, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<SignalDetails>(m.SignalId, ct) is not null)
        {
            return;
        }

        session.Events.StartStream<Signal>(m.SignalId, [.. Decide(m)]);
    }
}
