using System.Text;
using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Signals;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Api.Suppliers;
using Shouldly;
using static EthicalIct.Tests.Assessments.GivenAssessment;

namespace EthicalIct.Tests.Signals;

/// <summary>EventModel.md, swimlane "Signals" (SG): matching, the entity-list file, triage and the assessment it reopens.</summary>
public class SignalScenarioTests
{
    private static readonly Guid SignalId = Guid.Parse("0197a000-0000-7000-8000-0000000b0001");
    private static readonly Guid ListId = Guid.Parse("0197a000-0000-7000-8000-0000000b0002");

    private static SupplierDetails Registry(string name = "Nordlys Computing Ltd", string country = "TW", string? foreignId = "TW-0001", params (string Name, string Country)[] sites)
    {
        var s = new SupplierDetails { Id = Given.SupplierId, LegalName = name, Country = country, ForeignIdentifier = foreignId };
        s.Sites = [.. sites.Select((x, i) => new ProductionSite(Guid.Parse($"0197a000-0000-7000-8000-0000000c000{i}"), x.Name, x.Country, Tier.T2, [ProductCategory.Laptop], "supplier",
            new DateOnly(2026, 1, 1), Officer.Actor, Given.Now))];
        return s;
    }

    [Fact]
    public void SG1_1_an_identifier_or_a_normalised_name_in_the_same_country_matches_and_a_similar_name_is_a_proposal()
    {
        var registry = new[] { Registry(sites: [("Example Labour Transfer Electronics", "CN"), ("Fictional Display Work", "MY")]) };
        SignalMatching.Match([new SignalSubject("Anything", "TW", "tw-0001")], registry).Single().Kind.ShouldBe(MatchKind.Identifier);
        var byName = SignalMatching.Match([new SignalSubject("Example Labour Transfer Electronics Co., Ltd.", "CN")], registry).Single();
        (byName.Kind, byName.Score, byName.SiteId, byName.Tier).ShouldBe((MatchKind.Name, 95, Guid.Parse("0197a000-0000-7000-8000-0000000c0000"), Tier.T2));
        var similar = SignalMatching.Match([new SignalSubject("Fictional Display Works Sdn Bhd", "MY")], registry).Single();
        similar.Kind.ShouldBe(MatchKind.SimilarName);
        similar.Score.ShouldBeGreaterThanOrEqualTo(SignalMatching.SimilarThreshold);
        SignalMatching.Match([new SignalSubject("Example Labour Transfer Electronics", "VN")], registry).ShouldBeEmpty("another country");
        SignalMatching.Match([new SignalSubject("Totally Different Plastics", "CN")], registry).ShouldBeEmpty();
        SignalMatching.Match([new SignalSubject("Nordlys Computing", null)], registry).Single().Kind.ShouldBe(MatchKind.SimilarName, "without a country only a proposal");
    }

    [Fact]
    public void SG1_2_names_are_normalised_for_case_accents_punctuation_and_legal_forms() =>
        SignalMatching.Normalise("  Ørsta Élektronikk Co., Ltd. (Group) ").ShouldBe("ørsta elektronikk");

    [Fact]
    public void SG2_1_the_entity_list_file_is_read_by_its_header_with_quotes_and_aliases()
    {
        var (entries, errors) = EntityListCsv.Parse(File.ReadAllBytes(Path.Combine(Architecture.ConventionTests.Root(), "docs", "samples", "entity-list-sample.csv")));
        errors.ShouldBeEmpty();
        entries.Count.ShouldBe(4);
        entries[0].ShouldBe(new EntityListEntry("Example Labour Transfer Electronics Co., Ltd.", "CN", null, ["Example LT Electronics", "ELTE Assembly"]), new EntityListEntryComparer());
        entries[1].Identifier.ShouldBe("CN-SAMPLE-0002");
        entries[3].Name.ShouldBe("Illustrative Battery Materials \"East\" Ltd");
    }

