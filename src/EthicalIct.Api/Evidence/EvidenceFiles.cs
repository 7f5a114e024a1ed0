using System.Security.Cryptography;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace EthicalIct.Api.Evidence;

/// <summary>A stored evidence file: content-addressed by the SHA-256 of its bytes.</summary>
public sealed record StoredFile(string Sha256, long SizeBytes, string ContentType);

/// <summary>
/// Evidence files live in PostgreSQL, one row per (organisation, SHA-256), written through the caller's tenant
/// session and so only ever read back by the organisation that uploaded them. This class is the only path to the
/// table: every statement takes the tenant from the session.
/// </summary>
public static class EvidenceFiles
{
    public const string TableName = "evidence_files";

    public static Table Definition(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, TableName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn("tenant_id", "varchar(100)").AsPrimaryKey();
        table.AddColumn("sha256", "char(64)").AsPrimaryKey();
        table.AddColumn("content", "bytea").NotNull();
        table.AddColumn("size_bytes", "bigint").NotNull();
        table.AddColumn("content_type", "varchar(200)").NotNull();
        table.AddColumn("uploaded_at", "timestamptz").NotNull();
        return table;
    }

    public static string Sha256(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Qualified(IQuerySession session) => $"{session.DocumentStore.Options.DatabaseSchemaName}.{TableName}";

    /// <summary>Queues the insert in the session's unit of work (same transaction as its events and documents).</summary>
    public static void Save(IDocumentSession session, string sha256, byte[] content, string contentType, DateTimeOffset now) =>
        session.QueueSqlCommand(
            $"insert into {Qualified(session)} (tenant_id, sha256, content, size_bytes, content_type, uploaded_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing",
            session.TenantId, sha256, content, content.LongLength, contentType, now);

    public static async Task<StoredFile?> FindAsync(IQuerySession session, string? sha256, CancellationToken ct)
    {
        if (sha256 is not { Length: 64 })
        {
            return null;
        }

        await using var cmd = new NpgsqlCommand(
            $"select size_bytes, content_type from {Qualified(session)} where tenant_id = @tenant and sha256 = @sha", session.Connection);
        cmd.Parameters.AddWithValue("tenant", session.TenantId);
        cmd.Parameters.AddWithValue("sha", sha256);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredFile(sha256, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public static Task<byte[]?> ReadAsync(IQuerySession session, string sha256, CancellationToken ct) =>
        ReadSharedAsync(session, session.TenantId, sha256, ct);

    /// <summary>
    /// Reads a file another organisation uploaded. Only for shared streams whose access guard has already admitted
    /// the caller (supplier dialogues, docs/adr/0008).
    /// </summary>
    public static async Task<byte[]?> ReadSharedAsync(IQuerySession session, string ownerOrg, string sha256, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select content from {Qualified(session)} where tenant_id = @tenant and sha256 = @sha", session.Connection);
        cmd.Parameters.AddWithValue("tenant", ownerOrg);
        cmd.Parameters.AddWithValue("sha", sha256);
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>Serves the bytes only if they still hash to the registered SHA-256 (else a logged 500 problem).</summary>
    public static IResult Serve(byte[]? content, string sha256, string contentType, string fileName, HttpResponse response, ILogger logger, Guid evidenceId)
    {
        if (content is null || Sha256(content) != sha256)
        {
            logger.LogError("Evidence {EvidenceId} failed its integrity check: stored bytes do not hash to {Sha256}", evidenceId, sha256);
            return Results.Problem(new ProblemDetails
            {
                Type = "urn:ethicalict:problem:integrity",
                Title = "The stored file failed its integrity check.",
                Status = StatusCodes.Status500InternalServerError,
                Detail = $"The bytes stored for evidence {evidenceId} do not match the SHA-256 recorded when it was registered; it is not served.",
            });
        }

        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(sha256))}:";
        response.Headers.ETag = $"\"{sha256}\"";
        return Results.File(content, contentType, fileName);
    }
}
