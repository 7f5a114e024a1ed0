using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure;

/// <summary>One reason a request was refused, tied to the field it concerns (JSON path, camelCase).</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>
/// RFC 9457 problem details used by every endpoint. Each problem carries a stable <c>type</c> URN, and validation
/// problems an <c>errors</c> object: field → reasons.
/// </summary>
public static class Problems
{
    public const string ValidationType = "urn:ethicalict:problem:validation";
    public const string ConflictType = "urn:ethicalict:problem:conflict";
    public const string StaleVersionType = "urn:ethicalict:problem:stale-version";
    public const string VersionRequiredType = "urn:ethicalict:problem:version-required";
    public const string NotFoundType = "urn:ethicalict:problem:not-found";
    public const string IdempotencyType = "urn:ethicalict:problem:idempotency-key-reused";
    public const string MalformedType = "urn:ethicalict:problem:malformed-request";
    public const string ForbiddenType = "urn:ethicalict:problem:forbidden";
    public const string UnavailableType = "urn:ethicalict:problem:unavailable";

    /// <summary>Seconds a client should wait before retrying when the database does not answer.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The answer of a <c>Validate</c> method when nothing is wrong (Wolverine continues to the endpoint).</summary>
    public static ProblemDetails None => Wolverine.Http.WolverineContinue.NoProblems;

    /// <summary>400 naming each offending field; null when there is nothing to report.</summary>
    public static ProblemDetails? Validation(IReadOnlyCollection<FieldError> errors)
    {
        if (errors.Count == 0)
        {
            return null;
        }

        var problem = new ProblemDetails
        {
            Type = ValidationType,
            Title = "The request is not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")),
        };
        problem.Extensions["errors"] = errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());
        return problem;
    }

    public static ProblemDetails Invalid(string field, string reason) => Validation([new FieldError(field, reason)])!;

    public static ProblemDetails Conflict(string detail, IDictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = ConflictType,
            Title = "The request conflicts with the current state.",
            Status = StatusCodes.Status409Conflict,
            Detail = detail,
        };
        foreach (var (k, v) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[k] = v;
        }

        return problem;
    }

    public static ProblemDetails StaleVersion(long? expected, long current) => new()
    {
        Type = StaleVersionType,
        Title = "The stream has changed since the version you read.",
        Status = StatusCodes.Status409Conflict,
        Detail = expected is null
            ? $"expectedVersion: another change was committed first; the current version is {current}. Reload and decide again."
            : $"expectedVersion: you sent {expected} but the current version is {current}. Reload and decide again.",
        Extensions = { ["field"] = "expectedVersion", ["expectedVersion"] = expected, ["currentVersion"] = current },
    };

    public static ProblemDetails VersionRequired(long current) => new()
    {
        Type = VersionRequiredType,
        Title = "The expected version is required.",
        Status = StatusCodes.Status428PreconditionRequired,
        Detail = $"expectedVersion: send the version you read, as the body field 'expectedVersion' or an If-Match header (current version: {current}).",
        Extensions = { ["field"] = "expectedVersion", ["currentVersion"] = current },
    };

    public static ProblemDetails NullBody() => Invalid("body", "send the command as a JSON object, not null");

    public static ProblemDetails Forbidden(string detail) => new()
    {
        Type = ForbiddenType,
        Title = "Forbidden.",
        Status = StatusCodes.Status403Forbidden,
        Detail = detail,
    };

    public static ProblemDetails Unavailable() => new()
    {
        Type = UnavailableType,
        Title = "The database cannot complete the request right now.",
        Status = StatusCodes.Status503ServiceUnavailable,
        Detail = $"Nothing was stored. Retry after {RetryAfterSeconds} seconds; a retry with the same Idempotency-Key is safe.",
    };

    public static ProblemDetails NotFound(string detail) => new()
    {
        Type = NotFoundType,
        Title = "Not found.",
        Status = StatusCodes.Status404NotFound,
        Detail = detail,
    };
}
