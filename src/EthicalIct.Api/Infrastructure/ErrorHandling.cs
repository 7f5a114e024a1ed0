using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 problem+json (docs/adr/0005). Expected faults are part of the contract and log as a
/// warning without a stack trace: a lost race on a stream's version is the stale-version 409 with the current version;
/// a database that does not answer is 503 with <c>Retry-After</c>. Rejected input logs at information level. Only
/// an unexpected exception is a 500, logged as an error.
/// </summary>
public static partial class ErrorHandling
{
    public static IServiceCollection AddEthicalIctProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var problem = ctx.ProblemDetails;
            RewriteJsonProblem(problem);
            RewriteQueryProblem(problem);
            RewriteNotFound(problem);
            RewriteIdempotencyProblem(problem);
            problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier);
            problem.Instance ??= ctx.HttpContext.Request.Path;
            if (problem.Status == StatusCodes.Status401Unauthorized)
            {
                problem.Detail ??= "Send a valid bearer token (Authorization: Bearer <jwt>).";
            }
            else if (problem.Status == StatusCodes.Status403Forbidden)
            {
                problem.Detail ??= "The token does not give this organisation and role the right to do this.";
            }
            else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                ctx.HttpContext.Response.Headers.RetryAfter = Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (problem.Status is >= 400 and < 500)
            {
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("EthicalIct.Rejected").LogInformation(
                    "Rejected {Method} {Path}: {Status} {Detail}", ctx.HttpContext.Request.Method, ctx.HttpContext.Request.Path, problem.Status, problem.Detail ?? problem.Title);
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }

    public static WebApplication UseEthicalIctProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>An expected fault mapped to its problem, or null for an unexpected one (500).</summary>
    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json.Path, json.Message),
        JsonException json => Malformed(json.Path, json.Message),
        BadHttpRequestException bad => new ProblemDetails
        {
            Type = Problems.MalformedType, Title = "The request could not be read.", Status = bad.StatusCode, Detail = bad.Message,
        },
        ForeignStreamException foreign => Problems.NotFound(foreign.Message),
        DocumentAlreadyExistsException => Problems.Conflict("The item already exists."),
        _ when IsStreamCollision(exception) => Problems.Conflict("The item already exists."),
        _ when IsUniqueViolation(exception) => Problems.Conflict("The item already exists (unique key)."),
        _ when IsDatabaseUnavailable(exception) => Problems.Unavailable(),
        _ when exception.InnerException is { } inner && inner != exception => ToProblem(inner),
        _ => null,
    };

    /// <summary>A fault the HTTP contract answers (stale version, unique key, database unavailable), not a defect.</summary>
    public static bool IsExpected(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // MT003: Marten's quick append found another version than expected (raised as a ConcurrencyException later)
            if (e is ConcurrencyException or PostgresException { SqlState: "MT003" } || IsStreamCollision(e) || (e is AggregateException many && many.InnerExceptions.Any(IsExpected)))
            {
                return true;
            }
        }

        return IsUniqueViolation(exception) || IsDatabaseUnavailable(exception);
    }

    /// <summary>
    /// The database did not answer or could not finish: connection refused or lost, server shutting down, pool
    /// exhausted, timeout, or a transaction PostgreSQL aborted to be retried (serialization failure, deadlock).
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                               or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled
                               or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                case SocketException:
                case TimeoutException:
                    return true;
                case InvalidOperationException when e.Message.Contains("connection", StringComparison.OrdinalIgnoreCase) && e.Source == "Npgsql":
                    return true;
            }
        }

        return false;
    }

    /// <summary>A stream started with an id that exists already (Marten and JasperFx each have an exception of that name).</summary>
    private static bool IsStreamCollision(Exception e) => e is ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException;

    private static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails Malformed(string? path, string message)
    {
        var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
        var problem = new ProblemDetails
        {
            Type = Problems.MalformedType,
            Title = "The request body is not valid JSON for this command.",
            Status = StatusCodes.Status400BadRequest,
            Detail = $"{field}: {message}",
        };
        problem.Extensions["field"] = field;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return problem;
    }

    /// <summary>Wolverine answers a body it cannot read with its own problem; give it the same shape as ours (the field and the reason).</summary>
    private static void RewriteJsonProblem(ProblemDetails problem)
    {
        if (problem.Status != StatusCodes.Status400BadRequest || problem.Title != "Invalid JSON format")
        {
            return;
        }

        var message = problem.Detail ?? "malformed JSON";
        var path = JsonPath().Match(message) is { Success: true } m ? m.Groups[1].Value : null;
        var rewritten = Malformed(path, message);
        problem.Type = rewritten.Type;
        problem.Title = rewritten.Title;
        problem.Detail = rewritten.Detail;
        problem.Extensions.Remove("lineNumber");
        problem.Extensions.Remove("bytePositionInLine");
        foreach (var (key, value) in rewritten.Extensions)
        {
            problem.Extensions[key] = value;
        }
    }

    [GeneratedRegex(@"Path: (\$[^ |]*)")]
    private static partial Regex JsonPath();

    /// <summary>
    /// Every 404 has one shape, so that a stream that does not exist and a stream the caller may not see (a dialogue
    /// of other organisations) answer alike: Wolverine's "Unknown SupplierDialogue with identity X" becomes
    /// "No supplier dialogue X.", as the slices word it.
    /// </summary>
    /// <summary>Wolverine's answer to a query value it cannot parse names the parameter as our field.</summary>
    private static void RewriteQueryProblem(ProblemDetails problem)
    {
        if (problem.Status == StatusCodes.Status400BadRequest && problem.Extensions.Remove("parameter", out var parameter) && parameter is string name)
        {
            var rewritten = Problems.Invalid(name, problem.Detail ?? "cannot be read");
            problem.Type = rewritten.Type;
            problem.Title = rewritten.Title;
            foreach (var (key, value) in rewritten.Extensions)
            {
                problem.Extensions[key] = value;
            }
        }
    }

    private static void RewriteNotFound(ProblemDetails problem)
    {
        if (problem.Status != StatusCodes.Status404NotFound)
        {
            return;
        }

        problem.Type = Problems.NotFoundType;
        problem.Title = "Not found.";
        if (problem.Detail is { } detail && UnknownAggregate().Match(detail) is { Success: true } m)
        {
            problem.Detail = $"No {PascalWords().Replace(m.Groups[1].Value, " $1").Trim().ToLowerInvariant()} {m.Groups[2].Value}.";
        }
    }

    /// <summary>Wolverine's answers to a reused or still-running Idempotency-Key name the header as their field, like ours.</summary>
    private static void RewriteIdempotencyProblem(ProblemDetails problem)
    {
        if (problem.Status is StatusCodes.Status422UnprocessableEntity or StatusCodes.Status409Conflict
            && problem.Detail?.Contains("'Idempotency-Key'", StringComparison.Ordinal) == true)
        {
            problem.Type = problem.Status == StatusCodes.Status422UnprocessableEntity ? Problems.IdempotencyType : Problems.ConflictType;
            problem.Title = problem.Status == StatusCodes.Status422UnprocessableEntity
                ? "The Idempotency-Key was already used for another request."
                : "The first request with this Idempotency-Key is still being processed.";
            problem.Extensions["field"] = "Idempotency-Key";
        }
    }

    [GeneratedRegex(@"^Unknown (\w+) with identity (\S+)$")]
    private static partial Regex UnknownAggregate();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex PascalWords();

    private sealed class ProblemExceptionHandler(IProblemDetailsService problems, NpgsqlDataSource dataSource, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var concurrency = Find<ConcurrencyException>(exception);
            var problem = concurrency is not null
                ? await StaleAsync(httpContext, concurrency)
                : ToProblem(exception);
            if (problem is null)
            {
                logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
                problem = new ProblemDetails
                {
                    Title = "An unexpected error occurred.",
                    Status = StatusCodes.Status500InternalServerError,
                };
            }
            else if (problem.Status >= 500 || concurrency is not null)
            {
                logger.LogWarning("{Method} {Path}: {Status} {Title} ({Exception}: {Message})", httpContext.Request.Method, httpContext.Request.Path,
                    problem.Status, problem.Title, exception.GetType().Name, exception.Message);
            }

            httpContext.Response.Clear();
            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
        }

        /// <summary>A race lost at commit: the same stale-version problem as a stale read, with the version now current.</summary>
        private async Task<ProblemDetails> StaleAsync(HttpContext httpContext, ConcurrencyException exception)
        {
            long current = 0;
            // Marten gives the stream id as a Guid, or as the text it parsed from PostgreSQL's error message.
            // Npgsql redacts both unless the connection string says 'Include Error Detail'; the expected-version check
            // left the id of the stream the command appends to.
            if (exception.Id is Guid id || Guid.TryParse(exception.Id?.ToString(), out id) || httpContext.Items[ExpectedVersion.StreamKey] is Guid stream && (id = stream) != Guid.Empty)
            {
                try
                {
                    await using var cmd = dataSource.CreateCommand($"select coalesce(max(version), 0) from {Schema(httpContext)}.mt_streams where id = $1");
                    cmd.Parameters.AddWithValue(id);
                    current = (long)(await cmd.ExecuteScalarAsync(httpContext.RequestAborted))!;
                }
                catch (Exception e) when (IsDatabaseUnavailable(e))
                {
                    return Problems.Unavailable();
                }
            }

            return Problems.StaleVersion(httpContext.Items[ExpectedVersion.ItemKey] as long?, current);
        }

        private static T? Find<T>(Exception? exception) where T : Exception => exception switch
        {
            null => null,
            T found => found,
            AggregateException many => many.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null),
            _ => Find<T>(exception.InnerException),
        };

        private static string Schema(HttpContext httpContext) =>
            httpContext.RequestServices.GetRequiredService<Marten.IDocumentStore>().Options.Events.DatabaseSchemaName;
    }
}

/// <summary>Thrown when a session would append to a stream id that belongs to another organisation (or to the shared registry).</summary>
public sealed class ForeignStreamException(Guid streamId) : Exception($"No stream {streamId} here.")
{
    public Guid StreamId { get; } = streamId;
}
