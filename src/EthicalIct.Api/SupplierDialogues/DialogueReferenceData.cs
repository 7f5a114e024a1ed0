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

public enum VerificationMethod { [JsonStringEnumMemberName("desk")] Desk, [JsonStringEnumMemberName("on-site")] OnSite }

public enum VerificationResult { [JsonStringEnumMemberName("passed")] Passed, [JsonStringEnumMemberName("failed")] Failed }

public enum EscalationStep
{
    [JsonStringEnumMemberName("reminder")] Reminder,
    [JsonStringEnumMemberName("management-meeting")] ManagementMeeting,
    [JsonStringEnumMemberName("joint-letter")] JointLetter,
    [JsonStringEnumMemberName("contract-sanction")] ContractSanction,
    [JsonStringEnumMemberName("termination-considered")] TerminationConsidered,
}
