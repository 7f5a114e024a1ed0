using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using Marten;
using Npgsql;
using Weasel.Core;
using Wolverine.Marten;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// Marten as the event store: conjoined tenancy with tenant = organisation number (docs/adr/0002), event metadata
/// on, lightweight sessions, Wolverine integration (outbox, Wolverine-managed async daemon).
/// </summary>
public static class MartenSetup
{
    public const string ConnectionStringName = "Marten";

    /// <summary>
    /// Connection settings for the command path, unless the connection string sets them itself: no
    /// <c>DISCARD ALL</c> when a connection goes back to the pool (nothing here leaves session state behind; the
    /// reset cost a round-trip's worth of server work on each of the four connection uses of a command), and
    /// automatic preparation of the statements every command repeats. Measured in docs/benchmarks.md.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = connectionString.ToLowerInvariant();
        if (!given.Contains("no reset on close", StringComparison.Ordinal) && !given.Contains("noresetonclose", StringComparison.Ordinal))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("max auto prepare", StringComparison.Ordinal) && !given.Contains("maxautoprepare", StringComparison.Ordinal))
        {
            builder.MaxAutoPrepare = 50;
        }

        return builder.ConnectionString;
    }

    /// <param name="builder">The application.</param>
    /// <param name="connectionString">PostgreSQL.</param>
    /// <param name="features">Each feature's own store configuration (streams, projections, documents).</param>
    public static WebApplicationBuilder AddEthicalIctMarten(this WebApplicationBuilder builder, string connectionString, Action<StoreOptions> features)
    {
        var schema = builder.Configuration["Marten:Schema"] ?? "ethicalict";
        var dataSource = new NpgsqlDataSourceBuilder(Tuned(connectionString)).Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(new HealthDataSource(new NpgsqlDataSourceBuilder(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 2, ApplicationName = "ethicalict-health" }.ConnectionString).Build()));
        var standby = builder.Configuration.GetConnectionString(ReadStore.ConnectionStringName) is { Length: > 0 } read ? Tuned(read) : null;
        var readSource = standby is null ? dataSource : new NpgsqlDataSourceBuilder(standby).Build();
        builder.Services.AddSingleton(sp => new ReadStore(sp.GetRequiredService<IDocumentStore>(), readSource, standby is not null));

        // Registered before Wolverine, so a solo node beside a live node is refused before any agent starts.
        builder.Services.AddSingleton(sp => new NodeModeGuard(connectionString, Cluster.IsSolo(builder.Configuration, builder.Environment),
            sp.GetRequiredService<ILogger<NodeModeGuard>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeModeGuard>());

        // Wolverine's handler and endpoint code: generated at start in Development; outside it loaded from the code that
        // `codegen write` put into the build (deploy/Dockerfile), so a new node serves at normal latency from its first
        // request. Wolverine:CodeGeneration (Dynamic, Auto, Static) overrides both, e.g. for the codegen step itself.
        var codegen = builder.Configuration.GetValue<TypeLoadMode?>("Wolverine:CodeGeneration");
        builder.Services.CritterStackDefaults(x =>
        {
            x.Development.GeneratedCodeMode = codegen ?? TypeLoadMode.Dynamic;
            x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            x.Production.GeneratedCodeMode = codegen ?? TypeLoadMode.Static;
            x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
        });

        builder.Services.AddMarten(opts =>
            {
                opts.DatabaseSchemaName = schema;
                opts.DisableNpgsqlLogging = true;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                // Quick appends (one round trip); the aggregate Wolverine loads for a command is reused by its inline
                // snapshot instead of being read a second time (decisions never mutate it).
                opts.Events.AppendMode = EventAppendMode.Quick;
                opts.Events.UseIdentityMapForAggregates = true;
                // Async projections are woken by a NOTIFY from the appending transaction, coalesced (DaemonWakeup).
                opts.WakeDaemonOnAppend(dataSource, builder.Configuration.GetValue<TimeSpan?>("Marten:DaemonWakeupInterval"));
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Events.MetadataConfig.UserNameEnabled = true;

                // Isolation (docs/adr/0002): every stream and document belongs to one organisation unless a
                // feature declares it shared; a session without an organisation cannot be opened.
                opts.Events.TenancyStyle = TenancyStyle.Conjoined;
                opts.Policies.AllDocumentsAreMultiTenanted();
                opts.Advanced.DefaultTenantUsageEnabled = false;
                opts.Listeners.Add(new ForeignStreamGuard());

                opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                opts.OpenTelemetry.TrackEventCounters();
                features(opts);
                opts.TuneAsyncProjections();
            })
            .UseNpgsqlDataSource()
            .ApplyAllDatabaseChangesOnStartup()
            .UseLightweightSessions()
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true);
        builder.Services.ConfigureMarten((sp, opts) => opts.Logger(new MartenFailureLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Marten"))));
        return builder;
    }
}
