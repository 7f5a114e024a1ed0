using Marten;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Stamps every event a command appends with the correlation id (<c>X-Correlation-Id</c>, else the trace id), the
/// causation id (<c>X-Causation-Id</c>) and the request line as a header. Who acted is in each event itself.
/// </summary>
public static class EventMetadataMiddleware
{
    public const int MaxIdLength = 200;

    public static void Before(HttpContext httpContext, IDocumentSession session)
    {
        var headers = httpContext.Request.Headers;
        if (headers.TryGetValue("X-Correlation-Id", out var correlation) && correlation.ToString() is { Length: > 0 and <= MaxIdLength } c)
        {
            session.CorrelationId = c;
        }

        if (headers.TryGetValue("X-Causation-Id", out var causation) && causation.ToString() is { Length: > 0 and <= MaxIdLength } k)
        {
            session.CausationId = k;
        }

        session.SetHeader("http", $"{httpContext.Request.Method} {httpContext.Request.Path}");
    }
}