    [Fact]
    public void SG2_2_a_bad_file_is_refused_line_by_line()
    {
        EntityListCsv.Parse(Encoding.UTF8.GetBytes("name,identifier\nX,1\n")).Errors.Single().Field.ShouldBe("file");
        EntityListCsv.Parse(Encoding.UTF8.GetBytes("")).Errors.Single().Field.ShouldBe("file");
        EntityListCsv.Parse(Encoding.UTF8.GetBytes("country,name\ncn,A\n,B\nXX,C\n")).Errors.Select(e => e.Field).ShouldBe(["file.line[3].country", "file.line[4].country"]);
        EntityListCsv.Parse(Encoding.UTF8.GetBytes("country,name\nCN,A\r\nCN,\"B, Inc\"\r\n")).Entries.Select(e => e.Name).ShouldBe(["A", "B, Inc"]);
    }

    [Fact]
    public void SG2_3_an_import_raises_a_signal_per_matching_entity_and_a_new_version_only_for_new_matches()
    {
        var caller = new Caller("958935420", Role.CaseOfficer, "kari@oslo", "Kari");
        var file = new EntityListFile(true, [new EntityListEntry("Example Labour Transfer Electronics Ltd", "CN", null, []), new EntityListEntry("Unrelated Co", "CN", null, [])], [],
            [Registry(sites: [("Example Labour Transfer Electronics", "CN")])]);
        var (v1, signals) = EntityListImport.Decide(ListId, "UFLPA Entity List", 1, 0, new string('a', 64), "list.csv", file, [], caller, Given.Now);
        (v1.Matches.Count, v1.NewMatches.Count, signals.Count).ShouldBe((1, 1, 1));
        var events = RaiseSignalFromEntityListHandler.Decide(signals[0]);
        var recorded = events[0].ShouldBeOfType<SignalRecorded>();
        (recorded.Source, recorded.Reliability, recorded.Code, recorded.EntityListVersion).ShouldBe((SignalSource.EntityList, Reliability.Official, RiskCode.FL, 1));
        events[1].ShouldBeOfType<SignalMatched>().Confirmed.ShouldBeTrue();

        var (v2, again) = EntityListImport.Decide(ListId, "UFLPA Entity List", 2, 1, new string('b', 64), "list2.csv", file, v1.Matches, caller, Given.Now);
        (v2.Matches.Count, v2.NewMatches.Count, again.Count).ShouldBe((1, 0, 0), "the same match again raises nothing");
        var more = file with { Registry = [.. file.Registry, new SupplierDetails { Id = Guid.NewGuid(), LegalName = "Unrelated Co", Country = "CN" }] };
        EntityListImport.Decide(ListId, "UFLPA Entity List", 2, 1, new string('b', 64), "list2.csv", more, v1.Matches, caller, Given.Now).Signals.Count.ShouldBe(1, "a supplier that newly matches");
    }

    private static Signal Fold(params object[] events)
    {
        var s = Signal.Create((SignalRecorded)events[0]);
        s.Version = 1;
        foreach (var e in events.Skip(1))
        {
            typeof(Signal).GetMethod("Apply", [e.GetType()])!.Invoke(s, [e]);
            s.Version++;
        }

        return s;
    }

    private static SignalRecorded Recorded() =>
        new(SignalId, SignalSource.Media, "Example Daily", new DateOnly(2026, 11, 1), Reliability.Reliable, "Transferred workers at the assembly plant", "…", RiskCode.FL,
            [new SignalSubject("Nordlys Computing", "TW")], [], null, null, Officer.Actor, Given.Now.AddDays(-3));

    private static SignalMatch Matched(MatchKind kind = MatchKind.Name) => new(Given.SupplierId, null, "Nordlys Computing Ltd", "TW", null, kind, 95, "Nordlys Computing");

