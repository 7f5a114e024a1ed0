using System.Diagnostics;
using System.Globalization;
using EthicalIct.Api.Development;
using EthicalIct.TestSupport;

namespace EthicalIct.Reliability;

/// <summary>
/// 7. Two nodes in balanced mode on one PostgreSQL under load (issue #16): the peer (started first, so it leads) is
/// killed and stays dead; every agent must run on the survivor, the dead node's projections must move again within the
/// failover budget, and a node joining later must get an even share. Ends with the same checks as every scenario (the
/// store against the ledger, every channel exactly once, the chain, the views against a rebuild).
/// </summary>
public static class ClusterScenario
{
    /// <summary>Failover budget: from the kill to the dead node's projections moving again on the survivor.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static async Task<Result> NodeLostAsync(LocalPostgres pg, Options o)
    {
        var (count, rate) = (o.Count(6000, 1200), o.Rate(100, 40));
        var result = new Result("7. a node of two lost",
            $"two nodes in balanced mode on one database, {count} commands at {rate}/s to one of them; at 30 % of the load the other (the leader) is killed " +
            "with kill -9 and stays dead; at 70 % a new node joins");
        var settings = new Dictionary<string, string> { ["Wolverine__Solo"] = "false" };
        await using var rig = await Rig.StartAsync(pg, "s7", o, settings, peers: 1);
        var cs = rig.ConnectionString;

        var driver = rig.Driver();
        await driver.PrepareAsync();
        var spread = await ClusterProbe.WaitForAsync(cs, a => a.Even(2) && a.Agents.Count >= a.Shards, TimeSpan.FromSeconds(60));
        result.Add("agents per node before the kill", spread.Describe());
        result.Expect(spread.Even(2), $"both nodes run an even share of the agents before the kill ({spread.Describe()})");

        var load = driver.RunAsync(count, rate);
        var duration = count / rate;
        var elapsed = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(duration * 0.3));

        var before = await ClusterProbe.AssignmentsAsync(cs);
        var dead = before.First;
        var orphaned = before.Agents.Where(a => a.Node == dead).Select(a => a.Shard).ToList();
        var (reassigned, moving, after) = await ClusterProbe.FailoverAsync(cs, dead, before.Agents.Count, orphaned, rig.Peers[0].StopAsync, TimeSpan.FromSeconds(90));

        result.Add("agents the dead node ran", string.Join(", ", orphaned));
        result.Add("failover: every agent assigned to the survivor (s after the kill)", reassigned ?? double.NaN);
        result.Add("failover: the dead node's projections moving again (s after the kill)", moving ?? double.NaN);
        result.Add("agents per node after the kill", after.Describe());
        result.Expect(reassigned is not null && after.Nodes.Count == 1 && after.Agents.Count >= before.Agents.Count,
            $"the survivor runs every agent after the kill ({after.Describe()})");
        result.Expect(moving is { } m && m <= Budget.TotalSeconds,
            $"the dead node's projections move again within {Budget.TotalSeconds:0} s (took {(moving is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "over 90")} s)");

        // A new node joins: the leader gives it an even share.
        var wait = TimeSpan.FromSeconds(duration * 0.7) - elapsed.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        rig.Peers.Add(await Node.StartAsync(cs, rig.Settings, supervised: false));
        var joined = Stopwatch.StartNew();
        var rebalanced = await ClusterProbe.WaitForAsync(cs, a => a.Even(2), TimeSpan.FromSeconds(60));
        result.Add("agents per node after a node joined", rebalanced.Describe());
        result.Add("rebalanced after the join (s from the new node's /health/live)", rebalanced.Even(2) ? joined.Elapsed.TotalSeconds : double.NaN);
        result.Expect(rebalanced.Even(2), $"a joining node gets an even share of the agents ({rebalanced.Describe()})");

        await load;
        await rig.FinishAsync(result, maxResends: 2 * 25);
        return result;
    }
}
