using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Audit;

/// <summary>
/// A party's coordinator countersigns a checkpoint: the party has checked it (signature, and consistency with the
/// checkpoints it kept) and states the root and chain head it saw. A stream of the witnessing organisation's own.
/// </summary>
public sealed record CheckpointWitnessed(Guid WitnessId, long TreeSize, string MerkleRoot, string ChainHead, Actor By, DateTimeOffset At);

/// <summary>The witness stream's aggregate (nothing decides on it later).</summary>
public sealed class CheckpointWitness
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public static CheckpointWitness Create(CheckpointWitnessed e) => new() { Id = e.WitnessId };
}

/// <summary>Who witnessed which checkpoint (single-tenanted: every party sees the witnesses).</summary>
public sealed class CheckpointWitnessView
{
    /// <summary>"&lt;treeSize&gt;:&lt;organisation&gt;".</summary>
    public string Id { get; set; } = "";

    public long TreeSize { get; set; }

    public string MerkleRoot { get; set; } = "";

    public string ChainHead { get; set; } = "";

    public Actor By { get; set; } = Actor.System;

    public DateTimeOffset At { get; set; }
}

public sealed partial class CheckpointWitnessProjection : EventProjection
{
    public CheckpointWitnessView Create(CheckpointWitnessed e) => new()
    {
        Id = $"{e.TreeSize}:{e.By.Org}", TreeSize = e.TreeSize, MerkleRoot = e.MerkleRoot, ChainHead = e.ChainHead, By = e.By, At = e.At,
    };
}

/// <summary>Countersign the checkpoint at a tree size, stating the Merkle root and chain head checked.</summary>
public sealed record WitnessCheckpoint(string MerkleRoot, string ChainHead);

public sealed record WitnessResponse(Guid WitnessId, long TreeSize);

public static class WitnessCheckpointEndpoint
{
    /// <summary>The checkpoint at the route's tree size, if there is one.</summary>
    public static async Task<Checkpoint?> LoadAsync(long treeSize, NpgsqlDataSource dataSource, IDocumentStore store, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await AuditTable.CheckpointsAsync(connection, store.Options.Events.DatabaseSchemaName, treeSize - 1, 1, ct)).FirstOrDefault(c => c.TreeSize == treeSize);
    }

    public static ProblemDetails Validate(WitnessCheckpoint command, Checkpoint? checkpoint, long treeSize) =>
        (checkpoint is null ? Problems.NotFound($"No checkpoint at tree size {treeSize}.") : null)
        ?? Problems.Validation([
            .. Hex64(command.MerkleRoot) ? Array.Empty<FieldError>() : [new FieldError("merkleRoot", "give the 64 hex digits of the Merkle root you checked")],
            .. Hex64(command.ChainHead) ? Array.Empty<FieldError>() : [new FieldError("chainHead", "give the 64 hex digits of the chain head you checked")],
        ])
        ?? (!string.Equals(command.MerkleRoot, checkpoint!.MerkleRoot, StringComparison.OrdinalIgnoreCase) || !string.Equals(command.ChainHead, checkpoint.ChainHead, StringComparison.OrdinalIgnoreCase)
            ? Problems.Conflict($"The checkpoint at tree size {treeSize} states root {checkpoint.MerkleRoot} and chain head {checkpoint.ChainHead}, not what you checked.")
            : null)
        ?? Problems.None;

    private static bool Hex64(string? value) => value is { Length: 64 } && value.All(Uri.IsHexDigit);

    public static CheckpointWitnessed Decide(WitnessCheckpoint command, Checkpoint checkpoint, Guid witnessId, Caller caller, DateTimeOffset now) =>
        new(witnessId, checkpoint.TreeSize, checkpoint.MerkleRoot, checkpoint.ChainHead, caller.Actor, now);

    /// <summary>Witness (countersign) a checkpoint (coordinators of any party).</summary>
    [WolverinePost("/api/audit/checkpoints/{treeSize}/witness"), Allow(RoleSet.Coordinators), Access(AccessRule.AnyOrganisation)]
    public static (Created<WitnessResponse>, IStartStream) Post(WitnessCheckpoint command, Checkpoint checkpoint, Caller caller, DateTimeOffset now)
    {
        var witnessed = Decide(command, checkpoint, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/audit/checkpoints?after={checkpoint.TreeSize - 1}", new WitnessResponse(witnessed.WitnessId, witnessed.TreeSize)),
            MartenOps.StartStream<CheckpointWitness>(witnessed.WitnessId, witnessed));
    }
}

public static class WitnessQueries
{
    /// <summary>Who witnessed the checkpoints, by tree size.</summary>
    [WolverineGet("/api/audit/witnesses"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<IReadOnlyList<CheckpointWitnessView>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<CheckpointWitnessView>> Witnesses(IQuerySession session, CancellationToken ct) =>
        await session.Query<CheckpointWitnessView>().OrderBy(w => w.TreeSize).Take(10_000).ToListAsync(ct);
}