    [Fact]
    public void SG3_1_a_proposal_is_confirmed_or_rejected_with_a_reason_and_a_triaged_signal_is_not_triaged_again()
    {
        var proposed = Fold(Recorded(), new SignalMatched(SignalId, Matched(MatchKind.SimilarName), false, Actor.System, Given.Now));
        DecideSignalMatchEndpoint.Validate(new DecideSignalMatch(Given.SupplierId, false), proposed).ShouldFail(400).Fields().ShouldBe(["reason"]);
        DecideSignalMatchEndpoint.Validate(new DecideSignalMatch(Guid.NewGuid(), true), proposed).ShouldFail(400).Fields().ShouldBe(["supplierId"]);
        DecideSignalMatchEndpoint.Decide(new DecideSignalMatch(Given.SupplierId, true), proposed, Officer, Given.Now).ShouldBeOfType<SignalMatchConfirmed>();
        var dismissed = DismissSignalEndpoint.Decide(new DismissSignal(" another company "), proposed, Officer, Given.Now);
        dismissed.Reason.ShouldBe("another company");
        DismissSignalEndpoint.Validate(new DismissSignal(""), proposed).ShouldFail(400).Fields().ShouldBe(["reason"]);
        DismissSignalEndpoint.Validate(new DismissSignal("again"), Fold(Recorded(), dismissed)).ShouldFail(409).Extensions["signalStatus"].ShouldBe("dismissed");
    }

    [Fact]
    public void SG4_1_linking_needs_a_confirmed_match_for_the_assessments_supplier()
    {
        var signal = Fold(Recorded(), new SignalMatched(SignalId, Matched(MatchKind.SimilarName), false, Actor.System, Given.Now));
        var details = SignalDetails.Create(Recorded());
        details.Apply(new SignalMatched(SignalId, Matched(MatchKind.SimilarName), false, Actor.System, Given.Now));
        var assessment = Assessments.GivenAssessment.Fold(Risk());
        LinkSignalToRiskEndpoint.Validate(new LinkSignalToRisk(Id, Tier: Tier.T1, Country: "TW"), signal, new LinkContext(assessment, details)).ShouldFail(400).Fields()
            .ShouldBe(["assessmentId"]);
        LinkSignalToRiskEndpoint.Validate(new LinkSignalToRisk(Id), signal, new LinkContext(null, details)).ShouldFail(400).Fields().ShouldBe(["assessmentId"]);
        details.Apply(new SignalMatchConfirmed(SignalId, Given.SupplierId, null, Officer.Actor, Given.Now));
        LinkSignalToRiskEndpoint.Validate(new LinkSignalToRisk(Id), signal, new LinkContext(assessment, details)).ShouldFail(400).Fields().ShouldBe(["tier"], "a supplier match has no tier");
        LinkSignalToRiskEndpoint.Validate(new LinkSignalToRisk(Id, Tier: Tier.T1), signal, new LinkContext(assessment, details)).ShouldPass();
        LinkSignalToRiskEndpoint.Validate(new LinkSignalToRisk(Id, RiskId: Guid.NewGuid()), signal, new LinkContext(assessment, details)).ShouldFail(400).Fields().ShouldBe(["riskId"]);
        LinkSignalToRiskEndpoint.Validate(new LinkSignalToRisk(Id, RiskId: RiskId), signal, new LinkContext(assessment, details)).ShouldPass();
    }

    [Fact]
    public void SG4_2_linking_reopens_a_concluded_assessment_identifies_the_new_risk_and_raises_a_closed_one_again()
    {
        var signal = Fold(Recorded());
        var details = SignalDetails.Create(Recorded());
        details.Apply(new SignalMatched(SignalId, Matched(), true, Actor.System, Given.Now));
        var concluded = Assessments.GivenAssessment.Fold(Risk(), Closed(), Concluded());
        var (linked, raise) = LinkSignalToRiskEndpoint.Decide(new LinkSignalToRisk(Id, Tier: Tier.T2), signal, new LinkContext(concluded, details), Officer, Given.Now);
        (linked.NewRisk, raise.Code, raise.Country, raise.Tier, raise.Description).ShouldBe((true, RiskCode.FL, "TW", Tier.T2, "Transferred workers at the assembly plant"));
        var events = RaiseRiskFromSignalHandler.Decide(raise, concluded);
        events.Select(e => e.GetType().Name).ShouldBe(["AssessmentReopened", "RiskIdentified", "SignalRaisedRisk"]);
        events[0].ShouldBeOfType<AssessmentReopened>().Reason.ShouldBe("signal: Transferred workers at the assembly plant");

        var existing = RaiseRiskFromSignalHandler.Decide(raise with { NewRisk = false, RiskId = RiskId }, concluded);
        existing.Select(e => e.GetType().Name).ShouldBe(["AssessmentReopened", "SignalRaisedRisk"]);
        existing[1].ShouldBeOfType<SignalRaisedRisk>().Reopened.ShouldBeTrue("the risk was closed");

        var after = Assessments.GivenAssessment.Fold(Risk(), Closed(), Concluded(), events[0], events[1], events[2]);
        (after.Status, after.RiskIsOpen(raise.RiskId)).ShouldBe((AssessmentStatus.Open, true));
        RaiseRiskFromSignalHandler.Decide(raise, after).ShouldBeEmpty("delivered twice");
        var view = Assessments.GivenAssessment.Details(Risk(), Closed(), Concluded(), existing[0], existing[1]);
        (view.Status, view.Risk(RiskId)!.Status, view.Risk(RiskId)!.Signals.Single().SignalId).ShouldBe((AssessmentStatus.Open, RiskStatus.Open, SignalId));
    }

