using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Requirements;
using Shouldly;

namespace EthicalIct.Tests.Requirements;

/// <summary>EventModel.md, swimlane "Requirement sets".</summary>
public class RequirementSetTests
{
    public static readonly Guid SetId = Guid.Parse("0197a000-0000-7000-8000-00000000d001");
    public static readonly Caller OsloCoordinator = new("958935420", Role.Coordinator, "ola@oslo", null);
    private static readonly Caller DfoCoordinator = new("986252932", Role.Coordinator, "per@dfo", null);

    public static readonly IReadOnlyList<Clause> Clauses = [new("K1", "Forced labour", "No forced labour.", ["C029"], [1, 2])];
    public static readonly IReadOnlyList<QuestionnaireSection> Sections =
        [new("S2", 2, "Risk assessment", [new Question("Q1", "Forced-labour policy?", true, RiskCode.FL), new Question("Q2", "Sites published?", false)])];

    /// <summary>Version 1 drafted and published, then the given adoptions: the write model and the view side by side.</summary>
    public static (RequirementSet Set, RequirementSetDetails View) Published(params (string Org, int Version)[] adoptions)
    {
        var drafted = DraftRequirementSetEndpoint.Decide(new DraftRequirementSet("ICT", Clauses, Sections), SetId, OsloCoordinator, Given.Now);
        var set = RequirementSet.Create(drafted);
        var view = RequirementSetDetails.Create(drafted);
        set.Version = 1;
        Apply(set, view, PublishRequirementSetVersionEndpoint.Decide(new PublishRequirementSetVersion(), set, 1, OsloCoordinator, Given.Now));
        foreach (var (org, version) in adoptions)
        {
            Apply(set, view, new RequirementSetVersionAdopted(SetId, version, null, "r", new Actor(org, "x", "x", "coordinator"), Given.Now));
        }

        return (set, view);
    }

    internal static void Apply(RequirementSet set, RequirementSetDetails view, object e)
    {
        switch (e)
        {
            case RequirementSetVersionDrafted x: set.Apply(x); view.Apply(x); break;
            case RequirementSetVersionPublished x: set.Apply(x); view.Apply(x); break;
            case RequirementSetVersionAdopted x: set.Apply(x); view.Apply(x); break;
        }

        set.Version++;
    }

    [Fact]
    public void REQ1_1_a_version_needs_unique_clause_and_question_ids_and_oecd_steps_1_to_6()
    {
        DraftRequirementSetEndpoint.Validate(new DraftRequirementSet("ICT", Clauses, Sections)).ShouldPass();
        var bad = DraftRequirementSetEndpoint.ValidateContent(
            [Clauses[0], Clauses[0] with { OecdSteps = [7] }],
            [new QuestionnaireSection("S", 0, "t", [new Question("Q1", "a", false), new Question("Q1", "b", false)])]);
        bad.Select(e => e.Field).ShouldBe(["clauses[1].oecdSteps", "clauses", "sections[0].oecdStep", "sections"]);
        DraftRequirementSetEndpoint.ValidateContent([], []).Select(e => e.Field).ShouldBe(["clauses"]);
    }

    [Fact]
    public void REQ2_1_publishing_a_newer_version_supersedes_the_old()
    {
        var (set, view) = Published();
        var draft2 = DraftRequirementSetVersionEndpoint.Decide(new DraftRequirementSetVersion(Clauses, Sections), set, DfoCoordinator, Given.Now);
        draft2.SetVersion.ShouldBe(2);
        Apply(set, view, draft2);
        DraftRequirementSetVersionEndpoint.Validate(new DraftRequirementSetVersion(Clauses, Sections), set).ShouldFail(409);
        PublishRequirementSetVersionEndpoint.Validate(new PublishRequirementSetVersion(), set, 2).ShouldPass();
        var published = PublishRequirementSetVersionEndpoint.Decide(new PublishRequirementSetVersion(), set, 2, DfoCoordinator, Given.Now);
        published.SupersedesVersion.ShouldBe(1);
        Apply(set, view, published);
        set.CurrentVersion.ShouldBe(2);
        view.Find(1)!.Status.ShouldBe(SetVersionStatus.Superseded);
        view.Find(2)!.PublishedBy.ShouldBe(DfoCoordinator.Actor);
        PublishRequirementSetVersionEndpoint.Validate(new PublishRequirementSetVersion(), set, 2).ShouldFail(409);
        PublishRequirementSetVersionEndpoint.Validate(new PublishRequirementSetVersion(), set, 9).ShouldFail(404);
    }

    [Fact]
    public void REQ3_1_each_organisation_adopts_the_current_version_by_its_coordinators_decision()
    {
        var (set, _) = Published(("958935420", 1));
        AdoptRequirementSetVersionEndpoint.Validate(new AdoptRequirementSetVersion(1, " agreed "), set, DfoCoordinator).ShouldPass();
        var e = AdoptRequirementSetVersionEndpoint.Decide(new AdoptRequirementSetVersion(1, " agreed "), set, DfoCoordinator, Given.Now);
        e.ShouldBe(new RequirementSetVersionAdopted(SetId, 1, null, "agreed", DfoCoordinator.Actor, Given.Now));
        AdoptRequirementSetVersionEndpoint.Validate(new AdoptRequirementSetVersion(1, "again"), set, OsloCoordinator).ShouldFail(409);
        AdoptRequirementSetVersionEndpoint.Validate(new AdoptRequirementSetVersion(1, " "), set, DfoCoordinator).ShouldFail(400);
        AdoptRequirementSetVersionEndpoint.Validate(new AdoptRequirementSetVersion(5, "r"), set, DfoCoordinator).ShouldFail(400);
    }

    [Fact]
    public void REQ3_2_a_superseded_or_draft_version_cannot_be_adopted()
    {
        var (set, view) = Published();
        Apply(set, view, DraftRequirementSetVersionEndpoint.Decide(new DraftRequirementSetVersion(Clauses, Sections), set, DfoCoordinator, Given.Now));
        AdoptRequirementSetVersionEndpoint.Validate(new AdoptRequirementSetVersion(2, "r"), set, DfoCoordinator).ShouldFail(409);
        Apply(set, view, PublishRequirementSetVersionEndpoint.Decide(new PublishRequirementSetVersion(), set, 2, DfoCoordinator, Given.Now));
        AdoptRequirementSetVersionEndpoint.Validate(new AdoptRequirementSetVersion(1, "r"), set, DfoCoordinator).ShouldFail(409).Extensions["currentVersion"].ShouldBe(2);
    }

    [Fact]
    public void REQ4_1_the_harmonisation_view_shows_who_adopted_what()
    {
        var row = RequirementSetQueries.Row(Published(("958935420", 1), ("986252932", 1)).View, Given.Parties);
        row.Harmonised.ShouldBeFalse();
        row.Organisations.Select(o => o.AdoptedVersion).ShouldBe([1, 1, null]);
        RequirementSetQueries.Row(Published(("958935420", 1), ("986252932", 1), ("916879067", 1)).View, Given.Parties).Harmonised.ShouldBeTrue();
    }
}
