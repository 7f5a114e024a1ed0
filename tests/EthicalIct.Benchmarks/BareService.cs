using JasperFx;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using JasperFx.CodeGeneration;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Benchmarks;

public sealed record BareAppend(string Note);

public sealed record BareNoteAppended(string Note);

/// <summary>The service a team would write by hand: one Wolverine.HTTP endpoint appending one event, nothing else.</summary>
public static class BareEndpoint
{
    [WolverinePost("/bare/{id}")]
    public static void Post(Guid id, BareAppend command, IDocumentSession session) => session.Events.Append(id, new BareNoteAppended(command.Note));

    [WolverineGet("/bare/health")]
    public static string Health() => "ok";
}

public static class BareService
{
    /// <summary><c>serve-bare &lt;connection string&gt;</c>: Marten + Wolverine.HTTP with defaults, own schema, no auth, no tenancy.</summary>
    public static async Task<int> RunAsync(string connectionString, string[] rest)
    {
        var builder = WebApplication.CreateBuilder(rest);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.CritterStackDefaults(x => x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic);
        builder.Services.AddMarten(o =>
        {
            o.Connection(connectionString);
            o.DatabaseSchemaName = "bench_bare";
            o.AutoCreateSchemaObjects = AutoCreate.All;
        }).UseLightweightSessions().IntegrateWithWolverine();
        builder.Host.UseWolverine(o =>
        {
            o.ApplicationAssembly = typeof(BareEndpoint).Assembly;
            o.Policies.AutoApplyTransactions();
            o.Durability.Mode = DurabilityMode.Solo;
        });
        builder.Services.AddWolverineHttp();
        var app = builder.Build();
        app.MapWolverineEndpoints();
        await app.RunAsync();
        return 0;
    }
}
