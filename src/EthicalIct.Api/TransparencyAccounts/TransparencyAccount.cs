using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;

namespace EthicalIct.Api.TransparencyAccounts;

public enum AccountStatus
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("draft")] Draft,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("approved")] Approved,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("published")] Published,
}

/// <summary>The write model of an account (inline snapshot, the organisation's tenant): its year and how far it has come.</summary>
public sealed class TransparencyAccount : IWriteModel
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public int Year { get; set; }

    public AccountStatus Status { get; set; } = AccountStatus.Draft;

    public static TransparencyAccount Create(TransparencyAccountDrafted e) => new() { Id = e.AccountId, Year = e.Year };

    public void Apply(TransparencyAccountApproved e) => Status = AccountStatus.Approved;

    public void Apply(TransparencyAccountPublished e) => Status = AccountStatus.Published;
}

/// <summary>An account as the organisation reads and exports it (inline, tenanted): part (a), the approved data snapshot (parts b and c), publication.</summary>
[SnapshotsAsOf(typeof(TransparencyAccount))]
public sealed class TransparencyAccountDetails
{
    public Guid Id { get; set; }

    public long Version { get; set; }

    public int Year { get; set; }

    public string Org { get; set; } = "";

    public AccountStatus Status { get; set; } = AccountStatus.Draft;

    public AccountPartA PartA { get; set; } = new("", "", "", "");

    /// <summary>The figures as approved (null while a draft).</summary>
    public AccountData? Data { get; set; }

    public string? DataSha256 { get; set; }

    public Actor? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? Url { get; set; }

    public DateOnly? PublishedOn { get; set; }

    public bool? PublishedOnTime { get; set; }

    public Actor DraftedBy { get; set; } = Actor.System;

    public DateTimeOffset DraftedAt { get; set; }

    public static TransparencyAccountDetails Create(TransparencyAccountDrafted e) =>
        new() { Id = e.AccountId, Year = e.Year, Org = e.By.Org, PartA = e.PartA, DraftedBy = e.By, DraftedAt = e.At };

    public void Apply(TransparencyAccountDrafted e) => (PartA, DraftedBy, DraftedAt) = (e.PartA, e.By, e.At);

    public void Apply(TransparencyAccountApproved e) => (Status, Data, DataSha256, ApprovedBy, ApprovedAt) = (AccountStatus.Approved, e.Data, e.DataSha256, e.By, e.At);

    public void Apply(TransparencyAccountPublished e) => (Status, Url, PublishedOn, PublishedOnTime) = (AccountStatus.Published, e.Url, e.PublishedOn, e.OnTime);
}
