using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.TransparencyAccounts;

/// <summary>
/// Approve the account (coordinators, on the board's decision): the data snapshot of parts (b) and (c) is taken from
/// the organisation's record as it stood at <c>asOf</c> (default: now; not in the future, not before the year ended
/// unless the year is the current one) and recorded with its SHA-256 in the approval.
/// </summary>
public sealed record ApproveTransparencyAccount(DateTimeOffset? AsOf = null, long? ExpectedVersion = null);

/// <summary>The organisation's events the figures read, stored up to the moment.</summary>
public sealed record AccountRecord(IReadOnlyList<IEvent> Events);

public static class AccountRecords
{
    /// <summary>
    /// The events the figures read, stored at or before the moment: the organisation's own (the tenant's session sees
    /// only its own), and in the shared supplier dialogues the plans it approved and the findings it closed.
    /// </summary>
    public static async Task<AccountRecord> ReadAsync(IQuerySession session, string org, DateTimeOffset asOf, CancellationToken ct)
    {
        asOf = asOf.ToUniversalTime(); // PostgreSQL's timestamptz parameters take UTC offsets only
        var own = await session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= asOf && e.EventTypesAre(AccountFigures.Reads)).OrderBy(e => e.Sequence)
            .Take(1_000_000).ToListAsync(ct);
        await using var shared = session.DocumentStore.QuerySession(new Marten.Services.SessionOptions { TenantId = JasperFx.StorageConstants.DefaultTenantId, AllowAnyTenant = true });
        var dialogues = await shared.Events.QueryAllRawEvents().Where(e => e.Timestamp <= asOf && e.EventTypesAre(AccountFigures.ReadsShared)).OrderBy(e => e.Sequence)
            .Take(1_000_000).ToListAsync(ct);
        return new([.. own, .. dialogues.Where(e => AccountFigures.ActedBy(e.Data) == org)]);
    }
}

public static class ApproveTransparencyAccountEndpoint
{
    /// <summary>The record up to the moment asked for (a moment in the future is refused by Validate; the figures stop at the request's now).</summary>
    public static Task<AccountRecord> LoadAsync(ApproveTransparencyAccount command, IQuerySession session, Caller caller, CancellationToken ct) =>
        AccountRecords.ReadAsync(session, caller.OrgNumber, command.AsOf ?? DateTimeOffset.MaxValue, ct);

    public static ProblemDetails Validate(ApproveTransparencyAccount command, TransparencyAccount account, DateTimeOffset now) =>
        AccountRules.MustBeDraft(account)
        ?? Problems.Validation([
            .. command.AsOf is { } at && at > now ? [new FieldError("asOf", "must not be in the future")] : Array.Empty<FieldError>(),
            .. command.AsOf is { } before && before.UtcDateTime.Year < account.Year ? [new FieldError("asOf", $"must not be before {account.Year} began")] : Array.Empty<FieldError>(),
        ])
        ?? Problems.None;

    public static TransparencyAccountApproved Decide(ApproveTransparencyAccount command, TransparencyAccount account, AccountRecord record, Caller caller, DateTimeOffset now)
    {
        var data = AccountFigures.Build(account.Year, command.AsOf ?? now, record.Events);
        return new TransparencyAccountApproved(account.Id, account.Year, data, AccountFigures.Sha256(data), caller.Actor, now);
    }

    /// <summary>Approve an account, taking its data snapshot.</summary>
    [WolverinePost("/api/transparency-accounts/{accountId}/approval"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<AccountResponse>, Events) Post(ApproveTransparencyAccount command, [WriteAggregate("accountId")] TransparencyAccount account, AccountRecord record, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new AccountResponse(account.Id, account.Version + 1)), [Decide(command, account, record, caller, now)]);
}

/// <summary>Record where and when the approved account was published; on time when by 30 June of the following year (åpenhetsloven § 5).</summary>
public sealed record PublishTransparencyAccount(string Url, DateOnly? PublishedOn = null, long? ExpectedVersion = null);

public static class PublishTransparencyAccountEndpoint
{
    public static DateOnly Deadline(int year) => new(year + 1, 6, 30);

    public static ProblemDetails Validate(PublishTransparencyAccount command, TransparencyAccount account, DateTimeOffset now) =>
        (account.Status == AccountStatus.Approved
            ? null
            : Problems.Conflict(account.Status == AccountStatus.Draft ? "Approve the account before publishing it." : "The account is already published.",
                new Dictionary<string, object?> { ["accountStatus"] = account.Status == AccountStatus.Draft ? "draft" : "published" }))
        ?? Problems.Validation([
            .. Uri.TryCreate(command.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? [] : new[] { new FieldError("url", "the https address where the account is published") },
            .. command.PublishedOn is { } day && day > Rules.Today(now) ? [new FieldError("publishedOn", "must not be in the future")] : Array.Empty<FieldError>(),
        ])
        ?? Problems.None;

    public static TransparencyAccountPublished Decide(PublishTransparencyAccount command, TransparencyAccount account, Caller caller, DateTimeOffset now)
    {
        var day = command.PublishedOn ?? Rules.Today(now);
        return new TransparencyAccountPublished(account.Id, account.Year, command.Url.Trim(), day, day <= Deadline(account.Year), caller.Actor, now);
    }

    /// <summary>Record the publication.</summary>
    [WolverinePost("/api/transparency-accounts/{accountId}/publication"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<AccountResponse>, Events) Post(PublishTransparencyAccount command, [WriteAggregate("accountId")] TransparencyAccount account, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new AccountResponse(account.Id, account.Version + 1)), [Decide(command, account, caller, now)]);
}
