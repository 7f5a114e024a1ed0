using System.Text.Json.Serialization;

namespace EthicalIct.Api.Assessments;

public enum AssessmentStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("concluded")] Concluded,
}

public enum AssessmentOutcome
{
    [JsonStringEnumMemberName("no-significant-risk")] NoSignificantRisk,
    [JsonStringEnumMemberName("risks-mitigated")] RisksMitigated,
    [JsonStringEnumMemberName("escalated")] Escalated,
}

public enum DecisionKind
{
    [JsonStringEnumMemberName("prioritise")] Prioritise,
    [JsonStringEnumMemberName("request-self-assessment")] RequestSelfAssessment,
    [JsonStringEnumMemberName("request-audit")] RequestAudit,
    [JsonStringEnumMemberName("accept-mitigation")] AcceptMitigation,
    [JsonStringEnumMemberName("escalate")] Escalate,
    [JsonStringEnumMemberName("conclude")] Conclude,
}

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

public enum RiskStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
}
