using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.Development;

/// <summary>
/// Where the service's PostgreSQL comes from: <c>ConnectionStrings:Marten</c>, or in Development a local cluster
/// started from the system's binaries in <c>.local/postgres</c> (docs/adr/0004), stopped with the service.
/// </summary>
public static class DevelopmentDatabase
{
    private static readonly HashSet<string> CommandsWithoutDatabase = ["token", "codegen", "help", "openapi", "describe", "verify-bundle"];

    public static async Task<string> ResolveConnectionStringAsync(WebApplicationBuilder builder, string[] args)
    {
        if (builder.Configuration.GetConnectionString(MartenSetup.ConnectionStringName) is { Length: > 0 } configured)
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

    /// <summary>Stops the local development cluster when the service that started it stops (its data stays).</summary>
    private sealed class LocalPostgresLifetime(LocalPostgres pg) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => pg.StopAsync(CancellationToken.None);
    }
}
