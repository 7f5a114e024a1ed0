using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Signals;
using EthicalIct.Api.TransparencyAccounts;
using JasperFx.Events;
using Shouldly;
using static EthicalIct.Tests.Assessments.GivenAssessment;

namespace EthicalIct.Tests.TransparencyAccounts;

/// <summary>EventModel.md, swimlane "Transparency accounts" (TA): the figures from the record, approval and publication.</summary>
public class AccountScenarioTests
{
    private static readonly Guid AccountId = Guid.Parse("0197a000-0000-7000-8000-0000000d0001");
    private static readonly DateTimeOffset Y2026 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static IEvent Stored<T>(T data, long sequence, DateTimeOffset? stored = null)
        where T : notnull => new Event<T>(data) { Sequence = sequence, Timestamp = stored ?? Y2026.AddMinutes(sequence) };

    private static RiskIdentified Identified(Guid riskId, RiskCode code, string country, DateTimeOffset at) =>
        new(Id, riskId, Given.SupplierId, code, Tier.T2, country, null, "d", "s", Officer.Actor, at);

    private static RiskAssessed Scored(Guid riskId, int severity, DateTimeOffset at)
    {
        var p = PriorityRule.Derive(severity, severity, severity, 3);
        return new RiskAssessed(Id, riskId, severity, severity, severity, 3, Connection.DirectlyLinked, Leverage.Medium, p.Severity, p.Priority, p.Rank, PriorityRule.RuleId,
            null, Officer.Actor, at);
    }

