using EthicalIct.Api.Identity;
using Marten;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Stamps every event appended by a request with who (user name = "&lt;orgno&gt;/&lt;subject&gt;"), the correlation id
/// (X-Correlation-Id or the trace id), the causation id (X-Causation-Id) and the caller's role and path as headers.
/// </summary>
public static class EventMetadataMiddleware
{
    public static void Before(HttpContext ctx, IDocumentSession session)
    {
        if (Caller.From(ctx.User) is { } caller)
        {
            session.LastModifiedBy = $"{caller.OrgNumber}/{caller.UserId}";
            session.SetHeader("org", caller.OrgNumber);
            session.SetHeader("role", caller.RoleText);
        }

        if (ctx.Request.Headers.TryGetValue("X-Correlation-Id", out var correlation) && correlation.ToString().Length is > 0 and <= 200)
        {
            session.CorrelationId = correlation.ToString();
        }

        if (ctx.Request.Headers.TryGetValue("X-Causation-Id", out var causation) && causation.ToString().Length is > 0 and <= 200)
        {
            session.CausationId = causation.ToString();
        }

        session.SetHeader("http", $"{ctx.Request.Method} {ctx.Request.Path}");
    }
}
