using EthicalIct.Api.Identity;
using EthicalIct.Api.Organisations;
using Marten;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// The organisations the service admits, as of one request: the parties of the cooperation agreement (before any
/// agreement is recorded, the founding parties from configuration), and the former parties, whose auditors keep
/// reading their records. Bound to commands and views as a <c>PartySet parties</c> parameter.
/// </summary>
public sealed record PartySet(IReadOnlyList<Organisation> Current, IReadOnlyList<Organisation> Former)
{
    /// <summary>Observer organisations outside the agreement (<see cref="ObserverRegistry"/>): admitted in the observer role only.</summary>
    public IReadOnlyList<Organisation> Observers { get; init; } = [];

    public bool IsParty(string? orgNumber) => Current.Any(p => p.OrgNumber == orgNumber);

    public Organisation? Find(string? orgNumber) => Current.FirstOrDefault(p => p.OrgNumber == orgNumber) ?? Former.FirstOrDefault(p => p.OrgNumber == orgNumber);

    /// <summary>
    /// A party's people in any role (a party's observer tokens see what an observer sees); a former party's auditors
    /// (reads only: auditors never write); a registered observer organisation in the observer role.
    /// </summary>
    public bool Admits(Caller caller) => IsParty(caller.OrgNumber) || (caller.Role == Role.Auditor && Former.Any(f => f.OrgNumber == caller.OrgNumber))
        || (caller.Role == Role.Observer && Observers.Any(o => o.OrgNumber == caller.OrgNumber));

    public string Listed() => string.Join(", ", Current.Select(p => p.OrgNumber));

    public static PartySet Of(CooperationAgreement? agreement, IReadOnlyList<Organisation> founding, ObserverRegistry? observers = null) =>
        (agreement is null ? new PartySet(founding, []) : new PartySet([.. agreement.Parties], [.. agreement.Former])) with { Observers = [.. observers?.Observers ?? []] };
}

/// <summary>
/// Holds the <see cref="PartySet"/> in force in this process: loaded at start, reloaded after every commit that
/// touches the agreement (<see cref="ReloadOnAgreementChange"/>) and every <see cref="PollInterval"/> so that a
/// change made through another node arrives too.
/// </summary>
public sealed class Parties(IReadOnlyList<Organisation> founding)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private PartySet _current = new(founding, []);

    public IReadOnlyList<Organisation> Founding { get; } = founding;

    public PartySet Current => Volatile.Read(ref _current);

    public async Task ReloadAsync(IDocumentStore store, CancellationToken ct)
    {
        // The agreement is a global (single-tenanted) document; any organisation's session reads it.
        await using var session = store.QuerySession(Founding[0].OrgNumber);
        var agreement = await session.LoadAsync<CooperationAgreement>(CooperationAgreement.StreamId, ct);
        var observers = await ObserverRegistry.LoadAsync(session, ct);
        Volatile.Write(ref _current, PartySet.Of(agreement, Founding, observers));
    }
}

/// <summary>Reloads <see cref="Parties"/> after a commit that appended to the agreement's stream.</summary>
public sealed class ReloadOnAgreementChange(Parties parties) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token) =>
        commit.GetStreams().Any(s => s.Id == CooperationAgreement.StreamId) || commit.GetEvents().Any(e => e.Data is ObserverRegistered or ObserverRemoved)
            ? parties.ReloadAsync(session.DocumentStore, token)
            : Task.CompletedTask;
}

/// <summary>Loads the parties before the service takes requests, then polls for changes made through other nodes.</summary>
public sealed class PartiesLoader(Parties parties, IDocumentStore store, ILogger<PartiesLoader> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Parties.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TryReloadAsync(stoppingToken);
        }
    }

    private async Task TryReloadAsync(CancellationToken ct)
    {
        try
        {
            await parties.ReloadAsync(store, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && Infrastructure.ErrorHandling.IsExpected(e))
        {
            logger.LogWarning("The cooperation agreement could not be read ({Reason}); keeping the parties known so far.", e.Message);
        }
    }
}
