using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Organisations;
using Shouldly;

namespace EthicalIct.Tests.Cooperation;

/// <summary>EventModel.md, swimlane "Cooperation agreement": one test per Given/When/Then line.</summary>
public class AgreementScenarioTests
{
    private static readonly Organisation Oslo = new("958935420", "Oslo kommune", "Oslo kommune", OrganisationType.Municipality);
    private static readonly Organisation Dfo = new("986252932", "DFØ", "DFØ", OrganisationType.StateAgency);
    private static readonly Organisation Shi = new("916879067", "Sykehusinnkjøp HF", "Sykehusinnkjøp", OrganisationType.HealthTrust);
    private static readonly Organisation Fourth = new("974760673", "Bergen kommune", "Bergen", OrganisationType.Municipality);
    private static readonly PartySet Founding = new([Oslo, Dfo, Shi], []);

    private static Caller Coordinator(Organisation o) => new(o.OrgNumber, Role.Coordinator, $"coord@{o.ShortName}", $"Coordinator {o.ShortName}");

    private static Caller Officer(Organisation o) => new(o.OrgNumber, Role.CaseOfficer, $"officer@{o.ShortName}", "Officer");

    private static readonly IReadOnlyList<SharingRule> Policy = [new(RecordKind.Contract, AccessClass.Private)];

    private static AgreementVersionProposed Proposed() =>
        ProposeAgreementEndpoint.Decide(new ProposeAgreement("Joint follow-up of ICT supply chains", Policy), Founding, Coordinator(Oslo), Given.Now);

    /// <summary>The agreement's write model after the given events (each event one stream version).</summary>
    private static CooperationAgreement Fold(params object[] then)
    {
        var agreement = CooperationAgreement.Create(Proposed());
        agreement.Version = 1;
        foreach (var e in then)
        {
            typeof(CooperationAgreement).GetMethod("Apply", [e.GetType()])!.Invoke(agreement, [e]);
            agreement.Version++;
        }

        return agreement;
    }

    private static object[] SignedBy(CooperationAgreement agreement, Organisation org) =>
        [.. SignAgreementEndpoint.Decide(new SignAgreement(agreement.Pending!.Version), agreement, Coordinator(org), Given.Now)];

    private static CooperationAgreement InForce()
    {
        var events = new List<object>();
        foreach (var org in new[] { Oslo, Dfo, Shi })
        {
            events.AddRange(SignedBy(Fold([.. events]), org));
        }

        return Fold([.. events]);
    }

    [Fact]
    public void COOP1_1_a_founding_coordinator_proposes_the_agreement_between_the_founding_parties_with_the_policy_completed_by_defaults()
    {
        ProposeAgreementEndpoint.Validate(new ProposeAgreement("Joint follow-up", Policy), Coordinator(Oslo), Founding).ShouldPass();
        var e = Proposed();
        e.Version.ShouldBe(1);
        e.Parties.ShouldBe([Oslo, Dfo, Shi]);
        e.SharingPolicy.Single(r => r.Kind == RecordKind.Contract).Access.ShouldBe(AccessClass.Private, "the policy as given");
        e.SharingPolicy.Single(r => r.Kind == RecordKind.Assessment).Access.ShouldBe(AccessClass.Private, "defaults for the kinds it does not name");
        e.SharingPolicy.Count.ShouldBe(Enum.GetValues<RecordKind>().Length);
        e.By.Org.ShouldBe(Oslo.OrgNumber);
    }

    [Fact]
    public void COOP1_2_a_case_officer_or_an_organisation_outside_the_founding_parties_cannot_propose_it()
    {
        ProposeAgreementEndpoint.Validate(new ProposeAgreement("x", Policy), Officer(Oslo), Founding).ShouldFail(403);
        ProposeAgreementEndpoint.Validate(new ProposeAgreement("x", Policy), Coordinator(Fourth), Founding).ShouldFail(403);
    }

