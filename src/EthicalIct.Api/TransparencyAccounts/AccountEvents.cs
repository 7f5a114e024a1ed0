using EthicalIct.Api.Identity;

namespace EthicalIct.Api.TransparencyAccounts;

/// <summary>Part (a) of the account (åpenhetsloven § 5 a): the organisation, its areas of operation, its guidelines and routines.</summary>
public sealed record AccountPartA(string Organisation, string AreasOfOperation, string Guidelines, string Routines);

/// <summary>Risks of one type, country and tier identified in the year: how many, how many significant (latest priority high or critical), and the events.</summary>
public sealed record RiskFigure(string Code, string Country, string Tier, int Identified, int Significant, IReadOnlyList<long> Events);

/// <summary>A measure counted (mitigations decided, risks closed, decisions by kind, conclusions by outcome, signals acted on …) and the events it comes from.</summary>
public sealed record MeasureFigure(string Measure, int Count, IReadOnlyList<long> Events);

/// <summary>
/// The figures of parts (b) and (c), built from the organisation's own record as it stood at <see cref="AsOf"/>
/// (<see cref="AccountFigures"/>): every figure names the events (their positions in the store, as in the audit trail) it comes from.
/// </summary>
public sealed record AccountData(int Year, DateTimeOffset AsOf, string Rule, IReadOnlyList<RiskFigure> Risks, int SignificantRisks, IReadOnlyList<MeasureFigure> Measures,
    long EventsRead);

/// <summary>An organisation's account for a year is started with part (a); drafted again, part (a) is replaced, until approval.</summary>
public sealed record TransparencyAccountDrafted(Guid AccountId, int Year, AccountPartA PartA, Actor By, DateTimeOffset At);

/// <summary>
/// Approved, with the data snapshot taken at approval: the figures as of <c>Data.AsOf</c> and their SHA-256, so the
/// account can be reproduced from the record of that moment whatever happens after.
/// </summary>
public sealed record TransparencyAccountApproved(Guid AccountId, int Year, AccountData Data, string DataSha256, Actor By, DateTimeOffset At);

/// <summary>Published (where, and on which day; on time when by 30 June of the year after the account's year).</summary>
public sealed record TransparencyAccountPublished(Guid AccountId, int Year, string Url, DateOnly PublishedOn, bool OnTime, Actor By, DateTimeOffset At);