    [Fact]
    public void TA1_1_the_figures_count_the_years_risks_by_type_country_and_tier_with_the_significant_ones_and_their_events()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var events = new[]
        {
            Stored(Identified(a, RiskCode.FL, "CN", Y2026), 1), Stored(Scored(a, 5, Y2026), 2),
            Stored(Identified(b, RiskCode.FL, "CN", Y2026), 3), Stored(Scored(b, 2, Y2026), 4),
            Stored(Identified(c, RiskCode.WH, "VN", Y2026.AddYears(-1)), 5),
            Stored(new MitigationDecided(Id, a, Guid.NewGuid(), "m", "o", new DateOnly(2026, 9, 1), Officer.Actor, Y2026), 6),
            Stored(new DecisionRecorded(Id, Guid.NewGuid(), DecisionKind.RequestAudit, "r", [], [a], Coordinator.Actor, Y2026), 7),
            Stored(new SignalLinkedToRisk(Guid.NewGuid(), Id, a, false, Officer.Actor, Y2026), 8),
        };
        var data = AccountFigures.Build(2026, Y2026.AddDays(1), events);
        data.Risks.ShouldHaveSingleItem().ShouldBe(new RiskFigure("FL", "CN", "T2", 2, 1, [1, 3]), new RiskFigureComparer());
        data.SignificantRisks.ShouldBe(1);
        data.Measures.Select(m => (m.Measure, m.Count, m.Events.Single())).ShouldBe([
            ("decisions:request-audit", 1, 7L), ("mitigations-decided", 1, 6L), ("signals-linked-to-a-risk", 1, 8L)]);
        data.EventsRead.ShouldBe(8);
    }

    [Fact]
    public void TA1_2_figures_as_of_a_moment_ignore_what_was_stored_after_it_and_are_the_same_every_time()
    {
        var a = Guid.NewGuid();
        var before = new[] { Stored(Identified(a, RiskCode.CL, "CN", Y2026), 1), Stored(Scored(a, 3, Y2026), 2) };
        var later = Stored(Scored(a, 5, Y2026), 3, Y2026.AddDays(10));
        var asOf = Y2026.AddDays(1);
        var then = AccountFigures.Build(2026, asOf, before);
        var rebuilt = AccountFigures.Build(2026, asOf, [.. before, later]);
        AccountFigures.Sha256(rebuilt).ShouldBe(AccountFigures.Sha256(then));
        then.SignificantRisks.ShouldBe(0);
        AccountFigures.Build(2026, Y2026.AddDays(11), [.. before, later]).SignificantRisks.ShouldBe(1, "re-scored critical after the moment");
    }

    [Fact]
    public void TA1_3_plans_approved_and_findings_closed_in_the_shared_dialogues_count_for_the_organisation_that_acted()
    {
        var (dialogue, finding) = (Guid.NewGuid(), Guid.NewGuid());
        var approved = new EthicalIct.Api.SupplierDialogues.CapApproved(dialogue, finding, Guid.NewGuid(), "credible", Coordinator.Actor, Y2026);
        var closed = new EthicalIct.Api.SupplierDialogues.FindingClosed(dialogue, finding, "verified", VerificationRule.RuleId, Coordinator.Actor, Y2026);
        (AccountFigures.ActedBy(approved), AccountFigures.ActedBy(closed), AccountFigures.ActedBy("other")).ShouldBe((Coordinator.OrgNumber, Coordinator.OrgNumber, null));
        AccountFigures.Build(2026, Y2026.AddDays(1), [Stored(approved, 10), Stored(closed, 11)]).Measures.Select(m => (m.Measure, m.Count, m.Events.Single()))
            .ShouldBe([("corrective-action-plans-approved", 1, 10L), ("findings-closed", 1, 11L)]);
    }

    private static TransparencyAccount Account(params object[] then)
    {
        var a = TransparencyAccount.Create(new TransparencyAccountDrafted(AccountId, 2026, new("o", "a", "g", "r"), Coordinator.Actor, Y2026));
        a.Version = 1;
        foreach (var e in then)
        {
            typeof(TransparencyAccount).GetMethod("Apply", [e.GetType()])!.Invoke(a, [e]);
            a.Version++;
        }

        return a;
    }

    [Fact]
    public void TA2_1_approval_takes_the_snapshot_and_publication_is_on_time_by_30_June_of_the_next_year()
    {
        var now = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        DraftTransparencyAccountEndpoint.Validate(new DraftTransparencyAccount(2021, new("", "a", "g", "r")), false, now).ShouldFail(400).Fields()
            .ShouldBe(["year", "partA.organisation"]);
        DraftTransparencyAccountEndpoint.Validate(new DraftTransparencyAccount(2026, new("o", "a", "g", "r")), true, now).ShouldFail(409);
        ApproveTransparencyAccountEndpoint.Validate(new ApproveTransparencyAccount(now.AddDays(1)), Account(), now).ShouldFail(400).Fields().ShouldBe(["asOf"]);
        var approved = ApproveTransparencyAccountEndpoint.Decide(new ApproveTransparencyAccount(), Account(), new AccountRecord([]), Coordinator, now);
        (approved.Data.AsOf, approved.DataSha256).ShouldBe((now, AccountFigures.Sha256(approved.Data)));
        ApproveTransparencyAccountEndpoint.Validate(new ApproveTransparencyAccount(), Account(approved), now).ShouldFail(409).Extensions["accountStatus"].ShouldBe("approved");
        ReviseTransparencyAccountEndpoint.Validate(new ReviseTransparencyAccount(new("o", "a", "g", "r")), Account(approved)).ShouldFail(409);

        PublishTransparencyAccountEndpoint.Validate(new PublishTransparencyAccount("https://oslo.kommune.no/apenhetsloven"), Account(), now).ShouldFail(409);
        PublishTransparencyAccountEndpoint.Validate(new PublishTransparencyAccount("http://x"), Account(approved), now).ShouldFail(400).Fields().ShouldBe(["url"]);
        PublishTransparencyAccountEndpoint.Decide(new PublishTransparencyAccount("https://x.no/a", new DateOnly(2027, 6, 30)), Account(approved), Coordinator, now).OnTime.ShouldBeTrue();
        PublishTransparencyAccountEndpoint.Decide(new PublishTransparencyAccount("https://x.no/a", new DateOnly(2027, 7, 1)), Account(approved), Coordinator, now).OnTime.ShouldBeFalse();
    }

    private sealed class RiskFigureComparer : IEqualityComparer<RiskFigure>
    {
        public bool Equals(RiskFigure? x, RiskFigure? y) =>
            x is not null && y is not null && (x.Code, x.Country, x.Tier, x.Identified, x.Significant) == (y.Code, y.Country, y.Tier, y.Identified, y.Significant) && x.Events.SequenceEqual(y.Events);

        public int GetHashCode(RiskFigure obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>EventModel.md, "Transparency accounts" (TA4): suppliers' own accounts registered as evidence, and the flag for a supplier without a current one.</summary>
public class SupplierAccountScenarioTests
{
    [Theory]
    [InlineData("2027-06-30", 2025)]
    [InlineData("2027-07-01", 2026)]
    [InlineData("2027-01-01", 2025)]
    public void TA4_1_the_account_that_should_be_out_is_last_years_from_1_July(string today, int expected) =>
        EthicalIct.Api.Suppliers.SupplierAccounts.ExpectedYear(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void TA4_2_a_supplier_account_is_registered_with_its_address_and_day_and_makes_the_supplier_current()
    {
        var now = new DateTimeOffset(2027, 7, 2, 9, 0, 0, TimeSpan.Zero);
        EthicalIct.Api.Suppliers.RegisterSupplierAccountEndpoint.Validate(new(2026, new DateOnly(2027, 6, 20), "https://nordlys.example/apenhet"), now).ShouldPass();
        EthicalIct.Api.Suppliers.RegisterSupplierAccountEndpoint.Validate(new(2021, new DateOnly(2027, 8, 1), "ftp://x", "zz"), now).ShouldFail(400).Fields()
            .ShouldBe(["year", "publishedOn", "url", "sha256"]);
        var view = Given.SupplierView(Given.Registered());
        EthicalIct.Api.Suppliers.SupplierAccounts.Current(view.LatestAccountYear, DateOnly.FromDateTime(now.UtcDateTime)).ShouldBeFalse();
        view.Apply(new EthicalIct.Api.Suppliers.SupplierAccountRegistered(Given.SupplierId, 2026, new DateOnly(2027, 6, 20), "https://nordlys.example/apenhet", null,
            Officer.Actor, now));
        (view.LatestAccountYear, EthicalIct.Api.Suppliers.SupplierAccounts.Current(view.LatestAccountYear, DateOnly.FromDateTime(now.UtcDateTime))).ShouldBe((2026, true));
    }
}
