using EthicalIct.Api.Assessments;
using EthicalIct.Api.Requirements;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Api.Suppliers;
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

    private static readonly HashSet<string> CommandsWithoutDatabase = ["token", "codegen", "help", "openapi", "describe"];

    public static WebApplicationBuilder AddEthicalIctMarten(this WebApplicationBuilder builder, string connectionString)
    {
        var schema = builder.Configuration["Marten:Schema"] ?? "ethicalict";
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        builder.Services.AddSingleton(dataSource);

        builder.Services.CritterStackDefaults(x =>
        {
            x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            x.Production.GeneratedCodeMode = TypeLoadMode.Auto;
            x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
        });

        builder.Services.AddMarten(opts =>
            {
                opts.DatabaseSchemaName = schema;
                opts.DisableNpgsqlLogging = true;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);

                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.Events.AppendMode = EventAppendMode.Rich;
                opts.Events.UseIdentityMapForAggregates = false;
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

                opts.Schema.For<IdempotencyRecord>();
                opts.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                opts.OpenTelemetry.TrackEventCounters();
                opts.ConfigureSuppliers();
                opts.ConfigureAssessments();
                opts.ConfigureRequirements();
                opts.ConfigureSupplierDialogues();
                opts.ConfigureRoundtables();
            })
            .UseNpgsqlDataSource()
            .ApplyAllDatabaseChangesOnStartup()
            .UseLightweightSessions()
            .IntegrateWithWolverine(w => w.UseWolverineManagedEventSubscriptionDistribution = true);
        return builder;
    }

    /// <summary>
    /// <c>ConnectionStrings:Marten</c>, or in Development a local PostgreSQL started from the system's binaries.
    /// </summary>
    public static async Task<string> ResolveConnectionStringAsync(WebApplicationBuilder builder, string[] args)
    {
        if (builder.Configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } configured)
        {
            return configured;
        }

        // Commands that never touch the database do not start one.
        if (args.Length > 0 && CommandsWithoutDatabase.Contains(args[0]))
        {
            return "Host=127.0.0.1;Port=1;Database=none;Username=none";
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("ConnectionStrings:Marten is not set. Outside Development the service needs an existing PostgreSQL.");
        }

        var root = FindRepositoryRoot(builder.Environment.ContentRootPath);
        var pg = await LocalPostgres.StartPersistentAsync(Path.Combine(root, ".local", "postgres"), "ethicalict");
        Console.WriteLine($"Local PostgreSQL {(pg.StartedHere ? "started" : "reused")}: 127.0.0.1:{pg.Port}, data in {pg.Directory}");
        if (pg.StartedHere)
        {
            // Registered before Marten and Wolverine, so it stops after them.
            builder.Services.AddHostedService(_ => new LocalPostgresLifetime(pg));
        }

        return pg.ConnectionString("ethicalict");
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EthicalIct.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}

/// <summary>Stops the local development cluster when the service that started it stops (its data stays).</summary>
internal sealed class LocalPostgresLifetime(LocalPostgres pg) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => pg.StopAsync(CancellationToken.None);
}
