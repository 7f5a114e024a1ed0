using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Roundtables;

namespace EthicalIct.Api.InformationRequests;

public sealed record RequestStep(string What, Actor By, DateTimeOffset At);

/// <summary>
/// One information request as its organisation reads it (inline, tenanted): the question, who asked, deadlines, who
/// handles it, the answer with the evidence it relies on or the refusal with its ground, whether it was on time, and
/// every step with who and when.
/// </summary>
[SnapshotsAsOf(typeof(InformationRequest))]
public sealed class InformationRequestDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public RequestDirection Direction { get; set; }

    public RequestChannel Channel { get; set; }

    public string? Requester { get; set; }

    public Guid? SupplierId { get; set; }

    public string Question { get; set; } = "";

    public DateOnly ReceivedOn { get; set; }

    /// <summary>The deadline under the Act (after any extension).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The last working day on or before <see cref="DueOn"/>.</summary>
    public DateOnly AnswerBy { get; set; }

    public string DeadlineRule { get; set; } = "";

    public RequestStatus Status { get; set; } = RequestStatus.Open;

    public bool Overdue { get; set; }

    public string? Assignee { get; set; }

    public string? RoutedFromOrg { get; set; }

    public Guid? RoutedFromRequestId { get; set; }

    public string? RoutedToOrg { get; set; }

    public string? Answer { get; set; }

    public List<EvidenceRef> Evidence { get; set; } = [];

    public RefusalGround? RefusalGround { get; set; }

    public string? RefusalExplanation { get; set; }

    /// <summary>The day it was answered or refused.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>Answered or refused on or before the deadline (null while open or when routed).</summary>
    public bool? OnTime { get; set; }

    public List<RequestStep> Steps { get; set; } = [];

    public Actor ReceivedBy { get; set; } = Actor.System;

    public DateTimeOffset ReceivedAt { get; set; }

    public static InformationRequestDetails Create(InformationRequestReceived e) => new()
    {
        Id = e.RequestId, Direction = e.Direction, Channel = e.Channel, Requester = e.Requester, SupplierId = e.SupplierId, Question = e.Question,
        ReceivedOn = e.ReceivedOn, DueOn = e.DueOn, AnswerBy = e.AnswerBy, DeadlineRule = e.DeadlineRule, RoutedFromOrg = e.RoutedFromOrg,
        RoutedFromRequestId = e.RoutedFromRequestId, ReceivedBy = e.By, ReceivedAt = e.At,
        Steps = [new RequestStep($"received {e.ReceivedOn:yyyy-MM-dd}, due {e.DueOn:yyyy-MM-dd}", e.By, e.At)],
    };

    public void Apply(InformationRequestAssigned e)
    {
        Assignee = e.Assignee;
        Steps.Add(new RequestStep($"assigned to {e.Assignee}", e.By, e.At));
    }

    public void Apply(InformationRequestDeadlineExtended e)
    {
        (DueOn, AnswerBy, Overdue) = (e.NewDueOn, e.AnswerBy, false);
        Steps.Add(new RequestStep($"deadline extended to {e.NewDueOn:yyyy-MM-dd} (was {e.PreviousDueOn:yyyy-MM-dd}; requester told {e.NoticeSentOn:yyyy-MM-dd}): {e.Reason}", e.By, e.At));
    }

    public void Apply(InformationRequestRouted e)
    {
        (Status, RoutedToOrg) = (RequestStatus.Routed, e.ToOrg);
        Steps.Add(new RequestStep($"routed to {e.ToOrg}: {e.Reason}", e.By, e.At));
    }

    public void Apply(InformationRequestAnswered e)
    {
        (Status, Answer, Evidence, ClosedOn, OnTime) = (RequestStatus.Answered, e.Answer, [.. e.Evidence], e.AnsweredOn, e.OnTime);
        Steps.Add(new RequestStep($"answered {e.AnsweredOn:yyyy-MM-dd}{(e.OnTime ? "" : " (late)")}", e.By, e.At));
    }

    public void Apply(InformationRequestRefused e)
    {
        (Status, RefusalGround, RefusalExplanation, ClosedOn, OnTime) = (RequestStatus.Refused, e.Ground, e.Explanation, e.RefusedOn, e.OnTime);
        Steps.Add(new RequestStep($"refused {e.RefusedOn:yyyy-MM-dd}{(e.OnTime ? "" : " (late)")}", e.By, e.At));
    }

    public void Apply(InformationRequestBecameOverdue e)
    {
        Overdue = true;
        Steps.Add(new RequestStep($"overdue (due {e.DueOn:yyyy-MM-dd})", e.By, e.At));
    }
}

/// <summary>
/// A request routed to an organisation, as that organisation sees it before taking it over (single-tenanted: the
/// routing organisation's record stays its own; this copy carries only what the receiving party needs to answer).
/// </summary>
public sealed class RoutedInformationRequest
{
    public Guid Id { get; set; }

    public string FromOrg { get; set; } = "";

    public string ToOrg { get; set; } = "";

    public string Question { get; set; } = "";

    public string? Requester { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public string Reason { get; set; } = "";

    public Actor RoutedBy { get; set; } = Actor.System;

    public DateTimeOffset RoutedAt { get; set; }
}

public sealed partial class RoutedInformationRequestProjection : Marten.Events.Projections.EventProjection
{
    public RoutedInformationRequest Create(InformationRequestRouted e) => new()
    {
        Id = e.RequestId, FromOrg = e.By.Org, ToOrg = e.ToOrg, Question = e.Question, Requester = e.Requester, ReceivedOn = e.ReceivedOn, Reason = e.Reason,
        RoutedBy = e.By, RoutedAt = e.At,
    };
}
