using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Roundtables;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.InformationRequests;

/// <summary>Record the answer given, with the evidence it relies on (title and SHA-256 of each document) and the day it was sent (default today).</summary>
public sealed record AnswerInformationRequest(string Answer, IReadOnlyList<EvidenceRef>? Evidence = null, DateOnly? AnsweredOn = null, long? ExpectedVersion = null);

public static class AnswerInformationRequestEndpoint
{
    public static ProblemDetails Validate(AnswerInformationRequest command, InformationRequest request, DateTimeOffset now)
    {
        if (RequestRules.MustBeOpen(request) is { } closed)
        {
            return closed;
        }

        var errors = new List<FieldError>(Rules.Text(command.Answer, "answer", "write down the answer given"));
        errors.AddRange(RequestRules.Day(command.AnsweredOn, "answeredOn", request, now));
        var evidence = command.Evidence ?? [];
        errors.AddRange(Evidence.EvidenceRules.References(evidence));
        if (evidence.Count > 100)
        {
            errors.Add(new("evidence", "at most 100 documents"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    public static InformationRequestAnswered Decide(AnswerInformationRequest command, InformationRequest request, Caller caller, DateTimeOffset now)
    {
        var day = command.AnsweredOn ?? Rules.Today(now);
        return new(request.Id, command.Answer.Trim(), [.. (command.Evidence ?? []).Select(e => e with { Title = e.Title.Trim(), Sha256 = e.Sha256.ToLowerInvariant() })],
            day, day <= request.DueOn, caller.Actor, now);
    }

    /// <summary>Record the answer.</summary>
    [WolverinePost("/api/information-requests/{requestId}/answer"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<InformationRequestResponse>, Events) Post(AnswerInformationRequest command, [WriteAggregate("requestId")] InformationRequest request, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new InformationRequestResponse(request.Id, request.Version + 1)), [Decide(command, request, caller, now)]);
}
