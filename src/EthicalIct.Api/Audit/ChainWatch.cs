using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace EthicalIct.Api.Audit;

/// <summary>The last full verification of the chain, as the health check reports it.</summary>
public sealed class ChainStatus
{
    public Verification? Last { get; set; }
}

/// <summary>
/// Verifies the whole chain against the events table every <c>Audit:VerifyEverySeconds</c> (default 300) in the
/// background; <see cref="ChainHealthCheck"/> reports the last result in <c>/health/ready</c>.
/// </summary>
public sealed class ChainWatch(NpgsqlDataSource dataSource, IDocumentStore store, CheckpointSigner signer, IConfiguration config, ChainStatus status, TimeProvider clock,
    ILogger<ChainWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(config.GetValue("Audit:VerifyEverySeconds", 300));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await ChainVerifier.VerifyAsync(dataSource, store.Options.Events.DatabaseSchemaName, ct: stoppingToken, publicKey: signer.PublicKey);
                status.Last = result;
                if (!result.Holds)
                {
                    logger.LogError("The hash chain does not verify at entry {Ordinal}, position {Position}: {Problem}", result.Ordinal, result.Position, result.Problem);
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning("The chain could not be verified now: {Reason}", e.Message);
            }

            await Task.Delay(every, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}

/// <summary>Unhealthy once a verification found the chain broken: the record can no longer be trusted as it stands.</summary>
public sealed class ChainHealthCheck(ChainStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(status.Last switch
        {
            null => HealthCheckResult.Healthy("not verified yet"),
            { Holds: true } v => HealthCheckResult.Healthy($"{v.Checked} entries verified"),
            { } v => HealthCheckResult.Unhealthy($"the chain does not verify at entry {v.Ordinal}, position {v.Position}: {v.Problem}"),
        });
}
