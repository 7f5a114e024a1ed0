using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure.Http;

/// <summary>
/// Checks every API request before an endpoint sees it: a JSON command body is at most <see cref="MaxBodyBytes"/>
/// (raw evidence uploads have their own limit); query-string values must be storable text
/// (<see cref="StorableInput"/>); an <c>Idempotency-Key</c> is 1 to 200 printable characters. Each refusal is a 400
/// (413 for size) problem naming the parameter; the empty id in a route is a 404 like any unknown id.
/// </summary>
public sealed class RequestGuard(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const string IdempotencyKey = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RawBodyUploadAttribute>() is null
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        if (Check(context.Request) is { } problem)
        {
            context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
            return;
        }

        await next(context);
    }

    public static ProblemDetails? Check(HttpRequest request)
    {
        // No stream has the empty id; Marten refuses to look one up, so the answer is the same 404 as for any unknown id.
        foreach (var (key, value) in request.RouteValues)
        {
            if (value is string s && Guid.TryParse(s, out var id) && id == Guid.Empty)
            {
                return Problems.NotFound($"No {Words(key)} {s}.");
            }
        }

        foreach (var (key, values) in request.Query)
        {
            if (StorableInput.Problem(key) is { } keyProblem)
            {
                return Problems.Invalid("query", keyProblem);
            }

            foreach (var value in values)
            {
                if (value is not null && (value.Length > 1000 ? "must be at most 1000 characters" : StorableInput.Problem(value)) is { } reason)
                {
                    return Problems.Invalid(key, reason);
                }
            }
        }

        if (request.Headers.TryGetValue(IdempotencyKey, out var keys))
        {
            var key = keys.ToString();
            if (keys.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                return Problems.Invalid(IdempotencyKey, $"must be one value of 1 to {MaxKeyLength} printable characters without spaces");
            }
        }

        return null;
    }

    /// <summary><c>followUpItemId</c> → <c>follow up item</c>.</summary>
    private static string Words(string routeKey)
    {
        var name = routeKey.EndsWith("Id", StringComparison.Ordinal) ? routeKey[..^2] : routeKey;
        return string.Concat(name.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
    }
}
