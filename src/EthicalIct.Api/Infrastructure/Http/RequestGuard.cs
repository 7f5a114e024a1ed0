using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure.Http;

/// <summary>
/// Checks every API request before an endpoint sees it: a JSON command body is at most <see cref="MaxBodyBytes"/>
/// (raw evidence uploads have their own limit); query-string values must be storable text
/// (<see cref="StorableText"/>); an <c>Idempotency-Key</c> is 1 to 200 printable characters. Each refusal is a 400
/// (413 for size) problem naming the parameter.
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
        foreach (var (key, values) in request.Query)
        {
            if (StorableText.Problem(key) is { } keyProblem)
            {
                return Problems.Invalid("query", keyProblem);
            }

            foreach (var value in values)
            {
                if (value is not null && (value.Length > 1000 ? "must be at most 1000 characters" : StorableText.Problem(value)) is { } reason)
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
}
