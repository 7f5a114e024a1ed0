using EthicalIct.Api.Identity;
using EthicalIct.Api.Organisations;
using Marten;
using Wolverine.Http;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// The agreement as the parties read it: the parties and former parties, every version with its terms and who signed
/// when, and every accession with who approved or declined. Its own inline projection; nothing is overwritten.
/// </summary>
public sealed class AgreementDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public List<Organisation> Parties { get; set; } = [];

    public List<FormerParty> Former { get; set; } = [];

    public int InForce { get; set; }

    public List<AgreementVersionView> Versions { get; set; } = [];

    public List<AccessionView> Accessions { get; set; } = [];

    public static AgreementDetails Create(AgreementVersionProposed e) => new AgreementDetails { Id = e.AgreementId, Parties = [.. e.Parties] }.With(e);

    public void Apply(AgreementVersionProposed e) => With(e);

    private AgreementDetails With(AgreementVersionProposed e)
    {
        Versions.Add(new AgreementVersionView(e.Version, e.Purpose, e.SharingPolicy, e.Parties.Select(p => p.OrgNumber).ToList(), e.By, e.At, [], null));
        return this;
    }

    public void Apply(AgreementSigned e) => Versions.First(v => v.Number == e.Version).Signatures.Add(new Signature(e.OrgNumber, e.By, e.At));

    public void Apply(AgreementEnteredIntoForce e)
    {
        InForce = e.Version;
        var i = Versions.FindIndex(v => v.Number == e.Version);
        Versions[i] = Versions[i] with { InForceFrom = e.At };
    }

    public void Apply(AccessionProposed e) => Accessions.Add(new AccessionView(e.Candidate, e.By, e.At, [], null, null));

    public void Apply(AccessionApproved e) => Open(e.CandidateOrg)?.Approvals.Add(new Signature(e.ApprovingOrg, e.By, e.At));

    public void Apply(AccessionDeclined e) => Close(e.CandidateOrg, a => a with { Outcome = "declined", Decided = new Decision(e.DecliningOrg, e.Reason, e.By, e.At) });

    public void Apply(PartyAcceded e)
    {
        Close(e.Party.OrgNumber, a => a with { Outcome = "acceded", Decided = new Decision(e.By.Org, null, e.By, e.At) });
        Former.RemoveAll(f => f.Party.OrgNumber == e.Party.OrgNumber);
        Parties.Add(e.Party);
    }

    public void Apply(PartyLeft e)
    {
        var leaving = Parties.First(p => p.OrgNumber == e.OrgNumber);
        Parties.Remove(leaving);
        Former.Add(new FormerParty(leaving, e.Reason, e.By, e.At));
    }

    private AccessionView? Open(string org) => Accessions.LastOrDefault(a => a.Candidate.OrgNumber == org && a.Outcome is null);

    private void Close(string org, Func<AccessionView, AccessionView> change)
    {
        var i = Accessions.FindLastIndex(a => a.Candidate.OrgNumber == org && a.Outcome is null);
        if (i >= 0)
        {
            Accessions[i] = change(Accessions[i]);
        }
    }
}

public sealed record Signature(string OrgNumber, Actor By, DateTimeOffset At);

public sealed record Decision(string OrgNumber, string? Reason, Actor By, DateTimeOffset At);

public sealed record AgreementVersionView(int Number, string Purpose, IReadOnlyList<SharingRule> SharingPolicy, List<string> Parties, Actor ProposedBy,
    DateTimeOffset ProposedAt, List<Signature> Signatures, DateTimeOffset? InForceFrom);

public sealed record AccessionView(Organisation Candidate, Actor ProposedBy, DateTimeOffset ProposedAt, List<Signature> Approvals, string? Outcome, Decision? Decided);

public sealed record FormerParty(Organisation Party, string Reason, Actor By, DateTimeOffset At);

public static class GetAgreementEndpoint
{
    /// <summary>
    /// The cooperation agreement: parties, former parties, versions with signatures, accessions with approvals.
    /// Before any version is proposed, the founding parties from configuration and no versions.
    /// </summary>
    [WolverineGet("/api/cooperation-agreement"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    public static async Task<AgreementDetails> Get(IQuerySession session, PartySet parties, CancellationToken ct) =>
        await session.LoadAsync<AgreementDetails>(CooperationAgreement.StreamId, ct)
        ?? new AgreementDetails { Id = CooperationAgreement.StreamId, Parties = [.. parties.Current] };
}
