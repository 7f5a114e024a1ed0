namespace EthicalIct.Api.Development;

/// <summary>
/// Development-only fault injection for the crash tests (docs/adr/0005): with <c>Faults:CrashAfterCommit=true</c> in the
/// Development environment, a request carrying <c>X-Fault: crash-after-commit</c> runs to completion (its transaction
/// committed, its answer written to a buffer) and then the process is killed before a byte of the answer leaves.
/// Off unless both hold; never registered outside Development.
/// <para>
/// <c>Faults:DropIdempotencyKey=true</c> (Development only) removes the <c>Idempotency-Key</c> header from every request
/// before the endpoints see it: the idempotency record switched off on purpose, so that the reliability harness
/// (tests/EthicalIct.Reliability, docs/reliability.md) can show that it notices a retried command stored twice.
/// </para>
/// </summary>
public static class FaultInjection
{
    public const string Header = "X-Fault";
    public const string CrashAfterCommit = "crash-after-commit";

    public static WebApplicationBuilder AddEthicalIctFaultInjection(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue("Faults:CrashAfterCommit", false))
        {
            builder.Services.AddTransient<IStartupFilter, CrashAfterCommitFilter>();
        }

        if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue("Faults:DropIdempotencyKey", false))
        {
            builder.Services.AddTransient<IStartupFilter, DropIdempotencyKeyFilter>();
        }

        return builder;
    }

    private sealed class CrashAfterCommitFilter(ILogger<CrashAfterCommitFilter> logger) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Headers[Header] != CrashAfterCommit)
                {
                    await proceed(context);
                    return;
                }

                context.Response.Body = new MemoryStream();
                await proceed(context);
                logger.LogWarning("Fault injection: killing the process after {Method} {Path} answered {Status}, before the answer is sent",
                    context.Request.Method, context.Request.Path, context.Response.StatusCode);
                System.Diagnostics.Process.GetCurrentProcess().Kill();
            });
            next(app);
        };
    }

    private sealed class DropIdempotencyKeyFilter(ILogger<DropIdempotencyKeyFilter> logger) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            logger.LogWarning("Fault injection: Idempotency-Key headers are dropped (Faults:DropIdempotencyKey); retried commands are stored again");
            app.Use((context, proceed) =>
            {
                context.Request.Headers.Remove(Infrastructure.Http.RequestGuard.IdempotencyKey);
                return proceed(context);
            });
            next(app);
        };
    }
}
