using Alba;
using EthicalIct.Api.Development;
using EthicalIct.Api.SharedView;
using Marten;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md SV4: a failing shared-view handler stops the subscription rather than skipping an event. A host and a
/// database of its own, because the test breaks the shared view on purpose.
/// </summary>
public sealed class SharedViewFaultTests : IAsyncLifetime
{
    private const string Oslo = "958935420";
    private IAlbaHost _host = null!;
    private string _connection = "";
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync()
    {
        _connection = await TestDatabase.CreateAsync("sharedviewfault");
        _host = await AppFixture.StartHostAsync(_connection, _logs);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    private async Task<Guid> RegisterAsync(string name, string orgNumber)
    {
        var token = DevTokens.Create(_host.Services.GetRequiredService<IConfiguration>()["Auth:DevSigningKey"]!, Oslo, "case-officer");
        var result = await _host.Scenario(s =>
        {
            s.Post.Json(new { legalName = name, orgNumber, roles = new[] { "reseller" } }).ToUrl("/api/suppliers");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<SupplierOverview?> OverviewAsync(Guid id)
    {
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession(Oslo);
        return await session.LoadAsync<SupplierOverview>(id);
    }

    private async Task<long> ProgressAsync() =>
        (await _host.Services.GetRequiredService<IDocumentStore>().Storage.Database.AllProjectionProgress())
        .SingleOrDefault(s => s.ShardName.StartsWith(SharedViewSubscription.Name, StringComparison.Ordinal))?.Sequence ?? 0;

    [Fact]
    public async Task SV4_e2e_a_failing_handler_stops_the_subscription_and_after_the_repair_nothing_was_skipped()
    {
        var first = await RegisterAsync("Before AS", "923456783");
        await _host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await OverviewAsync(first)).ShouldNotBeNull();

        // The database refuses the overview of one supplier: the handler's page fails.
        await SqlAsync("alter table ethicalict.mt_doc_supplieroverview add constraint refuse_poison check (data->>'legalName' <> 'Poison AS')");
        var poison = await RegisterAsync("Poison AS", "974760673");
        var after = await RegisterAsync("After AS", "984661185");
        var stuckAt = await ProgressAsync();
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(8); await Task.Delay(200))
        {
            stuckAt = await ProgressAsync();
        }

        (await OverviewAsync(poison)).ShouldBeNull();
        (await OverviewAsync(after)).ShouldBeNull("the subscription stopped at the failing page instead of skipping it");
        _logs.AtOrAbove(Serilog.Events.LogEventLevel.Warning).ShouldContain(e => e.RenderMessage(null).Contains(SharedViewSubscription.Name, StringComparison.Ordinal)
            || (e.Exception != null && e.Exception.ToString().Contains("refuse_poison", StringComparison.Ordinal)));

        // Repaired and restarted from where it stopped: both suppliers arrive, none twice.
        await SqlAsync("alter table ethicalict.mt_doc_supplieroverview drop constraint refuse_poison");
        var daemon = _host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>().DaemonForMainDatabase();
        await daemon.RewindSubscriptionAsync(SharedViewSubscription.Name, CancellationToken.None, sequenceFloor: stuckAt);
        await _host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await OverviewAsync(poison))!.LegalName.ShouldBe("Poison AS");
        (await OverviewAsync(after))!.LegalName.ShouldBe("After AS");
        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession(Oslo);
        (await session.Query<EthicalIct.Api.Suppliers.RegistryActivity>().CountAsync()).ShouldBe(3);
    }
}
