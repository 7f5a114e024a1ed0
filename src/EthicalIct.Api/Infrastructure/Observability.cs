using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Serilog (readable text in Development, compact JSON elsewhere; trace and span ids on every line) and
/// OpenTelemetry tracing and metrics for ASP.NET Core, Wolverine, Marten and Npgsql. The OTLP exporter is on when
/// <c>Otlp:Endpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Observability
{
    public const string ServiceName = "ethicalict";

    private const string UnreadableBody = "Error trying to deserialize JSON from incoming HTTP body";

    public static WebApplicationBuilder AddEthicalIctObservability(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (sp, lc) =>
        {
            lc.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Marten", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Weasel", Serilog.Events.LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(sp)
                .Enrich.FromLogContext()
                // Wolverine logs a body it cannot read as an error with a stack trace; the 400 it answers is logged
                // at information by ErrorHandling like every other rejected request, so one bad client cannot flood errors.
                .Filter.ByExcluding(e => e.MessageTemplate.Text.StartsWith(UnreadableBody, StringComparison.Ordinal));
            if (development)
            {
                lc.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} (trace {TraceId} span {SpanId}){NewLine}{Exception}");
            }
            else
            {
                lc.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        });

        // Traces and metrics are recorded only where they go somewhere: an OTLP endpoint, or Telemetry:Tracing /
        // Telemetry:Metrics (the tests' in-memory exporter). Recording them for no one cost a fifth of the command
        // path (docs/benchmarks.md); log lines carry the request's trace id either way.
        var otlpEndpoint = builder.Configuration["Otlp:Endpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var otlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var tracing = otlp || builder.Configuration.GetValue("Telemetry:Tracing", false);
        var metrics = otlp || builder.Configuration.GetValue("Telemetry:Metrics", false);
        if (!tracing && !metrics)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        if (tracing)
        {
            telemetry.WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddSource("Wolverine", "Marten")
                    .AddNpgsql();
                if (otlp)
                {
                    t.AddOtlpExporter(o => o.Endpoint = new Uri(otlpEndpoint!));
                }
            });
        }

        if (metrics)
        {
            telemetry.WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter("Marten", "Wolverine*", "Npgsql");
                if (otlp)
                {
                    m.AddOtlpExporter(o => o.Endpoint = new Uri(otlpEndpoint!));
                }
            });
        }

        return builder;
    }
}
