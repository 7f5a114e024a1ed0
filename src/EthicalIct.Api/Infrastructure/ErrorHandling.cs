using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 problem+json: exceptions are mapped here, and empty 401/403/404/405 responses
/// get a problem body from the status-code pages. Each problem carries the trace id.
/// </summary>
public static class ErrorHandling
{
    public static IServiceCollection AddEthicalIctProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier);
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            if (ctx.ProblemDetails.Status == StatusCodes.Status401Unauthorized)
            {
                ctx.ProblemDetails.Detail ??= "Send a valid bearer token (Authorization: Bearer <jwt>).";
            }
            else if (ctx.ProblemDetails.Status == StatusCodes.Status403Forbidden)
            {
                ctx.ProblemDetails.Detail ??= "The token does not give this organisation and role the right to do this.";
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    public static WebApplication UseEthicalIctProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Maps an exception to a problem, or null for an unexpected one (500).</summary>
    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        JsonException json => Malformed(json),
        BadHttpRequestException bad => new ProblemDetails
        {
            Type = Problems.MalformedType, Title = "The request could not be read.", Status = bad.StatusCode, Detail = bad.Message,
        },
        ForeignStreamException foreign => Problems.NotFound(foreign.Message),
        ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => new ProblemDetails
        {
            Type = Problems.StaleVersionType,
            Title = "The stream was changed by another request at the same time.",
            Status = StatusCodes.Status409Conflict,
            Detail = "expectedVersion: another change was committed first. Reload and decide again.",
            Extensions = { ["field"] = "expectedVersion" },
        },
        DocumentAlreadyExistsException => Problems.Conflict("The item already exists."),
        MartenCommandException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            Problems.Conflict("The item already exists (unique key)."),
        _ when exception.InnerException is { } inner && inner != exception => ToProblem(inner),
        _ => null,
    };

    private static ProblemDetails Malformed(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        var problem = new ProblemDetails
        {
            Type = Problems.MalformedType,
            Title = "The request body is not valid JSON for this command.",
            Status = StatusCodes.Status400BadRequest,
            Detail = $"{field}: {json.Message}",
        };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [json.Message] };
        return problem;
    }

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var problem = ToProblem(exception);
            if (problem is null)
            {
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Title = "An unexpected error occurred.",
                    Status = StatusCodes.Status500InternalServerError,
                };
            }

            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }
    }
}

/// <summary>Thrown when a session would append to a stream id that belongs to another organisation (or to the shared registry).</summary>
public sealed class ForeignStreamException(Guid streamId) : Exception($"No stream {streamId} here.")
{
    public Guid StreamId { get; } = streamId;
}