    [Fact]
    public void COOP1_3_terms_without_a_purpose_or_with_a_kind_given_twice_are_refused()
    {
        ProposeAgreementEndpoint.Validate(new ProposeAgreement(" ", [new(RecordKind.Contract, AccessClass.Private), new(RecordKind.Contract, AccessClass.Public)]),
            Coordinator(Oslo), Founding).ShouldFail(400).Fields().ShouldBe(["purpose", "sharingPolicy[1].kind"]);
    }

    [Fact]
    public void COOP2_1_the_last_signature_puts_the_version_in_force()
    {
        var twoSigned = Fold([.. SignedBy(Fold(), Oslo), .. SignedBy(Fold(SignedBy(Fold(), Oslo)), Dfo)]);
        twoSigned.InForce.ShouldBe(0);
        twoSigned.StillToSign().ShouldBe([Shi.OrgNumber]);
        SignAgreementEndpoint.Validate(new SignAgreement(1), twoSigned, Coordinator(Shi)).ShouldPass();
        var last = SignAgreementEndpoint.Decide(new SignAgreement(1), twoSigned, Coordinator(Shi), Given.Now);
        last.Count.ShouldBe(2);
        last[0].ShouldBeOfType<AgreementSigned>().OrgNumber.ShouldBe(Shi.OrgNumber);
        last[1].ShouldBeOfType<AgreementEnteredIntoForce>().Version.ShouldBe(1);
        InForce().InForce.ShouldBe(1);
    }

    [Fact]
    public void COOP2_2_a_version_not_awaiting_signatures_or_signed_twice_is_refused()
    {
        SignAgreementEndpoint.Validate(new SignAgreement(2), Fold(), Coordinator(Oslo)).ShouldFail(409).Fields().ShouldBe(["agreementVersion"]);
        SignAgreementEndpoint.Validate(new SignAgreement(1), Fold(SignedBy(Fold(), Oslo)), Coordinator(Oslo)).ShouldFail(409);
        SignAgreementEndpoint.Validate(new SignAgreement(1), Fold(), Officer(Oslo)).ShouldFail(403);
    }

    [Fact]
    public void COOP2_3_an_amendment_binds_once_signed_again_and_until_then_the_version_in_force_stays()
    {
        var inForce = InForce();
        ProposeAgreementVersionEndpoint.Validate(new ProposeAgreementVersion("Amended purpose", []), inForce, Coordinator(Dfo)).ShouldPass();
        var amended = ProposeAgreementVersionEndpoint.Decide(new ProposeAgreementVersion("Amended purpose", []), inForce, Coordinator(Dfo), Given.Now);
        amended.Version.ShouldBe(2);
        typeof(CooperationAgreement).GetMethod("Apply", [amended.GetType()])!.Invoke(inForce, [amended]);
        inForce.InForce.ShouldBe(1, "version 1 stays in force while version 2 awaits signatures");
        inForce.Purpose.ShouldBe("Joint follow-up of ICT supply chains");
        ProposeAgreementVersionEndpoint.Validate(new ProposeAgreementVersion("Third", []), inForce, Coordinator(Oslo)).ShouldFail(409);
    }

    [Fact]
    public void COOP3_1_a_candidate_accedes_when_every_current_party_has_approved()
    {
        var agreement = InForce();
        var proposal = new ProposeAccession(Fourth.OrgNumber, Fourth.Name, Fourth.ShortName, Fourth.Type);
        ProposeAccessionEndpoint.Validate(proposal, agreement, Coordinator(Oslo)).ShouldPass();
        var proposed = ProposeAccessionEndpoint.Decide(proposal, agreement, Coordinator(Oslo), Given.Now);
        proposed.Select(e => e.GetType()).ShouldBe([typeof(AccessionProposed), typeof(AccessionApproved)], "the proposal counts as the proposer's approval");

        var afterProposal = Fold([.. Signatures(), .. proposed]);
        var dfo = ApproveAccessionEndpoint.Decide(new ApproveAccession(), afterProposal, Fourth.OrgNumber, Coordinator(Dfo), Given.Now);
        dfo.ShouldHaveSingleItem().ShouldBeOfType<AccessionApproved>();

        var afterDfo = Fold([.. Signatures(), .. proposed, .. dfo]);
        afterDfo.IsParty(Fourth.OrgNumber).ShouldBeFalse("not before every party has approved");
        ApproveAccessionEndpoint.Validate(new ApproveAccession(), afterDfo, Fourth.OrgNumber, Coordinator(Dfo)).ShouldFail(409);
        var last = ApproveAccessionEndpoint.Decide(new ApproveAccession(), afterDfo, Fourth.OrgNumber, Coordinator(Shi), Given.Now);
        last[1].ShouldBeOfType<PartyAcceded>().Party.ShouldBe(Fourth);
        Fold([.. Signatures(), .. proposed, .. dfo, .. last]).IsParty(Fourth.OrgNumber).ShouldBeTrue();
    }

