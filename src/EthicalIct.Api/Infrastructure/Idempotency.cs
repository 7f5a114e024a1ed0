using System.Security.Cryptography;
using EthicalIct.Api.Identity;
using Marten;
using JasperFx;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// The first response to a command sent with an <c>Idempotency-Key</c>, kept per organisation (a tenanted
/// document). Only successful (2xx) responses are kept; a failed attempt releases the key.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";

    /// <summary>SHA-256 of method, path and body.</summary>
    public string RequestHash { get; set; } = "";

    public bool Completed { get; set; }

    public int StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public string? ETag { get; set; }

    public byte[] Body { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// <c>Idempotency-Key</c> on any command (POST/PUT/PATCH/DELETE): the same key and body from the same organisation
/// returns the first response and appends nothing; the same key with another body is a 422; a retry while the
/// first is still running is a 409. Runs after authorisation, so the organisation comes from the token.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext ctx, IDocumentStore store, IProblemDetailsService problems, TimeProvider clock)
    {
        var method = ctx.Request.Method;
        var isCommand = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        if (!isCommand || !ctx.Request.Headers.TryGetValue(Header, out var keyValues) || Caller.From(ctx.User) is not { } caller)
        {
            await next(ctx);
            return;
        }

        var key = keyValues.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            await WriteProblemAsync(ctx, problems, Problems.Invalid(Header, $"must be 1 to {MaxKeyLength} printable characters"));
            return;
        }

        ctx.Request.EnableBuffering();
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        ctx.Request.Body.Position = 0;
        var hash = RequestHash(method, ctx.Request.Path + ctx.Request.QueryString, body.ToArray());
        var id = $"{caller.OrgNumber}:{key}";

        await using var session = store.LightweightSession(caller.OrgNumber);
        var existing = await session.LoadAsync<IdempotencyRecord>(id, ctx.RequestAborted);
        if (existing is { Completed: false } && clock.GetUtcNow() - existing.CreatedAt > AbandonedAfter)
        {
            // The first attempt died without finishing (its process stopped): the key is free again.
            session.Delete<IdempotencyRecord>(id);
            await session.SaveChangesAsync(ctx.RequestAborted);
            existing = null;
        }

        if (existing is null)
        {
            session.Insert(new IdempotencyRecord { Id = id, RequestHash = hash, CreatedAt = clock.GetUtcNow() });
            try
            {
                await session.SaveChangesAsync(ctx.RequestAborted);
            }
            catch (DocumentAlreadyExistsException)
            {
                await using var again = store.QuerySession(caller.OrgNumber);
                existing = await again.LoadAsync<IdempotencyRecord>(id, ctx.RequestAborted);
            }
        }

        if (existing is not null)
        {
            await AnswerRepeatAsync(ctx, problems, existing, hash);
            return;
        }

        var originalBody = ctx.Response.Body;
        using var captured = new MemoryStream();
        ctx.Response.Body = captured;
        try
        {
            await next(ctx);
        }
        catch
        {
            ctx.Response.Body = originalBody;
            await ReleaseAsync(store, caller.OrgNumber, id);
            throw;
        }

        ctx.Response.Body = originalBody;
        if (ctx.Response.StatusCode is >= 200 and < 300)
        {
            await using var complete = store.LightweightSession(caller.OrgNumber);
            complete.Store(new IdempotencyRecord
            {
                Id = id,
                RequestHash = hash,
                Completed = true,
                StatusCode = ctx.Response.StatusCode,
                ContentType = ctx.Response.ContentType,
                Location = ctx.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                ETag = ctx.Response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null,
                Body = captured.ToArray(),
                CreatedAt = clock.GetUtcNow(),
            });
            await complete.SaveChangesAsync(CancellationToken.None);
        }
        else
        {
            await ReleaseAsync(store, caller.OrgNumber, id);
        }

        captured.Position = 0;
        await captured.CopyToAsync(originalBody, CancellationToken.None);
    }

    private static async Task AnswerRepeatAsync(HttpContext ctx, IProblemDetailsService problems, IdempotencyRecord record, string hash)
    {
        if (record.RequestHash != hash)
        {
            await WriteProblemAsync(ctx, problems, new ProblemDetails
            {
                Type = Problems.IdempotencyType,
                Title = "The Idempotency-Key was already used for another request.",
                Status = StatusCodes.Status422UnprocessableEntity,
                Detail = $"{Header}: this key was first used with a different method, path or body; use a new key for a new request.",
                Extensions = { ["field"] = Header },
            });
            return;
        }

        if (!record.Completed)
        {
            await WriteProblemAsync(ctx, problems, Problems.Conflict($"{Header}: the first request with this key is still being processed; retry shortly.",
                new Dictionary<string, object?> { ["field"] = Header }));
            return;
        }

        ctx.Response.StatusCode = record.StatusCode;
        ctx.Response.Headers[ReplayedHeader] = "true";
        if (record.ContentType is not null)
        {
            ctx.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            ctx.Response.Headers.Location = record.Location;
        }

        if (record.ETag is not null)
        {
            ctx.Response.Headers.ETag = record.ETag;
        }

        await ctx.Response.Body.WriteAsync(record.Body, ctx.RequestAborted);
    }

    private static async Task ReleaseAsync(IDocumentStore store, string org, string id)
    {
        await using var session = store.LightweightSession(org);
        session.Delete<IdempotencyRecord>(id);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    private static async Task WriteProblemAsync(HttpContext ctx, IProblemDetailsService problems, ProblemDetails problem)
    {
        ctx.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = ctx, ProblemDetails = problem });
    }

    public static string RequestHash(string method, string pathAndQuery, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()} {pathAndQuery}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
