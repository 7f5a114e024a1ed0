using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Organisations;

namespace EthicalIct.Api.Cooperation;

/// <summary>
/// The write model of the cooperation agreement: who the parties are, which version is in force, the version
/// awaiting signatures and the accessions awaiting approval. Also what <see cref="Parties"/> reads to decide which
/// organisations the service admits. One global stream with a well-known id.
/// </summary>
public sealed class CooperationAgreement : IWriteModel
{
    /// <summary>The agreement's stream id (there is one agreement per deployment).</summary>
    public static readonly Guid StreamId = new("c0a9ee00-0000-4000-8000-000000000001");

    public Guid Id { get; set; }

    public long Version { get; set; }

    /// <summary>The parties now, in order of joining.</summary>
    public List<Organisation> Parties { get; set; } = [];

    /// <summary>Organisations that left; their records stay readable to their auditors.</summary>
    public List<Organisation> Former { get; set; } = [];

    /// <summary>The agreement version in force (0: none signed yet; the founding parties cooperate as configured).</summary>
    public int InForce { get; set; }

    public string? Purpose { get; set; }

    public List<SharingRule> SharingPolicy { get; set; } = [];

    public int LatestVersion { get; set; }

    public PendingVersion? Pending { get; set; }

    public Dictionary<string, PendingAccession> Accessions { get; set; } = [];

    public bool IsParty(string orgNumber) => Parties.Any(p => p.OrgNumber == orgNumber);

    /// <summary>The parties still to sign the pending version (those who left need not).</summary>
    public IReadOnlyList<string> StillToSign() =>
        Pending is null ? [] : [.. Pending.Parties.Select(p => p.OrgNumber).Where(o => IsParty(o) && !Pending.SignedBy.Contains(o))];

    /// <summary>The current parties that have not yet approved the candidate.</summary>
    public IReadOnlyList<string> StillToApprove(string candidate) =>
        Accessions.TryGetValue(candidate, out var a) ? [.. Parties.Select(p => p.OrgNumber).Where(o => !a.ApprovedBy.Contains(o))] : [];

    public static CooperationAgreement Create(AgreementVersionProposed e) => new CooperationAgreement { Id = e.AgreementId, Parties = [.. e.Parties] }.With(e);

    public void Apply(AgreementVersionProposed e) => With(e);

    private CooperationAgreement With(AgreementVersionProposed e)
    {
        LatestVersion = e.Version;
        Pending = new PendingVersion(e.Version, e.Purpose, [.. e.SharingPolicy], [.. e.Parties], []);
        return this;
    }

    public void Apply(AgreementSigned e) => Pending?.SignedBy.Add(e.OrgNumber);

    public void Apply(AgreementEnteredIntoForce e)
    {
        InForce = e.Version;
        Purpose = Pending?.Purpose;
        SharingPolicy = Pending?.SharingPolicy ?? SharingPolicy;
        Pending = null;
    }

    public void Apply(AccessionProposed e) => Accessions[e.Candidate.OrgNumber] = new PendingAccession(e.Candidate, []);

    public void Apply(AccessionApproved e)
    {
        if (Accessions.TryGetValue(e.CandidateOrg, out var a))
        {
            a.ApprovedBy.Add(e.ApprovingOrg);
        }
    }

    public void Apply(AccessionDeclined e) => Accessions.Remove(e.CandidateOrg);

    public void Apply(PartyAcceded e)
    {
        Accessions.Remove(e.Party.OrgNumber);
        Former.RemoveAll(f => f.OrgNumber == e.Party.OrgNumber);
        Parties.Add(e.Party);
    }

    public void Apply(PartyLeft e)
    {
        var leaving = Parties.First(p => p.OrgNumber == e.OrgNumber);
        Parties.Remove(leaving);
        Former.Add(leaving);
        foreach (var a in Accessions.Values)
        {
            a.ApprovedBy.Remove(e.OrgNumber);
        }
    }
}

public sealed record PendingVersion(int Version, string Purpose, List<SharingRule> SharingPolicy, List<Organisation> Parties, HashSet<string> SignedBy);

public sealed record PendingAccession(Organisation Candidate, HashSet<string> ApprovedBy);
