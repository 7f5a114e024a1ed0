using System.Globalization;
using Npgsql;

namespace EthicalIct.TestSupport;

/// <summary>
/// What the nodes of a cluster record in PostgreSQL: Wolverine's live nodes and which event-subscription agent runs on
/// which, and each Marten shard's progress. Shared by the reliability harness (scenario 7) and the benchmark (P9), as a
/// linked source file.
/// </summary>
public static class ClusterProbe
{
    public const string Schema = "ethicalict";

    public sealed record Agent(string Uri, string Shard, Guid Node);

    public sealed record Assignments(IReadOnlyList<Agent> Agents, IReadOnlyDictionary<Guid, int> Nodes, int Shards)
    {
        public static Assignments None { get; } = new([], new Dictionary<Guid, int>(), 0);

        public IReadOnlyDictionary<Guid, int> PerNode => Nodes.Keys.ToDictionary(n => n, n => Agents.Count(a => a.Node == n));

        /// <summary>The node registered first (Wolverine numbers nodes in the order they register).</summary>
        public Guid First => Nodes.OrderBy(n => n.Value).First().Key;

        /// <summary>Every node runs agents and no two differ by more than one.</summary>
        public bool Even(int nodes) => Nodes.Count == nodes && PerNode.Values.All(n => n > 0) && PerNode.Values.Max() - PerNode.Values.Min() <= 1;

        public string Describe() => Nodes.Count == 0 ? "no node registered"
            : string.Join(", ", Nodes.OrderBy(n => n.Value).Select(n => $"node {n.Value}: {PerNode[n.Key]}")) + $" (agents {Agents.Count})";
    }

    /// <summary>Wolverine's record of the live nodes and where each event-subscription agent runs.</summary>
    public static async Task<Assignments> AssignmentsAsync(string cs)
    {
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            var nodes = new Dictionary<Guid, int>();
            await using (var cmd = new NpgsqlCommand($"select id, node_number from {Schema}.wolverine_nodes", conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    nodes[reader.GetGuid(0)] = reader.GetInt32(1);
                }
            }

            var agents = new List<Agent>();
            await using (var cmd = new NpgsqlCommand($"select id, node_id from {Schema}.wolverine_node_assignments where id like 'event-subscriptions:%'", conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var uri = reader.GetString(0);
                    var parts = uri.TrimEnd('/').Split('/');
                    agents.Add(new Agent(uri, $"{parts[^2]}:{parts[^1]}", reader.GetGuid(1)));
                }
            }

            await using var shards = new NpgsqlCommand($"select count(*) from {Schema}.mt_event_progression where name like '%:%'", conn);
            return new Assignments(agents, nodes, Convert.ToInt32(await shards.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            return Assignments.None;
        }
    }

    /// <summary>Each shard's progress, by its name in lower case (as the agent addresses spell it).</summary>
    public static async Task<Dictionary<string, long>> ProgressAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select name, last_seq_id from {Schema}.mt_event_progression where name like '%:%'", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var progress = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            progress[reader.GetString(0).ToLowerInvariant()] = reader.GetInt64(1);
        }

        return progress;
    }

    public static async Task<Assignments> WaitForAsync(string cs, Func<Assignments, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var now = await AssignmentsAsync(cs);
            if (done(now) || DateTime.UtcNow > until)
            {
                return now;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Kills a node with <paramref name="kill"/> and times the failover, polling every 200 ms: until no agent is left on
    /// <paramref name="dead"/> and every one of <paramref name="orphaned"/>'s shards has moved past where it stood after
    /// the kill (read once the dead node's connections are closed: a batch it committed just before dying is not the survivor's).
    /// </summary>
    public static async Task<(double? Reassigned, double? Moving, Assignments After)> FailoverAsync(string cs, Guid dead, int agents, IReadOnlyList<string> orphaned,
        Func<Task> kill, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await kill();
        await Task.Delay(300);
        var progressAtKill = await ProgressAsync(cs);
        double? reassigned = null, moving = null;
        var after = Assignments.None;
        while (clock.Elapsed < timeout && (reassigned is null || moving is null))
        {
            after = await AssignmentsAsync(cs);
            if (reassigned is null && after.Agents.Count >= agents && after.Agents.All(a => a.Node != dead) && !after.Nodes.ContainsKey(dead))
            {
                reassigned = clock.Elapsed.TotalSeconds;
            }

            var progress = await ProgressAsync(cs);
            if (moving is null && orphaned.All(s => progress.GetValueOrDefault(s) > progressAtKill.GetValueOrDefault(s)))
            {
                moving = clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(200);
        }

        return (reassigned, moving, after);
    }
}
