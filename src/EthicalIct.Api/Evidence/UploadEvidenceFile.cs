using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.Evidence;

public sealed class EvidenceOptions
{
    /// <summary><c>Evidence:MaxFileBytes</c>, 25 MB by default.</summary>
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;
}

public static class UploadEvidenceFileEndpoint
{
    public const string Route = "/api/evidence-files";

    /// <summary>
    /// Upload the bytes of an evidence file (the request body, with the file's Content-Type). Answers its SHA-256,
    /// which <c>RegisterEvidence</c> then references. Uploading the same bytes again is harmless. A body over
    /// <c>Evidence:MaxFileBytes</c> is a 413 problem.
    /// </summary>
    [WolverinePost(Route), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    [RawBodyUpload]
    [ProducesResponseType<StoredFile>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    public static async Task<IResult> Post(HttpRequest request, IDocumentSession session, Microsoft.Extensions.Options.IOptions<EvidenceOptions> options,
        DateTimeOffset now, CancellationToken ct)
    {
        var limit = options.Value.MaxFileBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Results.Problem(Problems.Invalid("body", "send the file's bytes as the request body"));
        }

        var contentType = string.IsNullOrWhiteSpace(request.ContentType) ? "application/octet-stream" : request.ContentType;
        if (contentType.Length > 200)
        {
            return Results.Problem(Problems.Invalid("Content-Type", "must be at most 200 characters"));
        }

        var content = buffer.ToArray();
        var sha256 = EvidenceFiles.Sha256(content);
        EvidenceFiles.Save(session, sha256, content, contentType, now);
        return Results.Json(new StoredFile(sha256, content.LongLength, contentType), statusCode: StatusCodes.Status201Created);
    }

    private static IResult TooLarge(long limit) => Results.Problem(new ProblemDetails
    {
        Type = "urn:ethicalict:problem:file-too-large",
        Title = "The file is too large.",
        Status = StatusCodes.Status413PayloadTooLarge,
        Detail = $"body: evidence files are limited to {limit} bytes (Evidence:MaxFileBytes).",
        Extensions = { ["field"] = "body", ["maxFileBytes"] = limit },
    });
}
