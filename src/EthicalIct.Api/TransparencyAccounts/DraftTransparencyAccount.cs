using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.TransparencyAccounts;

/// <summary>Start the organisation's account for a year with part (a); one account per organisation and year (coordinators).</summary>
public sealed record DraftTransparencyAccount(int Year, AccountPartA PartA);

/// <summary>Draft part (a) again, until the account is approved.</summary>
public sealed record ReviseTransparencyAccount(AccountPartA PartA, long? ExpectedVersion = null);

public sealed record AccountResponse(Guid AccountId, long Version);

public static class AccountRules
{
    public static IEnumerable<FieldError> PartA(AccountPartA? a) =>
    [
        .. Rules.Text(a?.Organisation, "partA.organisation", "describe the organisation"),
        .. Rules.Text(a?.AreasOfOperation, "partA.areasOfOperation", "describe the areas of operation"),
        .. Rules.Text(a?.Guidelines, "partA.guidelines", "name the guidelines for handling adverse impacts"),
        .. Rules.Text(a?.Routines, "partA.routines", "describe the routines for handling adverse impacts"),
    ];

    public static AccountPartA Trimmed(AccountPartA a) => new(a.Organisation.Trim(), a.AreasOfOperation.Trim(), a.Guidelines.Trim(), a.Routines.Trim());

    public static ProblemDetails? MustBeDraft(TransparencyAccount account) =>
        account.Status == AccountStatus.Draft
            ? null
            : Problems.Conflict($"The account is {(account.Status == AccountStatus.Approved ? "approved" : "published")}; a correction is a new account version of the record, not an edit.",
                new Dictionary<string, object?> { ["accountStatus"] = account.Status == AccountStatus.Approved ? "approved" : "published" });
}

public static class DraftTransparencyAccountEndpoint
{
    public static async Task<bool> LoadAsync(DraftTransparencyAccount command, IQuerySession session, CancellationToken ct) =>
        await session.Query<TransparencyAccountDetails>().AnyAsync(a => a.Year == command.Year, ct);

    public static ProblemDetails Validate(DraftTransparencyAccount command, bool exists, DateTimeOffset now) =>
        Problems.Validation([
            .. command.Year < 2022 || command.Year > Rules.Today(now).Year ? [new FieldError("year", $"a year from 2022 (the Act came into force on 1 July 2022) to {Rules.Today(now).Year}")] : Array.Empty<FieldError>(),
            .. AccountRules.PartA(command.PartA),
        ])
        ?? (exists ? Problems.Conflict($"Your organisation already has an account for {command.Year}.", new Dictionary<string, object?> { ["field"] = "year" }) : null)
        ?? Problems.None;

    public static TransparencyAccountDrafted Decide(DraftTransparencyAccount command, Guid accountId, Caller caller, DateTimeOffset now) =>
        new(accountId, command.Year, AccountRules.Trimmed(command.PartA), caller.Actor, now);

    /// <summary>Start an account.</summary>
    [WolverinePost("/api/transparency-accounts"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Created<AccountResponse>, IStartStream) Post(DraftTransparencyAccount command, Caller caller, DateTimeOffset now)
    {
        var drafted = Decide(command, Guid.CreateVersion7(now), caller, now);
        return (TypedResults.Created($"/api/transparency-accounts/{drafted.AccountId}", new AccountResponse(drafted.AccountId, 1)),
            MartenOps.StartStream<TransparencyAccount>(drafted.AccountId, drafted));
    }
}

public static class ReviseTransparencyAccountEndpoint
{
    public static ProblemDetails Validate(ReviseTransparencyAccount command, TransparencyAccount account) =>
        AccountRules.MustBeDraft(account) ?? Problems.Validation([.. AccountRules.PartA(command.PartA)]) ?? Problems.None;

    public static TransparencyAccountDrafted Decide(ReviseTransparencyAccount command, TransparencyAccount account, Caller caller, DateTimeOffset now) =>
        new(account.Id, account.Year, AccountRules.Trimmed(command.PartA), caller.Actor, now);

    /// <summary>Revise part (a) of a draft.</summary>
    [WolverinePost("/api/transparency-accounts/{accountId}/part-a"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Ok<AccountResponse>, Events) Post(ReviseTransparencyAccount command, [WriteAggregate("accountId")] TransparencyAccount account, Caller caller,
        DateTimeOffset now) =>
        (TypedResults.Ok(new AccountResponse(account.Id, account.Version + 1)), [Decide(command, account, caller, now)]);
}
