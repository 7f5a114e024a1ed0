using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace EthicalIct.Api.Audit;

public sealed record CheckpointKey(string KeyId, string Algorithm, string PublicKey);

public sealed record InclusionProof(long TreeSize, long LeafIndex, long Position, string EventHash, IReadOnlyList<string> Proof, string MerkleRoot);

public sealed record ConsistencyProof(long First, long Second, string FirstRoot, string SecondRoot, IReadOnlyList<string> Proof);

/// <summary>Checkpoints and proofs: what a party needs to check, on its own machine, that the log it saw is still the log.</summary>
public static class AuditProofs
{
    /// <summary>The signed checkpoints, oldest first (cursor: tree size).</summary>
    [WolverineGet("/api/audit/checkpoints"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<IReadOnlyList<Checkpoint>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Checkpoints(ReadStore read, IDocumentStore store, CancellationToken ct, long after = 0, int limit = 100)
    {
        if (Problems.Validation([.. after < 0 ? [new FieldError("after", "must be 0 or more")] : Array.Empty<FieldError>(),
                .. limit is < 1 or > 1000 ? [new FieldError("limit", "must be between 1 and 1000")] : Array.Empty<FieldError>()]) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        return Results.Ok(await AuditTable.CheckpointsAsync(connection, store.Options.Events.DatabaseSchemaName, after, limit, ct));
    }

    /// <summary>An inclusion proof (RFC 9162 §2.1.3) of the event at a position in the tree of a given size (a checkpoint's).</summary>
    [WolverineGet("/api/audit/proofs/inclusion"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<InclusionProof>(StatusCodes.Status200OK)]
    public static async Task<IResult> Inclusion(ReadStore read, IDocumentStore store, CancellationToken ct, long position = 0, long treeSize = 0)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var (head, _, _) = await AuditTable.HeadAsync(connection, schema, ct);
        if (Problems.Validation([.. treeSize < 1 || treeSize > head ? [new FieldError("treeSize", $"must be between 1 and the log's size, {head}")] : Array.Empty<FieldError>()]) is { } problem)
        {
            return Results.Problem(problem);
        }

        await using var cmd = new NpgsqlCommand($"select ordinal, encode(event_hash, 'hex') from {schema}.{AuditTable.Name} where position = @p", connection);
        cmd.Parameters.AddWithValue("p", position);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.GetInt64(0) > treeSize)
        {
            return Results.Problem(Problems.NotFound($"No event at position {position} in the first {treeSize} entries of the log."));
        }

        var (ordinal, eventHash) = (reader.GetInt64(0), reader.GetString(1));
        await reader.DisposeAsync();
        var leaves = await AuditTable.LeavesAsync(connection, schema, treeSize, ct);
        var proof = MerkleTree.InclusionProof(leaves, (int)(ordinal - 1));
        return Results.Ok(new InclusionProof(treeSize, ordinal - 1, position, eventHash, [.. proof.Select(Convert.ToHexStringLower)],
            Convert.ToHexStringLower(MerkleTree.Root(leaves))));
    }

    /// <summary>A consistency proof (RFC 9162 §2.1.4): the tree of the first entries is a prefix of the tree of the second.</summary>
    [WolverineGet("/api/audit/proofs/consistency"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
    [ProducesResponseType<ConsistencyProof>(StatusCodes.Status200OK)]
    public static async Task<IResult> Consistency(ReadStore read, IDocumentStore store, CancellationToken ct, long first = 0, long second = 0)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = await read.DataSource.OpenConnectionAsync(ct);
        var (head, _, _) = await AuditTable.HeadAsync(connection, schema, ct);
        if (Problems.Validation([
                .. second < 1 || second > head ? [new FieldError("second", $"must be between 1 and the log's size, {head}")] : Array.Empty<FieldError>(),
                .. first < 1 || first > second ? [new FieldError("first", "must be between 1 and second")] : Array.Empty<FieldError>(),
            ]) is { } problem)
        {
            return Results.Problem(problem);
        }

        var leaves = await AuditTable.LeavesAsync(connection, schema, second, ct);
        return Results.Ok(new ConsistencyProof(first, second, Convert.ToHexStringLower(MerkleTree.Root(leaves.Take((int)first).ToList())),
            Convert.ToHexStringLower(MerkleTree.Root(leaves)), [.. MerkleTree.ConsistencyProof(leaves, (int)first).Select(Convert.ToHexStringLower)]));
    }
}
