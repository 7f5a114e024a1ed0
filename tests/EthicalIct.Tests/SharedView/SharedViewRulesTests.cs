using EthicalIct.Api.Contracts;
using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SharedView;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Tests.Assessments;
using JasperFx.Events;
using Shouldly;

namespace EthicalIct.Tests.SharedView;

/// <summary>EventModel.md, swimlane "Shared view": how events fold into the supplier overview (pure).</summary>
public class SharedViewRulesTests
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";
    private static readonly Guid DialogueId = Guid.Parse("0197a000-0000-7000-8000-00000000d001");
    private static readonly Guid FindingId = Guid.Parse("0197a000-0000-7000-8000-00000000d002");

    private long _sequence;

    private IEvent E<T>(T data, string tenant = "*DEFAULT*", Guid? stream = null, long? sequence = null)
        where T : notnull =>
        new Event<T>(data)
        {
            Sequence = sequence ?? ++_sequence, TenantId = tenant, StreamId = stream ?? Guid.NewGuid(), Version = 1, Timestamp = Given.Now.AddMinutes(_sequence),
        };

    private static SharedViewState Fold(params IEvent[] events)
    {
        var state = new SharedViewState();
        foreach (var e in events)
        {
            SharedViewRules.Fold(state, e);
        }

        SharedViewRules.Finish(state);
        return state;
    }

    private static void Then(SharedViewState state, IEvent e)
    {
        SharedViewRules.Fold(state, e);
        SharedViewRules.Finish(state);
    }

    private IEvent Registered() => E(Given.Registered(), stream: Given.SupplierId);

    private IEvent Contract(string org, decimal value, Guid? id = null)
    {
        var contractId = id ?? Guid.NewGuid();
        return E(new ContractRecorded(contractId, Given.SupplierId, "PC 2026", ProductCategory.Laptop, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), value,
            Given.OsloCaseOfficer.Actor with { Org = org }, Given.Now), org, contractId);
    }

    private IEvent Finding(string tenant = "*DEFAULT*") =>
        E(new FindingRaised(DialogueId, FindingId, Given.SupplierId, FindingGrade.Major, RiskCode.FL, "Oslo-only text", null, [], "raised by a buyer", false,
            Given.OsloCaseOfficer.Actor, Given.Now), tenant, DialogueId);

    private IEvent Disclosed(Guid disclosureId, FindingStatus status = FindingStatus.Open) =>
        E(new FindingDisclosed(disclosureId, DialogueId, FindingId, Given.SupplierId, RiskCode.FL, FindingGrade.Major, status, CapStatus.Approved,
            [new DisclosedAction(Guid.NewGuid(), new DateOnly(2026, 12, 24), false, true, null)], Given.Now, null, GivenAssessment.Coordinator.Actor, Given.Now), Oslo,
            disclosureId);

    [Fact]
    public void SV1_1_an_event_seen_twice_changes_nothing()
    {
        var registered = Registered();
        var contract = Contract(Oslo, 5_000_000m);
        var state = Fold(registered, contract);
        state.Overviews[Given.SupplierId].CombinedAnnualSpendNok.ShouldBe(5_000_000m);
        Then(state, contract);
        state.Overviews[Given.SupplierId].Contracts.Count.ShouldBe(1);
        state.Overviews[Given.SupplierId].CombinedAnnualSpendNok.ShouldBe(5_000_000m);
    }

    [Fact]
    public void SV1_2_private_records_stay_out_until_disclosed_or_shared_by_the_policy_in_force()
    {
        var opened = E(GivenAssessment.Opened(), Oslo, GivenAssessment.Id);
        var state = Fold(Registered(), opened, Finding());
        var overview = state.Overviews[Given.SupplierId];
        overview.Findings.ShouldBeEmpty("findings are private by the default policy");
        overview.Parties.ShouldBeEmpty("assessments are private by the default policy");

        var policy = new List<SharingRule> { new(RecordKind.Assessment, AccessClass.Parties), new(RecordKind.Finding, AccessClass.Parties) };
        var shared = Fold(
            E(new AgreementVersionProposed(CooperationAgreement.StreamId, 1, "p", policy, [], GivenAssessment.Coordinator.Actor, Given.Now)),
            E(new AgreementEnteredIntoForce(CooperationAgreement.StreamId, 1, [], GivenAssessment.Coordinator.Actor, Given.Now)),
            Registered(), E(GivenAssessment.Opened(), Oslo, GivenAssessment.Id), Finding());
        var overviewShared = shared.Overviews[Given.SupplierId];
        overviewShared.Findings.Single().FindingId.ShouldBe(FindingId);
        overviewShared.Parties.Single().ShouldBe(new PartyFollowing(Oslo, 1, 0, 0));
        overviewShared.CombinedPriority.ShouldBe(Priority.High, "a major finding counts as high");
    }

    [Fact]
    public void SV1_3_combined_spend_is_the_sum_of_the_contracts_with_each_partys_share_and_a_revision_replaces_the_value()
    {
        var oslos = Guid.NewGuid();
        var state = Fold(Registered(), Contract(Oslo, 6_000_000m, oslos), Contract(Dfo, 2_000_000m), Contract(Oslo, 2_000_000m));
        Then(state, E(new ContractValueRevised(oslos, 6_000_000m, 4_000_000m, "lower", Given.OsloCaseOfficer.Actor, Given.Now), Oslo, oslos));
        var overview = state.Overviews[Given.SupplierId];
        overview.CombinedAnnualSpendNok.ShouldBe(8_000_000m);
        overview.SpendShares.ShouldBe([new SpendShare(Oslo, 6_000_000m, 0.75m), new SpendShare(Dfo, 2_000_000m, 0.25m)], ignoreOrder: true);
        overview.PartyCount.ShouldBe(2);
    }

    [Fact]
    public void SV1_4_a_disclosure_enters_the_overview_a_later_one_of_the_same_finding_replaces_it_and_a_withdrawal_takes_it_out()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var state = Fold(Registered(), Finding(), Disclosed(first));
        var overview = state.Overviews[Given.SupplierId];
        var seen = overview.Findings.Single();
        (seen.DisclosureId, seen.DisclosedBy, seen.OverdueActions, seen.NextDueOn).ShouldBe((first, Oslo, 1, new DateOnly(2026, 12, 24)));
        state.Disclosures[first].Finding!.FindingId.ShouldBe(FindingId);

        Then(state, Disclosed(second));
        overview.Findings.Single().DisclosureId.ShouldBe(second);
        Then(state, E(new DisclosureWithdrawn(first, "old", GivenAssessment.Coordinator.Actor, Given.Now), Oslo, first));
        overview.Findings.Single().DisclosureId.ShouldBe(second, "withdrawing the superseded disclosure changes nothing shown");
        Then(state, E(new DisclosureWithdrawn(second, "mistake", GivenAssessment.Coordinator.Actor, Given.Now), Oslo, second));
        overview.Findings.ShouldBeEmpty();
        overview.CombinedPriority.ShouldBeNull();
        state.Disclosures[second].WithdrawnAt.ShouldNotBeNull();
        Then(state, Disclosed(Guid.NewGuid(), FindingStatus.Closed));
        overview.Findings.ShouldBeEmpty("a closed finding is not an open one");
    }

    [Fact]
    public void SV1_5_the_registry_feed_and_the_filters_come_from_the_registry_events()
    {
        var state = Fold(Registered(), E(Given.SiteRecorded(country: "MY"), stream: Given.SupplierId));
        state.Activity.Select(a => a.Kind.ToString()).ShouldBe(["SupplierRegistered", "ProductionSiteRecorded"]);
        var overview = state.Overviews[Given.SupplierId];
        overview.Countries.ShouldBe(["MY", "NO"]);
        overview.Tiers.ShouldBe([Tier.T2]);
        overview.Categories.ShouldBe([ProductCategory.Laptop]);
    }
}
