using System.Text;
using System.Text.Json.Nodes;
using Alba;
using CloudNative.CloudEvents.SystemTextJson;
using Npgsql;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md NM4: with <c>ConnectionStrings:MartenRead</c> the feeds, timelines and the shared view read from the
/// standby, while commands and their checks use the primary. The standby here is a copy of the primary taken at a
/// moment (a standby that stopped replicating), so what each read path sees tells which database it read.
/// </summary>
public sealed class ReadStandbyTests
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";

    [Fact]
    public async Task NM4_reads_that_may_go_to_a_standby_read_it_and_commands_use_the_primary()
    {
        var primary = await TestDatabase.CreateAsync("primary");
        Guid before;
        await using (var host = await AppFixture.StartHostAsync(primary, new CapturedLogs()))
        {
            before = (await host.PostJsonAsync(Oslo, "case-officer", "/api/suppliers", Scenarios.RegisterBody("Before Copy AS", "910000101"), 201))["id"]!.GetValue<Guid>();
            await Scenarios.VisibleToAsync(primary, Dfo);
            await WaitAsync(async () => (await host.GetTextAsync(Dfo, $"/api/suppliers/{before}/overview")).Status == 200, "the shared view before the copy");
            await host.StopAsync();
        }

        var standby = await CopyAsync(primary, "standby");
        await using var node = await AppFixture.StartHostAsync(primary, new CapturedLogs(), settings: new Dictionary<string, string> { ["ConnectionStrings:MartenRead"] = standby });

        // A command goes to the primary (its registry check reads the primary too: the same organisation number is refused).
        var after = (await node.PostJsonAsync(Oslo, "case-officer", "/api/suppliers", Scenarios.RegisterBody("After Copy AS", "910000128"), 201))["id"]!.GetValue<Guid>();
        await node.PostJsonAsync(Oslo, "case-officer", "/api/suppliers", Scenarios.RegisterBody("After Copy Again AS", "910000128"), 409);
        (await node.GetTextAsync(Dfo, $"/api/suppliers/{after}")).Status.ShouldBe(200, "the registry's pages read the primary");
        await Scenarios.VisibleToAsync(primary, Dfo);

        // The feed, the supplier timeline and the shared view read the standby: the first supplier is there, the second is not.
        var feed = await FeedAsync(node, Dfo);
        feed.ShouldContain(e => ((string)e["subject"]!).EndsWith($"/{before}", StringComparison.Ordinal));
        feed.ShouldNotContain(e => ((string)e["subject"]!).EndsWith($"/{after}", StringComparison.Ordinal));
        (await node.GetTextAsync(Dfo, $"/api/suppliers/{before}/timeline")).Status.ShouldBe(200);
        (await node.GetTextAsync(Dfo, $"/api/suppliers/{before}/overview")).Status.ShouldBe(200);
        (await node.GetTextAsync(Dfo, $"/api/suppliers/{after}/overview")).Status.ShouldBe(404, "not on the standby");

        // The primary has it all: the stored events and the shared view built on the primary.
        await using var conn = new NpgsqlConnection(primary);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from ethicalict.mt_events where stream_id = @id", conn);
        count.Parameters.AddWithValue("id", after);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
    }

    private static async Task<string> CopyAsync(string connection, string name)
    {
        var source = new NpgsqlConnectionStringBuilder(connection);
        var copy = $"{name}_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        // The stopped host's pools still hold idle connections to the source: a template must have none.
        await using (var terminate = new NpgsqlCommand("select pg_terminate_backend(pid) from pg_stat_activity where datname = @db and pid <> pg_backend_pid()", admin))
        {
            terminate.Parameters.AddWithValue("db", source.Database!);
            await terminate.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"create database \"{copy}\" template \"{source.Database}\"", admin);
        await create.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools(); // the test's own pooled connections to the source were terminated too
        return new NpgsqlConnectionStringBuilder(connection) { Database = copy }.ConnectionString;
    }

    private static async Task<List<JsonNode>> FeedAsync(IAlbaHost host, string org)
    {
        var (status, body) = await host.GetTextAsync(org, "/api/feed?after=0&limit=500");
        status.ShouldBe(200);
        var events = new JsonEventFormatter().DecodeBatchModeMessage(Encoding.UTF8.GetBytes(body), new System.Net.Mime.ContentType("application/cloudevents-batch+json"), null);
        return [.. events.Select(e => (JsonNode)new JsonObject { ["type"] = e.Type, ["subject"] = e.Subject })];
    }

    private static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"waited a minute for {what}");
            }

            await Task.Delay(200);
        }
    }
}
