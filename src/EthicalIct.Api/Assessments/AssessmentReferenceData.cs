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

public enum RiskStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
}
