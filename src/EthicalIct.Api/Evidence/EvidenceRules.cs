using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.Evidence;

public enum EvidenceKind
{
    [JsonStringEnumMemberName("self-assessment-answer")] SelfAssessmentAnswer,
    [JsonStringEnumMemberName("audit-report")] AuditReport,
    [JsonStringEnumMemberName("monitoring-report")] MonitoringReport,
    [JsonStringEnumMemberName("media-report")] MediaReport,
    [JsonStringEnumMemberName("open-source-finding")] OpenSourceFinding,
    [JsonStringEnumMemberName("meeting-minutes")] MeetingMinutes,
    [JsonStringEnumMemberName("certificate")] Certificate,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>
/// Access under offentleglova: <c>open</c> documents can be released on request; <c>exempt</c> ones are withheld
/// and must name the legal basis (e.g. "offl. § 13 jf. fvl. § 13 første ledd nr. 2").
/// </summary>
public enum AccessClass
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("exempt")] Exempt,
}

/// <summary>The rules every evidence registration follows, whichever stream it is registered in (ADR 0006).</summary>
public static partial class EvidenceRules
{
    /// <summary>A SHA-256 as the service writes it: 64 hex digits.</summary>
    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(Uri.IsHexDigit);

    /// <summary>References to documents (title and SHA-256) in a command's <c>evidence</c> list: each named, each hash 64 hex digits.</summary>
    public static IEnumerable<FieldError> References(IReadOnlyList<Roundtables.EvidenceRef>? evidence)
    {
        var list = evidence ?? [];
        for (var i = 0; i < list.Count && i < 100; i++)
        {
            foreach (var e in Rules.Text(list[i].Title, $"evidence[{i}].title", "name the document", 300))
            {
                yield return e;
            }

            if (!IsSha256(list[i].Sha256))
            {
                yield return new FieldError($"evidence[{i}].sha256", "the 64 hex digits of the document's SHA-256");
            }
        }
    }

    public static IReadOnlyList<FieldError> Metadata(string title, string source, string fileName, DateOnly receivedOn, string? sha256,
        AccessClass accessClass, string? legalBasis, StoredFile? file, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        errors.AddRange(Rules.Text(title, "title", "give the evidence a title", 300));
        errors.AddRange(Rules.Text(source, "source", "say where the evidence comes from", 500));
        errors.AddRange(Rules.Text(fileName, "fileName", "give the file's name", 255));
        if (receivedOn > Rules.Today(now))
        {
            errors.Add(new("receivedOn", "must not be in the future"));
        }

        if (!Sha256Pattern().IsMatch(sha256 ?? ""))
        {
            errors.Add(new("sha256", "must be the 64 lower-case hex digits answered by POST /api/evidence-files"));
        }
        else if (file is null)
        {
            errors.Add(new("sha256", "no file with this hash was uploaded by your organisation"));
        }

        if (accessClass == AccessClass.Exempt && string.IsNullOrWhiteSpace(legalBasis))
        {
            errors.Add(new("legalBasis", "exempt evidence must name its legal basis, e.g. \"offl. § 13 jf. fvl. § 13 første ledd nr. 2\""));
        }
        else if (accessClass == AccessClass.Open && !string.IsNullOrWhiteSpace(legalBasis))
        {
            errors.Add(new("legalBasis", "open evidence has no exemption basis; use accessClass \"exempt\""));
        }

        return errors;
    }

    public static string? LegalBasis(string? legalBasis) => string.IsNullOrWhiteSpace(legalBasis) ? null : legalBasis.Trim();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
