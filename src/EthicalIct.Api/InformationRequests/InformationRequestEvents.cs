using System.Text.Json.Serialization;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Roundtables;

namespace EthicalIct.Api.InformationRequests;

/// <summary>Incoming: a person asked the organisation (åpenhetsloven § 6). Outgoing: the organisation asked a supplier.</summary>
public enum RequestDirection
{
    [JsonStringEnumMemberName("incoming")] Incoming,
    [JsonStringEnumMemberName("outgoing")] Outgoing,
}

public enum RequestChannel
{
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("letter")] Letter,
    [JsonStringEnumMemberName("web-form")] WebForm,
    [JsonStringEnumMemberName("in-person")] InPerson,

    /// <summary>Routed from another party, which received it first.</summary>
    [JsonStringEnumMemberName("routed")] Routed,
}

public enum RequestStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("answered")] Answered,
    [JsonStringEnumMemberName("refused")] Refused,

    /// <summary>Passed to the party whose contract or supplier it concerns; this organisation's handling ended.</summary>
    [JsonStringEnumMemberName("routed")] Routed,
}

/// <summary>The grounds on which åpenhetsloven § 6 lets a request be refused (docs/adr/0020).</summary>
public enum RefusalGround
{
    /// <summary>The request does not give enough to identify what it concerns.</summary>
    [JsonStringEnumMemberName("unidentifiable")] Unidentifiable,

    [JsonStringEnumMemberName("manifestly-unreasonable")] ManifestlyUnreasonable,

    /// <summary>The information asked for concerns someone's personal circumstances.</summary>
    [JsonStringEnumMemberName("personal-data")] PersonalData,

    /// <summary>Technical or business matters that it is of competitive importance to keep secret for the one they concern.</summary>
    [JsonStringEnumMemberName("business-secret")] BusinessSecret,
}

/// <summary>
/// A request for information received (or, outgoing, sent to a supplier): the question, who asked (absent when
/// anonymous), the day it was received, and its deadline under <see cref="RequestDeadlines"/> with the last working day
/// to answer by.
/// </summary>
public sealed record InformationRequestReceived(Guid RequestId, RequestDirection Direction, RequestChannel Channel, string? Requester, Guid? SupplierId,
    string Question, DateOnly ReceivedOn, DateOnly DueOn, DateOnly AnswerBy, string DeadlineRule, Guid? RoutedFromRequestId, string? RoutedFromOrg,
    Actor By, DateTimeOffset At);

public sealed record InformationRequestAssigned(Guid RequestId, string Assignee, Actor By, DateTimeOffset At);

/// <summary>The deadline moved (at most two months from receipt), with the reason and the day the requester was told.</summary>
public sealed record InformationRequestDeadlineExtended(Guid RequestId, DateOnly PreviousDueOn, DateOnly NewDueOn, DateOnly AnswerBy, string Reason, DateOnly NoticeSentOn,
    Actor By, DateTimeOffset At);

/// <summary>Passed to another party (its contract or a supplier it follows); the question and the requester go with it.</summary>
public sealed record InformationRequestRouted(Guid RequestId, string ToOrg, string Reason, string Question, string? Requester, DateOnly ReceivedOn, Actor By, DateTimeOffset At);

public sealed record InformationRequestAnswered(Guid RequestId, string Answer, IReadOnlyList<EvidenceRef> Evidence, DateOnly AnsweredOn, bool OnTime, Actor By, DateTimeOffset At);

public sealed record InformationRequestRefused(Guid RequestId, RefusalGround Ground, string Explanation, DateOnly RefusedOn, bool OnTime, Actor By, DateTimeOffset At);

public sealed record InformationRequestBecameOverdue(Guid RequestId, DateOnly DueOn, Actor By, DateTimeOffset At);
