using System.Text.Json.Nodes;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// Solo mode only where one node is certain (docs/adr/0022): a node in solo mode beside a live node on the same
/// database is refused at start-up with a message naming <c>Wolverine:Solo</c>, and so is a balanced node beside a
/// live solo node; balanced nodes run together.
/// </summary>
[Collection(FaultCollection.Name)]
public class NodeModeTests
{
    private static readonly Dictionary<string, string> Balanced = new() { ["Wolverine__Solo"] = "false", ["Demo__Seed"] = "false" };
    private static readonly Dictionary<string, string> Solo = new() { ["Demo__Seed"] = "false" };

    [Fact]
    public async Task NM1_a_solo_node_beside_a_live_solo_node_is_refused_naming_the_setting_and_starts_once_the_other_is_gone()
    {
        var connection = await TestDatabase.CreateAsync("nodemode");
        await using var first = await ServiceProcess.StartAsync(connection, Solo);

        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(connection, Solo));
        refused.Message.ShouldContain("Wolverine:Solo");
        refused.Message.ShouldContain("Another node of the service is running on this database");

        // The lock goes with the process: once the first node is gone (killed, not stopped), a solo node starts.
        await first.KillAsync();
        await using var second = await ServiceProcess.StartAsync(connection, Solo);
        var ready = JsonNode.Parse(await second.Client.GetStringAsync("/health/ready"))!;
        ready["checks"]!["node-mode"]!["status"]!.GetValue<string>().ShouldBe("Healthy");
        ready["checks"]!["node-mode"]!["description"]!.GetValue<string>().ShouldContain("solo");
    }

    [Fact]
    public async Task NM2_balanced_nodes_run_together_and_neither_a_solo_node_may_join_them_nor_a_balanced_node_join_a_solo_one()
    {
        var connection = await TestDatabase.CreateAsync("nodemode");
        await using var a = await ServiceProcess.StartAsync(connection, Balanced);
        await using var b = await ServiceProcess.StartAsync(connection, Balanced);
        (await b.Client.GetAsync("/health/live")).IsSuccessStatusCode.ShouldBeTrue();

        var solo = await Should.ThrowAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(connection, Solo));
        solo.Message.ShouldContain("Wolverine:Solo=true");

        await a.KillAsync();
        await b.KillAsync();
        await using var alone = await ServiceProcess.StartAsync(connection, Solo);
        var balanced = await Should.ThrowAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(connection, Balanced));
        balanced.Message.ShouldContain("A node in solo mode (Wolverine:Solo=true) is running on this database");
    }
}