    [Fact]
    public void COOP3_2_a_declined_accession_ends_and_the_candidate_stays_outside()
    {
        var proposed = ProposeAccessionEndpoint.Decide(new ProposeAccession(Fourth.OrgNumber, Fourth.Name, Fourth.ShortName, Fourth.Type), InForce(), Coordinator(Oslo), Given.Now);
        var agreement = Fold([.. Signatures(), .. proposed]);
        DeclineAccessionEndpoint.Validate(new DeclineAccession(" "), agreement, Fourth.OrgNumber, Coordinator(Dfo)).ShouldFail(400).Fields().ShouldBe(["reason"]);
        var declined = DeclineAccessionEndpoint.Decide(new DeclineAccession("Not a buyer of ICT"), agreement, Fourth.OrgNumber, Coordinator(Dfo), Given.Now);
        var after = Fold([.. Signatures(), .. proposed, declined]);
        after.IsParty(Fourth.OrgNumber).ShouldBeFalse();
        after.Accessions.ShouldBeEmpty();
        ApproveAccessionEndpoint.Validate(new ApproveAccession(), after, Fourth.OrgNumber, Coordinator(Shi)).ShouldFail(404);
    }

    [Fact]
    public void COOP3_3_an_existing_party_or_a_malformed_organisation_number_cannot_be_proposed()
    {
        ProposeAccessionEndpoint.Validate(new ProposeAccession(Dfo.OrgNumber, "DFØ", "DFØ", OrganisationType.StateAgency), InForce(), Coordinator(Oslo)).ShouldFail(409);
        ProposeAccessionEndpoint.Validate(new ProposeAccession("123456789", "X", "X", OrganisationType.Municipality), InForce(), Coordinator(Oslo))
            .ShouldFail(400).Fields().ShouldBe(["orgNumber"]);
    }

    [Fact]
    public void COOP4_1_a_party_that_leaves_is_former_its_auditors_keep_reading_and_nobody_of_it_writes()
    {
        var agreement = InForce();
        var left = LeaveAgreementEndpoint.Decide(new LeaveAgreement("Reorganised"), agreement, Coordinator(Shi), Given.Now);
        var after = Fold([.. Signatures(), left]);
        after.IsParty(Shi.OrgNumber).ShouldBeFalse();
        var parties = PartySet.Of(after, [Oslo, Dfo, Shi]);
        parties.Admits(new Caller(Shi.OrgNumber, Role.Auditor, "a", "A")).ShouldBeTrue();
        parties.Admits(Coordinator(Shi)).ShouldBeFalse();
        parties.Admits(Officer(Shi)).ShouldBeFalse();
        parties.Find(Shi.OrgNumber).ShouldBe(Shi, "its name stays known for its records");
    }

    [Fact]
    public void COOP4_2_the_last_party_cannot_leave()
    {
        var events = new List<object>(Signatures());
        foreach (var org in new[] { Oslo, Dfo })
        {
            events.Add(LeaveAgreementEndpoint.Decide(new LeaveAgreement("r"), Fold([.. events]), Coordinator(org), Given.Now));
        }

        LeaveAgreementEndpoint.Validate(new LeaveAgreement("r"), Fold([.. events]), Coordinator(Shi)).ShouldFail(409);
    }

    private static object[] Signatures()
    {
        var events = new List<object>();
        foreach (var org in new[] { Oslo, Dfo, Shi })
        {
            events.AddRange(SignedBy(Fold([.. events]), org));
        }

        return [.. events];
    }
}
