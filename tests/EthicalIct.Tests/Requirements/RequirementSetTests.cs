using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Requirements;
using Shouldly;

namespace EthicalIct.Tests.Requirements;

/// <summary>EventModel.md, swimlane "Requirement sets".</summary>
public class RequirementSetTests
{
    public static readonly Guid SetId = Guid.Parse("0197a000-0000-7000-8000-00000000d001");
    private static readonly Caller OsloCoordinator = new("958935420", Role.Coordinator, "ola@oslo", null);
    private static readonly Caller DfoCoordinator = new("986252932", Role.Coordinator, "per@dfo", null);

    public static readonly IReadOnlyList<Clause> Clauses = [new("K1", "Forced labour", "No forced labour.", ["C029"], [1, 2])];
    public static readonly IReadOnlyList<QuestionnaireSection> Sections =
        [new("S2", 2, "Risk assessment", [new Question("Q1", "Forced-labour policy?", true, RiskCode.FL), new Question("Q2", "Sites published?", false)])];

    public static RequirementSet Published(params (string Org, int Version)[] adoptions)
    {
        var set = RequirementSet.Create(DraftRequirementSetDecision.Decide(SetId, "ICT", 1, Clauses, Sections, OsloCoordinator, Given.Now));
        set.Apply(PublishRequirementSetVersionDecision.Decide(set, 1, OsloCoordinator, Given.Now));
        foreach (var (org, version) in adoptions)
        {
            set.Apply(new RequirementSetVersionAdopted(SetId, version, null, "r", org, "x", "coordinator", Given.Now));
        }

        return set;
    }

    [Fact]
    public void REQ1_1_a_version_needs_unique_clause_and_question_ids_and_oecd_steps_1_to_6()
    {
        DraftRequirementSetDecision.Validate(new DraftRequirementSet("ICT", Clauses, Sections)).ShouldBeEmpty();
        var bad = DraftRequirementSetDecision.ValidateContent(
            [Clauses[0], Clauses[0] with { OecdSteps = [7] }],
            [new QuestionnaireSection("S", 0, "t", [new Question("Q1", "a", false), new Question("Q1", "b", false)])]);
        bad.Select(e => e.Field).ShouldBe(["clauses[1].oecdSteps", "clauses", "sections[0].oecdStep", "sections"]);
        DraftRequirementSetDecision.ValidateContent([], []).Select(e => e.Field).ShouldBe(["clauses"]);
    }

    [Fact]
    public void REQ2_1_publishing_a_newer_version_supersedes_the_old()
    {
        var set = Published();
        set.Apply(DraftRequirementSetDecision.Decide(SetId, "ICT", 2, Clauses, Sections, DfoCoordinator, Given.Now));
        DraftRequirementSetDecision.OneDraftAtATime(set)!.Status.ShouldBe(409);
        var published = PublishRequirementSetVersionDecision.Decide(set, 2, DfoCoordinator, Given.Now);
        published.SupersedesVersion.ShouldBe(1);
        set.Apply(published);
        set.CurrentVersion.ShouldBe(2);
        set.Find(1)!.Status.ShouldBe(SetVersionStatus.Superseded);
        PublishRequirementSetVersionDecision.MustBeDraft(set, 2)!.Status.ShouldBe(409);
        PublishRequirementSetVersionDecision.MustBeDraft(set, 9)!.Status.ShouldBe(404);
    }

    [Fact]
    public void REQ3_1_each_organisation_adopts_the_current_version_by_its_coordinators_decision()
    {
        var set = Published(("958935420", 1));
        var e = AdoptRequirementSetVersionDecision.Decide(new AdoptRequirementSetVersion(1, " agreed "), set, DfoCoordinator, Given.Now);
        e.ShouldBe(new RequirementSetVersionAdopted(SetId, 1, null, "agreed", "986252932", "per@dfo", "coordinator", Given.Now));
        AdoptRequirementSetVersionDecision.Check(new AdoptRequirementSetVersion(1, "again"), set, "958935420")!.Status.ShouldBe(409);
        AdoptRequirementSetVersionDecision.Check(new AdoptRequirementSetVersion(1, " "), set, "986252932")!.Status.ShouldBe(400);
        AdoptRequirementSetVersionDecision.Check(new AdoptRequirementSetVersion(5, "r"), set, "986252932")!.Status.ShouldBe(400);
    }

    [Fact]
    public void REQ3_2_a_superseded_or_draft_version_cannot_be_adopted()
    {
        var set = Published();
        set.Apply(DraftRequirementSetDecision.Decide(SetId, "ICT", 2, Clauses, Sections, DfoCoordinator, Given.Now));
        AdoptRequirementSetVersionDecision.Check(new AdoptRequirementSetVersion(2, "r"), set, "986252932")!.Status.ShouldBe(409);
        set.Apply(PublishRequirementSetVersionDecision.Decide(set, 2, DfoCoordinator, Given.Now));
        AdoptRequirementSetVersionDecision.Check(new AdoptRequirementSetVersion(1, "r"), set, "986252932")!.Extensions["currentVersion"].ShouldBe(2);
    }

    [Fact]
    public void REQ4_1_the_harmonisation_view_shows_who_adopted_what()
    {
        var row = RequirementSetQueries.Row(Published(("958935420", 1), ("986252932", 1)));
        row.Harmonised.ShouldBeFalse();
        row.Organisations.Select(o => o.AdoptedVersion).ShouldBe([1, 1, null]);
        RequirementSetQueries.Row(Published(("958935420", 1), ("986252932", 1), ("916879067", 1))).Harmonised.ShouldBeTrue();
    }
}
