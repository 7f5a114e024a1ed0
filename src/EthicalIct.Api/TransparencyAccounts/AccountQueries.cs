using System.Globalization;
using System.Net;
using System.Text;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.TransparencyAccounts;

public static class AccountQueries
{
    /// <summary>The organisation's accounts, newest year first.</summary>
    [WolverineGet("/api/transparency-accounts"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<IReadOnlyList<TransparencyAccountDetails>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<TransparencyAccountDetails>> List(IQuerySession session, CancellationToken ct) =>
        await session.Query<TransparencyAccountDetails>().OrderByDescending(a => a.Year).Take(100).ToListAsync(ct);

    /// <summary>One account (JSON: part a, the approved data snapshot with each figure's events, the publication); ETag = version.</summary>
    [WolverineGet("/api/transparency-accounts/{accountId}"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<TransparencyAccountDetails>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid accountId, IQuerySession session, HttpResponse response, DateTimeOffset now, CancellationToken ct, string? asOf = null,
        long? version = null) =>
        PointsInTime.Parse(asOf, version, now, out var point) is { } problem
            ? Results.Problem(problem)
            : await PointsInTime.OkAsync(session, accountId,
                await PointsInTime.ReadAsync(session, accountId, point, () => session.LoadAsync<TransparencyAccountDetails>(accountId, ct), a => a.Version, ct),
                a => a.Version, point, response, $"No transparency account {accountId}.", ct);

    /// <summary>
    /// The figures as they would be built now, or as of a moment, from the organisation's record (nothing is stored): to
    /// check an approved account's snapshot — built as of its <c>asOf</c> it gives the same figures and the same SHA-256.
    /// </summary>
    [WolverineGet("/api/transparency-accounts/preview"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<AccountPreview>(StatusCodes.Status200OK)]
    public static async Task<IResult> Preview(IQuerySession session, Caller caller, DateTimeOffset now, CancellationToken ct, int year = 0, DateTimeOffset? asOf = null)
    {
        if (year < 2022 || year > now.UtcDateTime.Year || asOf > now)
        {
            return Results.Problem(Problems.Validation([
                .. year < 2022 || year > now.UtcDateTime.Year ? [new FieldError("year", $"a year from 2022 to {now.UtcDateTime.Year}")] : Array.Empty<FieldError>(),
                .. asOf > now ? [new FieldError("asOf", "must not be in the future")] : Array.Empty<FieldError>(),
            ])!);
        }

        var record = await AccountRecords.ReadAsync(session, caller.OrgNumber, asOf ?? now, ct);
        var data = AccountFigures.Build(year, asOf ?? now, record.Events);
        return Results.Ok(new AccountPreview(data, AccountFigures.Sha256(data)));
    }

    /// <summary>The approved account as an accessible HTML document (language, headings, captioned tables, each figure's events).</summary>
    [WolverineGet("/api/transparency-accounts/{accountId}/document"), Allow(RoleSet.Readers), Access(AccessRule.OwnOrganisation)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/html")]
    public static async Task<IResult> Document(Guid accountId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TransparencyAccountDetails>(accountId, ct) is not { } account
            ? Results.Problem(Problems.NotFound($"No transparency account {accountId}."))
            : account.Data is null
                ? Results.Problem(Problems.Conflict("The account is a draft: its figures are taken when it is approved.", new Dictionary<string, object?> { ["accountStatus"] = "draft" }))
                : Results.Content(Html(account), "text/html; charset=utf-8");

    public static string Html(TransparencyAccountDetails a)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var d = a.Data!;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"nb\">\n<head><meta charset=\"utf-8\"><title>Redegjørelse for aktsomhetsvurderinger {a.Year} – {E(a.Org)}</title></head>\n<body>\n<main>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h1>Redegjørelse for aktsomhetsvurderinger {a.Year}</h1>\n<p>Etter åpenhetsloven § 5. Organisasjonsnummer {E(a.Org)}. Tallene er hentet fra virksomhetens hendelseslogg slik den var {d.AsOf.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (regel {E(d.Rule)}, SHA-256 {E(a.DataSha256 ?? "")}).</p>\n");
        sb.Append("<h2>a) Virksomheten, retningslinjer og rutiner</h2>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h3>Organisering</h3><p>{E(a.PartA.Organisation)}</p>\n<h3>Virksomhetsområder</h3><p>{E(a.PartA.AreasOfOperation)}</p>\n<h3>Retningslinjer</h3><p>{E(a.PartA.Guidelines)}</p>\n<h3>Rutiner</h3><p>{E(a.PartA.Routines)}</p>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<h2>b) Faktiske negative konsekvenser og vesentlige risikoer</h2>\n<p>{d.Risks.Sum(r => r.Identified)} risikoer identifisert i {a.Year}, av dem {d.SignificantRisks} vesentlige (høy eller kritisk prioritet).</p>\n");
        sb.Append("<table>\n<caption>Risikoer etter type, land og ledd</caption>\n<thead><tr><th scope=\"col\">Risikotype</th><th scope=\"col\">Land</th><th scope=\"col\">Ledd</th><th scope=\"col\">Identifisert</th><th scope=\"col\">Vesentlige</th><th scope=\"col\">Hendelser</th></tr></thead>\n<tbody>\n");
        foreach (var r in d.Risks)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Code)}</td><td>{E(r.Country)}</td><td>{E(r.Tier)}</td><td>{r.Identified}</td><td>{r.Significant}</td><td>{string.Join(", ", r.Events)}</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<h2>c) Tiltak og resultater</h2>\n<table>\n<caption>Tiltak registrert i året</caption>\n<thead><tr><th scope=\"col\">Tiltak</th><th scope=\"col\">Antall</th><th scope=\"col\">Hendelser</th></tr></thead>\n<tbody>\n");
        foreach (var m in d.Measures)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(m.Measure)}</td><td>{m.Count}</td><td>{string.Join(", ", m.Events)}</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        if (a.Url is { } url)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Publisert {a.PublishedOn:yyyy-MM-dd} på <a href=\"{E(url)}\">{E(url)}</a>.</p>\n");
        }

        sb.Append("<p>Hendelsene er posisjoner i revisjonssporet (GET /api/audit-trail).</p>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }
}

public sealed record AccountPreview(AccountData Data, string DataSha256);
