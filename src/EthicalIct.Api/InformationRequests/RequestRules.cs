using EthicalIct.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.InformationRequests;

public static class RequestRules
{
    /// <summary>Only an open request is assigned, extended, routed, answered or refused (409 naming its status).</summary>
    public static ProblemDetails? MustBeOpen(InformationRequest request) =>
        request.Status == RequestStatus.Open
            ? null
            : Problems.Conflict($"The request is {ApiJson.Wire(request.Status)}; nothing more is done with it here.", new Dictionary<string, object?> { ["requestStatus"] = ApiJson.Wire(request.Status) });

    /// <summary>The day an answer or refusal was given: today by default; not before the request, not in the future.</summary>
    public static IEnumerable<FieldError> Day(DateOnly? day, string field, InformationRequest request, DateTimeOffset now)
    {
        if (day is { } d && (d < request.ReceivedOn || d > Rules.Today(now)))
        {
            yield return new FieldError(field, $"must be between the day the request was received ({request.ReceivedOn:yyyy-MM-dd}) and today");
        }
    }
}
