using EthicalIct.Api.Infrastructure.Http;
using Wolverine;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EthicalIct.Api.Infrastructure;

public static class WolverineSetup
{
    public static WebApplicationBuilder AddEthicalIctWolverine(this WebApplicationBuilder builder)
    {
        var solo = Cluster.IsSolo(builder.Configuration, builder.Environment);
        var failover = Cluster.Failover.From(builder.Configuration);
        builder.Host.UseWolverine(opts =>
        {
            opts.ServiceName = Observability.ServiceName;
            opts.ApplicationAssembly = typeof(WolverineSetup).Assembly;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            // Balanced outside Development (docs/adr/0022): agents spread over the live nodes and move when one dies.
            opts.Durability.Mode = solo ? DurabilityMode.Solo : DurabilityMode.Balanced;
            failover.ApplyTo(opts.Durability);
            // Idempotency-Key answers (docs/adr/0005): claimed with the command's own events, replayed for 24 hours.
            opts.Durability.EnableDeduplicatedResponses = true;
            opts.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
            opts.CodeGeneration.Sources.Insert(0, new ClockVariableSource());
        });
        builder.Services.AddWolverineHttp();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// The conventions of every endpoint: one <c>DateTimeOffset now</c> per request, the command conventions
    /// (<see cref="CommandConventions"/>), event metadata on commands, query values that do not parse refused, and the
    /// problems every endpoint can answer documented once. <paramref name="features"/> adds identity and the rest.
    /// </summary>
    public static WebApplication MapEthicalIctEndpoints(this WebApplication app, Action<WolverineHttpOptions> features)
    {
        app.MapWolverineEndpoints(o =>
        {
            o.AddParameterHandlingStrategy(RequestVariables.Now());
            o.RejectUnparseableQueryValues = true;
            o.AddMiddleware(typeof(EventMetadataMiddleware), CommandConventions.IsCommand);
            o.AddPolicy<CommandConventions>();
            features(o);
            o.ConfigureEndpoints(chain =>
            {
                var command = CommandConventions.IsCommand(chain);

                // The problems every endpoint can answer, documented once (RFC 9457 bodies).
                chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest)
                    .ProducesProblem(StatusCodes.Status401Unauthorized)
                    .ProducesProblem(StatusCodes.Status403Forbidden)
                    .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
                if (chain.RoutePattern?.Parameters.Count > 0)
                {
                    chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound);
                }

                if (command)
                {
                    chain.Metadata.ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
                    if (chain.RoutePattern?.Parameters.Count > 0)
                    {
                        chain.Metadata.ProducesProblem(StatusCodes.Status428PreconditionRequired);
                    }
                }
            });
        });
        return app;
    }
}
