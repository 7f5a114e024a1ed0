using Wolverine;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// How nodes of the service share one PostgreSQL (docs/adr/0022). Balanced mode is the normal way to run: Wolverine
/// elects a leader that spreads the projection and subscription agents over the live nodes and moves a dead node's
/// agents to the others. Solo mode (every agent on this node, no election) only where one node is certain: Development
/// (the tests and the local demo), or <c>Wolverine:Solo=true</c> set on purpose; <see cref="NodeModeGuard"/> refuses a
/// solo node beside a live one.
/// </summary>
public static class Cluster
{
    public const string SoloSetting = "Wolverine:Solo";

    public static bool IsSolo(IConfiguration config, IHostEnvironment environment) => config.GetValue<bool?>(SoloSetting) ?? environment.IsDevelopment();

    /// <summary>
    /// Failover timing. Every node writes its heartbeat each <see cref="HealthCheck"/>; another node counts it stale when
    /// the heartbeat is older than <see cref="StaleNode"/> and ejects it after two such ticks, and the leader then
    /// starts its agents elsewhere: from a kill to the agents running again on a survivor takes about
    /// <c>StaleNode + 2 × HealthCheck</c> (measured as P9 in docs/benchmarks.md). <see cref="CheckAssignment"/> is how often
    /// the leader compares what should run where with what runs, which also rebalances after a node joins.
    /// </summary>
    public sealed record Failover(TimeSpan HealthCheck, TimeSpan StaleNode, TimeSpan CheckAssignment)
    {
        public static Failover From(IConfiguration config) => new(
            TimeSpan.FromSeconds(config.GetValue("Cluster:HealthCheckSeconds", 1.0)),
            TimeSpan.FromSeconds(config.GetValue("Cluster:StaleNodeSeconds", 4.0)),
            TimeSpan.FromSeconds(config.GetValue("Cluster:CheckAssignmentSeconds", 5.0)));

        public void ApplyTo(DurabilitySettings durability)
        {
            durability.HealthCheckPollingTime = HealthCheck;
            durability.FirstHealthCheckExecution = TimeSpan.FromMilliseconds(Math.Min(HealthCheck.TotalMilliseconds, 1000));
            durability.StaleNodeTimeout = StaleNode;
            durability.StaleNodeEjectionThreshold = 2;
            durability.CheckAssignmentPeriod = CheckAssignment;
            // A dead node's inbox (scheduled checks, deliveries) is taken over as soon as the node is ejected.
            durability.NodeReassignmentPollingTime = CheckAssignment;
        }
    }
}
