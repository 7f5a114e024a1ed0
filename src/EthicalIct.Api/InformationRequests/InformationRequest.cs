using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.InformationRequests;

/// <summary>
/// The write model of an information request (inline snapshot in the receiving organisation's tenant): what its
/// decisions read — direction, status, the day it was received, the deadline, whether it went overdue.
/// </summary>
public sealed class InformationRequest : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public RequestDirection Direction { get; set; }

    public RequestStatus Status { get; set; } = RequestStatus.Open;

    public DateOnly ReceivedOn { get; set; }

    public DateOnly DueOn { get; set; }

    public bool Overdue { get; set; }

    public string Question { get; set; } = "";

    public string? Requester { get; set; }

    public static InformationRequest Create(InformationRequestReceived e) => new()
    {
        Id = e.RequestId, Direction = e.Direction, ReceivedOn = e.ReceivedOn, DueOn = e.DueOn, Question = e.Question, Requester = e.Requester,
    };

    public void Apply(InformationRequestDeadlineExtended e) => (DueOn, Overdue) = (e.NewDueOn, false);

    public void Apply(InformationRequestRouted e) => Status = RequestStatus.Routed;

    public void Apply(InformationRequestAnswered e) => Status = RequestStatus.Answered;

    public void Apply(InformationRequestRefused e) => Status = RequestStatus.Refused;

    public void Apply(InformationRequestBecameOverdue e) => Overdue = true;
}
