using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>
/// Extend the deadline because answering within three weeks is disproportionately burdensome (åpenhetsloven § 7):
/// at most two months after receipt, with the reason and the day the requester was told — within the three weeks.
/// </summary>
public sealed record ExtendInformationRequestDeadline(DateOnly NewDueOn, string Reason, DateOnly NoticeSentOn, long? ExpectedVersion = null);

public static class ExtendInformationRequestDeadlineEndpoint
{
    public static ProblemDetails Validate(ExtendInformationRequestDeadline command, InformationRequest request, DateTimeOffset now)
    {
        if (RequestRules.MustBeOpen(request) is { } closed)
        {
            return closed;
        }

        var errors = new List<FieldError>(Rules.Text(command.Reason, "reason", "say why three weeks are not enough"));
        var latest = RequestDeadlines.LatestExtension(request.ReceivedOn);
        if (command.NewDueOn <= request.DueOn)
        {
            errors.Add(new("newDueOn", $"must be after the current deadline ({request.DueOn:yyyy-MM-dd})"));
        }
        else if (command.NewDueOn > latest)
        {
            errors.Add(new("newDueOn", $"at most two months after receipt: {latest:yyyy-MM-dd}"));
        }

        var noticeBy = RequestDeadlines.NoticeBy(request.ReceivedOn);
        if (command.NoticeSentOn < request.ReceivedOn || command.NoticeSentOn > noticeBy || command.NoticeSentOn > Rules.Today(now))
        {
            errors.Add(new("noticeSentOn", $"the requester is told within the three weeks: between {request.ReceivedOn:yyyy-MM-dd} and {noticeBy:yyyy-MM-dd}, not in the future"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static InformationRequestDeadlineExtended Decide(ExtendInformationRequestDeadline command, InformationRequest request, Caller caller, DateTimeOffset now) =>
        new(request.Id, request.DueOn, command.NewDueOn, RequestDeadlines.AnswerBy(command.NewDueOn), command.Reason.Trim(), command.NoticeSentOn, caller.Actor, now);

    /// <summary>Extend a request's deadline; a new overdue check is scheduled (the earlier one finds the deadline moved and does nothing).</summary>
    [WolverinePost("/api/information-requests/{requestId}/extension"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<InformationRequestResponse>, Events, IMartenOp) Post(ExtendInformationRequestDeadline command, [WriteAggregate("requestId")] InformationRequest request,
        Caller caller, DateTimeOffset now)
    {
        var extended = Decide(command, request, caller, now);
        return (TypedResults.Ok(new InformationRequestResponse(request.Id, request.Version + 1)), [extended],
            Deadlines.Schedule(ReceiveInformationRequestEndpoint.Check(request.Id, extended.NewDueOn)));
    }
}