    [Fact]
    public void SG4_3_escalating_raises_a_finding_in_an_open_dialogue_the_organisation_takes_part_in_with_a_matched_supplier()
    {
        var dialogueId = Guid.Parse("0197a000-0000-7000-8000-0000000b0003");
        var opened = new SupplierDialogueOpened(dialogueId, Given.SupplierId, "Joint 2026", Officer.Actor, Given.Now.AddDays(-10));
        var view = SupplierDialogueDetails.Create(opened);
        var signal = Fold(Recorded());
        var details = SignalDetails.Create(Recorded());
        var cmd = new EscalateSignal(dialogueId, FindingGrade.Priority);
        EscalateSignalEndpoint.Validate(cmd, signal, new EscalateContext(view, details), Officer).ShouldFail(400).Fields().ShouldBe(["dialogueId"], "no confirmed match yet");
        details.Apply(new SignalMatched(SignalId, Matched(), true, Actor.System, Given.Now));
        EscalateSignalEndpoint.Validate(cmd, signal, new EscalateContext(view, details), Officer).ShouldPass();
        EscalateSignalEndpoint.Validate(cmd, signal, new EscalateContext(view, details), new Caller("986252932", Role.CaseOfficer, "per@dfo", "Per")).ShouldFail(400)
            .Fields().ShouldBe(["dialogueId"], "DFØ does not take part");
        EscalateSignalEndpoint.Validate(cmd, signal, new EscalateContext(null, details), Officer).ShouldFail(400).Fields().ShouldBe(["dialogueId"]);

        var (escalated, raise) = EscalateSignalEndpoint.Decide(cmd, signal, new EscalateContext(view, details), Officer, Given.Now);
        escalated.FindingId.ShouldBe(raise.FindingId);
        var dialogue = SupplierDialogue.Create(opened);
        var raised = RaiseFindingFromSignalHandler.Decide(raise, dialogue).Single().ShouldBeOfType<FindingRaised>();
        (raised.Grade, raised.Code, raised.Description, raised.Source, raised.By).ShouldBe((FindingGrade.Priority, RiskCode.FL, "Transferred workers at the assembly plant",
            "signal: Transferred workers at the assembly plant", Officer.Actor));
        dialogue.Apply(raised);
        RaiseFindingFromSignalHandler.Decide(raise, dialogue).ShouldBeEmpty("delivered twice");
        DismissSignalEndpoint.Validate(new DismissSignal("x"), Fold(Recorded(), escalated)).ShouldFail(409).Extensions["signalStatus"].ShouldBe("escalated");
    }

    private sealed class EntityListEntryComparer : IEqualityComparer<EntityListEntry>
    {
        public bool Equals(EntityListEntry? x, EntityListEntry? y) =>
            x is not null && y is not null && (x.Name, x.Country, x.Identifier) == (y.Name, y.Country, y.Identifier) && x.Aliases.SequenceEqual(y.Aliases);

        public int GetHashCode(EntityListEntry obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
