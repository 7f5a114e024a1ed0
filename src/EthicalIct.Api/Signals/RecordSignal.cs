using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Signals;

/// <summary>
/// Record a signal from an outside source: its source and reliability, when it was published, what it says, the risk
/// type it points to, the companies or sites it names (<c>subjects</c>: name, country, identifier), and the documents
/// it rests on (title and SHA-256). The names are matched to the registry at once (<see cref="SignalMatching"/>).
/// </summary>
public sealed record RecordSignal(SignalSource Source, string SourceName, DateOnly PublishedOn, Reliability Reliability, string Title, string Summary,
    IReadOnlyList<SignalSubject> Subjects, RiskCode? Code = null, IReadOnlyList<EvidenceRef>? Evidence = null);

public sealed record SignalResponse(Guid SignalId, long Version);

public static class RecordSignalEndpoint
{
    public const int MaxRegistry = 10_000;

    /// <summary>The registry the names are matched against.</summary>
    public static async Task<IReadOnlyList<SupplierDetails>> LoadAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<SupplierDetails>().Take(MaxRegistry).ToListAsync(ct);

    public static ProblemDetails Validate(RecordSignal command, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        errors.AddRange(Rules.Text(command.SourceName, "sourceName", "name the source (the report, outlet, organisation or channel)", 300));
        errors.AddRange(Rules.Text(command.Title, "title", "give the signal a title", 300));
        errors.AddRange(Rules.Text(command.Summary, "summary", "say what the source reports"));
        if (command.PublishedOn > Rules.Today(now))
        {
            errors.Add(new("publishedOn", "must not be in the future"));
        }

        if ((command.Subjects ?? []).Count is 0 or > 50)
        {
            errors.Add(new("subjects", "name 1 to 50 companies or sites the signal concerns"));
        }

        for (var i = 0; i < (command.Subjects ?? []).Count && i < 50; i++)
        {
            var s = command.Subjects![i];
            errors.AddRange(Rules.Text(s.Name, $"subjects[{i}].name", "the name the source gives", 300));
            if (s.Country is { } c && !Countries.IsValid(c))
            {
                errors.Add(new($"subjects[{i}].country", "an upper-case ISO 3166-1 alpha-2 code"));
            }
        }

        errors.AddRange(Evidence.EvidenceRules.References(command.Evidence));
        return Problems.Validation(errors) ?? Problems.None;
    }

    public static IReadOnlyList<object> Decide(RecordSignal command, IReadOnlyList<SupplierDetails> registry, Guid signalId, Caller caller, DateTimeOffset now)
    {
        var subjects = command.Subjects.Select(s => new SignalSubject(s.Name.Trim(), s.Country, string.IsNullOrWhiteSpace(s.Identifier) ? null : s.Identifier.Trim())).ToList();
        var recorded = new SignalRecorded(signalId, command.Source, command.SourceName.Trim(), command.PublishedOn, command.Reliability, command.Title.Trim(), command.Summary.Trim(),
            command.Code, subjects, [.. (command.Evidence ?? []).Select(e => e with { Title = e.Title.Trim(), Sha256 = e.Sha256.ToLowerInvariant() })], null, null, caller.Actor, now);
        return [recorded, .. Matched(signalId, SignalMatching.Match(subjects, registry), now)];
    }

    /// <summary>The matcher's finds: by identifier or name confirmed at once, a similar name proposed (by the system).</summary>
    public static IEnumerable<SignalMatched> Matched(Guid signalId, IReadOnlyList<SignalMatch> matches, DateTimeOffset now) =>
        matches.Select(m => new SignalMatched(signalId, m, m.Kind != MatchKind.SimilarName, Actor.System, now));

    /// <summary>Record a signal; its names are matched to the registry.</summary>
    [WolverinePost("/api/signals"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Created<SignalResponse>, IStartStream) Post(RecordSignal command, IReadOnlyList<SupplierDetails> registry, Caller caller, DateTimeOffset now)
    {
        var events = Decide(command, registry, Guid.CreateVersion7(now), caller, now);
        var id = ((SignalRecorded)events[0]).SignalId;
        return (TypedResults.Created($"/api/signals/{id}", new SignalResponse(id, events.Count)), MartenOps.StartStream<Signal>(id, [.. events]));
    }
}
