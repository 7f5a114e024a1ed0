using EthicalIct.Api.Identity;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SupplierDialogues;
using Wolverine;
using Wolverine.Http;
using Wolverine.Persistence;

namespace EthicalIct.Api.Infrastructure;

public static class WolverineSetup
{
    public static WebApplicationBuilder AddEthicalIctWolverine(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(opts =>
        {
            opts.ServiceName = Observability.ServiceName;
            opts.ApplicationAssembly = typeof(WolverineSetup).Assembly;
            opts.Policies.AutoApplyTransactions();
            opts.Policies.UseDurableLocalQueues();
            opts.Durability.Mode = builder.Configuration.GetValue("Wolverine:Solo", true) ? DurabilityMode.Solo : DurabilityMode.Balanced;
            opts.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
        });
        builder.Services.AddWolverineHttp();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// Every Wolverine endpoint requires a participant (one of the three organisations, a known role); commands
    /// require a writing role. The tenant is the caller's organisation and must be present.
    /// </summary>
    public static WebApplication MapEthicalIctEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(o =>
        {
            o.TenantId.DetectWith(new OrganisationTenantDetection());
            o.TenantId.AssertExists();
            o.RejectUnparseableQueryValues = true;
            o.MapConcurrencyFailuresToConflict();
            o.AddMiddleware(typeof(EventMetadataMiddleware), chain => !chain.HttpMethods.All(m => m is "GET" or "HEAD"));
            o.AddMiddleware(typeof(DialogueAccess), chain => DialogueAccess.Applies(chain.RoutePattern?.RawText));
            o.AddMiddleware(typeof(RoundtableHostGuard), chain => RoundtableAccess.IsCommand(chain.HttpMethods)
                && chain.RoutePattern?.RawText?.StartsWith(RoundtableAccess.RoundtablePrefix, StringComparison.Ordinal) == true);
            o.AddMiddleware(typeof(FollowUpItemGuard), chain => RoundtableAccess.IsCommand(chain.HttpMethods)
                && chain.RoutePattern?.RawText?.StartsWith(RoundtableAccess.ItemPrefix, StringComparison.Ordinal) == true);
            o.ConfigureEndpoints(chain =>
            {
                var readOnly = chain.HttpMethods.All(m => m is "GET" or "HEAD");
                chain.RequireAuthorization(readOnly ? Policies.Participant : Policies.Writer);

                // The problems every endpoint can answer, documented once (RFC 9457 bodies).
                chain.Metadata.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
                if (readOnly)
                {
                    chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest);
                }
                else
                {
                    chain.Metadata.ProducesProblem(StatusCodes.Status400BadRequest)
                        .ProducesProblem(StatusCodes.Status409Conflict)
                        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
                    if (chain.RoutePattern?.Parameters.Count > 0)
                    {
                        chain.Metadata.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status428PreconditionRequired);
                    }
                }
            });
        });
        return app;
    }
}
