using System.Text.Json.Serialization;

namespace EthicalIct.Api.SupplierDialogues;

public enum DialogueStatus { [JsonStringEnumMemberName("open")] Open, [JsonStringEnumMemberName("closed")] Closed }

public enum QuestionnaireStatus
{
    [JsonStringEnumMemberName("sent")] Sent,
    [JsonStringEnumMemberName("overdue")] Overdue,
    [JsonStringEnumMemberName("under-review")] UnderReview,
    [JsonStringEnumMemberName("reviewed")] Reviewed,
}

public enum AnswerValue { [JsonStringEnumMemberName("yes")] Yes, [JsonStringEnumMemberName("no")] No, [JsonStringEnumMemberName("not-applicable")] NotApplicable }

/// <summary>Finding grades (RBA): priority is the most serious.</summary>
public enum FindingGrade
{
    [JsonStringEnumMemberName("observation")] Observation,
    [JsonStringEnumMemberName("minor")] Minor,
    [JsonStringEnumMemberName("major")] Major,
    [JsonStringEnumMemberName("priority")] Priority,
}

public enum FindingStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("disputed")] Disputed,
    [JsonStringEnumMemberName("verified")] Verified,
    [JsonStringEnumMemberName("closed")] Closed,
}

public enum CapStatus { [JsonStringEnumMemberName("submitted")] Submitted, [JsonStringEnumMemberName("approved")] Approved, [JsonStringEnumMemberName("rejected")] Rejected }

/// <summary>
/// How a correction was verified. Desk review and (announced) on-site audit rest on what the supplier arranges or
/// provides; the others reach workers or facts the supplier does not control (see <see cref="ReferenceData.VerificationRule"/>).
/// </summary>
public enum VerificationMethod
{
    [JsonStringEnumMemberName("desk")] Desk,
    [JsonStringEnumMemberName("on-site")] OnSite,
    [JsonStringEnumMemberName("unannounced-audit")] UnannouncedAudit,
    [JsonStringEnumMemberName("worker-interviews")] WorkerInterviews,
    [JsonStringEnumMemberName("worker-voice-survey")] WorkerVoiceSurvey,
    [JsonStringEnumMemberName("traceability")] Traceability,
    [JsonStringEnumMemberName("independent-monitor")] IndependentMonitor,
}

public enum VerificationResult { [JsonStringEnumMemberName("passed")] Passed, [JsonStringEnumMemberName("failed")] Failed }

public enum EscalationStep
{
    [JsonStringEnumMemberName("reminder")] Reminder,
    [JsonStringEnumMemberName("management-meeting")] ManagementMeeting,
    [JsonStringEnumMemberName("joint-letter")] JointLetter,
    [JsonStringEnumMemberName("contract-sanction")] ContractSanction,
    [JsonStringEnumMemberName("termination-considered")] TerminationConsidered,
}
