using EthicalIct.Api.Assessments;
using EthicalIct.Api.InformationRequests;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Signals;
using EthicalIct.Api.SupplierDialogues;
using JasperFx.Events;

namespace EthicalIct.Api.TransparencyAccounts;

/// <summary>
/// Builds the figures of an account (rule <see cref="RuleId"/>, pure) from the organisation's events stored up to the
/// snapshot moment: (b) the risks identified in the year by type, country and tier, significant when their latest
/// priority (as of the moment) is high or critical — the actual impacts and significant risks found; (c) the measures
/// recorded in the year — mitigations decided, risks closed, decisions by kind, assessments concluded by outcome,
/// signals linked to a risk or dismissed, information requests answered or refused, and in the shared supplier
/// dialogues the corrective action plans it approved and the findings it closed. The year is the events' business
/// time (UTC). Given the same events it gives the same figures, so an approved account is reproducible.
/// </summary>
public static class AccountFigures
{
    public const string RuleId = "account-figures-v1";

    /// <summary>The event types the figures read (the loader asks the store for these only).</summary>
    public static readonly Type[] Reads =
    [
        typeof(RiskIdentified), typeof(RiskAssessed), typeof(MitigationDecided), typeof(RiskClosed), typeof(DecisionRecorded), typeof(AssessmentConcluded),
        typeof(SignalLinkedToRisk), typeof(SignalEscalated), typeof(SignalDismissed), typeof(InformationRequestAnswered), typeof(InformationRequestRefused),
    ];

    /// <summary>What the figures read in the shared supplier dialogues: the organisation's own approvals of plans and closures of findings.</summary>
    public static readonly Type[] ReadsShared = [typeof(CapApproved), typeof(FindingClosed)];

    /// <summary>The organisation that acted in a shared dialogue event the figures read.</summary>
    public static string? ActedBy(object data) => data switch
    {
        CapApproved a => a.By.Org,
        FindingClosed f => f.By.Org,
        _ => null,
    };

    public static AccountData Build(int year, DateTimeOffset asOf, IEnumerable<IEvent> events)
    {
        var ordered = events.Where(e => e.Timestamp <= asOf).OrderBy(e => e.Sequence).ToList();
        bool InYear(DateTimeOffset at) => at.UtcDateTime.Year == year;
        var priority = new Dictionary<Guid, Priority>();
        var identified = new List<(RiskIdentified Risk, long Sequence)>();
        var measures = new Dictionary<string, List<long>>();
        void Count(string measure, long sequence) => (measures.TryGetValue(measure, out var list) ? list : measures[measure] = []).Add(sequence);

        foreach (var e in ordered)
        {
            switch (e.Data)
            {
                case RiskIdentified r when InYear(r.At):
                    identified.Add((r, e.Sequence));
                    break;
                case RiskAssessed a:
                    priority[a.RiskId] = a.Priority;
                    break;
                case MitigationDecided m when InYear(m.At):
                    Count("mitigations-decided", e.Sequence);
                    break;
                case RiskClosed c when InYear(c.At):
                    Count("risks-closed", e.Sequence);
                    break;
                case DecisionRecorded d when InYear(d.At) && d.Kind != DecisionKind.Conclude:
                    Count($"decisions:{Infrastructure.ApiJson.Wire(d.Kind)}", e.Sequence);
                    break;
                case AssessmentConcluded c when InYear(c.At):
                    Count($"assessments-concluded:{Infrastructure.ApiJson.Wire(c.Outcome)}", e.Sequence);
                    break;
                case SignalLinkedToRisk s when InYear(s.At):
                    Count("signals-linked-to-a-risk", e.Sequence);
                    break;
                case SignalEscalated s when InYear(s.At):
                    Count("signals-escalated-to-a-finding", e.Sequence);
                    break;
                case SignalDismissed s when InYear(s.At):
                    Count("signals-dismissed", e.Sequence);
                    break;
                case InformationRequestAnswered a when InYear(a.At):
                    Count(a.OnTime ? "information-requests-answered-on-time" : "information-requests-answered-late", e.Sequence);
                    break;
                case InformationRequestRefused r when InYear(r.At):
                    Count("information-requests-refused", e.Sequence);
                    break;
                case CapApproved a when InYear(a.At):
                    Count("corrective-action-plans-approved", e.Sequence);
                    break;
                case FindingClosed f when InYear(f.At):
                    Count("findings-closed", e.Sequence);
                    break;
            }
        }

        bool Significant(Guid riskId) => priority.TryGetValue(riskId, out var p) && p is Priority.High or Priority.Critical;
        var risks = identified.GroupBy(x => (Code: x.Risk.Code.ToString(), x.Risk.Country, Tier: x.Risk.Tier.ToString()))
            .OrderBy(g => g.Key.Code, StringComparer.Ordinal).ThenBy(g => g.Key.Country, StringComparer.Ordinal).ThenBy(g => g.Key.Tier, StringComparer.Ordinal)
            .Select(g => new RiskFigure(g.Key.Code, g.Key.Country, g.Key.Tier, g.Count(), g.Count(x => Significant(x.Risk.RiskId)), [.. g.Select(x => x.Sequence)]))
            .ToList();
        return new AccountData(year, asOf.ToUniversalTime(), RuleId, risks, identified.Count(x => Significant(x.Risk.RiskId)),
            [.. measures.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new MeasureFigure(m.Key, m.Value.Count, m.Value))], ordered.Count);
    }

    /// <summary>The SHA-256 of the figures' canonical JSON (what the approval records and a reproduction is compared with).</summary>
    public static string Sha256(AccountData data) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(data, Infrastructure.ApiJson.Options)));
}
