using Marten;
using Wolverine.Marten;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Audit", "Audit trail",
    "Every event in chain order with who, when and what, and the hash chain over the stored events that the verifier recomputes.")]

namespace EthicalIct.Api.Audit;

public static class AuditConfiguration
{
    /// <summary>The audit trail's table (owned by this feature, created with Marten's schema).</summary>
    public static StoreOptions ConfigureAudit(this StoreOptions opts)
    {
        opts.Storage.ExtendedSchemaObjects.Add(AuditTable.Definition(opts.DatabaseSchemaName));
        opts.Storage.ExtendedSchemaObjects.Add(AuditTable.Frontier(opts.DatabaseSchemaName));
        opts.Storage.ExtendedSchemaObjects.Add(AuditTable.Checkpoints(opts.DatabaseSchemaName));
        opts.Storage.ExtendedSchemaObjects.Add(AuditTable.Subjects(opts.DatabaseSchemaName));
        opts.Projections.Add(new CheckpointWitnessProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        opts.Schema.For<CheckpointWitnessView>().SingleTenanted();
        return opts;
    }

    /// <summary>The subscription that feeds the audit handler, the background verification and its health entry.</summary>
    public static WebApplicationBuilder AddEthicalIctAudit(this WebApplicationBuilder builder)
    {
        builder.Services.SubscribeToEvents(new AuditSubscription());
        builder.Services.AddSingleton(new AuditSettings(Math.Max(1, builder.Configuration.GetValue("Audit:CheckpointEvery", 1000)),
            TimeSpan.FromMinutes(builder.Configuration.GetValue("Audit:CheckpointMinutes", 10.0))));
        builder.Services.AddSingleton(sp => new CheckpointSigner(SigningSeed(builder.Configuration, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Audit"))));
        builder.Services.AddSingleton<ChainStatus>();
        builder.Services.AddHostedService<ChainWatch>();
        builder.Services.AddHealthChecks().AddCheck<ChainHealthCheck>("chain", tags: ["ready"]);
        return builder;
    }

    /// <summary>The public checkpoint key at a well-known URL (anonymous: anyone may check a signature).</summary>
    public static WebApplication MapCheckpointKey(this WebApplication app)
    {
        app.MapGet("/.well-known/ethicalict-checkpoint-key", (CheckpointSigner signer) =>
            Results.Ok(new CheckpointKey(signer.KeyId, "Ed25519", Convert.ToBase64String(signer.PublicKey)))).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// <c>Audit:SigningKey</c> (base64 of a 32-byte Ed25519 seed; in Development one is generated on first run, see
    /// <c>Development/DevelopmentSigningKey</c>). Without one the key is generated for this process only, with a
    /// warning: checkpoints signed with it cannot be checked after a restart.
    /// </summary>
    private static byte[] SigningSeed(IConfiguration configuration, ILogger logger)
    {
        if (configuration["Audit:SigningKey"] is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }

        logger.LogWarning("No Audit:SigningKey configured: checkpoints are signed with a key generated for this process only");
        return CheckpointSigner.NewSeed();
    }
}
