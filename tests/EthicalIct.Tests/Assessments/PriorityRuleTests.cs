using EthicalIct.Api.ReferenceData;
using Shouldly;

namespace EthicalIct.Tests.Assessments;

/// <summary>EventModel.md, "The priority rule" (severity-dominates-v1), at its edges.</summary>
public class PriorityRuleTests
{
    [Theory]
    [InlineData(1, 1, 5, 1, 5, Priority.Critical, 51)] // PR.1 irremediable but unlikely: still critical
    [InlineData(5, 1, 1, 1, 5, Priority.Critical, 51)] // PR.1 any sub-score of 5 makes severity 5
    [InlineData(1, 5, 1, 1, 5, Priority.Critical, 51)]
    [InlineData(4, 1, 1, 3, 4, Priority.Critical, 43)] // PR.2 severity 4 tips to critical at likelihood 3
    [InlineData(4, 1, 1, 2, 4, Priority.High, 42)]
    [InlineData(3, 1, 1, 4, 3, Priority.High, 34)]     // PR.3 severity 3 tips to high at likelihood 4
    [InlineData(3, 1, 1, 3, 3, Priority.Medium, 33)]
    [InlineData(2, 1, 1, 4, 2, Priority.Medium, 24)]   // PR.4 severity 2 tips to medium at likelihood 4
    [InlineData(2, 1, 1, 3, 2, Priority.Low, 23)]
    [InlineData(1, 1, 1, 5, 1, Priority.Low, 15)]      // PR.5 a trivial harm stays low however likely
    public void PR_priority_bands(int scale, int scope, int irremediability, int likelihood, int severity, Priority priority, int rank) =>
        PriorityRule.Derive(scale, scope, irremediability, likelihood).ShouldBe(new RiskPriority(severity, priority, rank));

    [Fact]
    public void PR6_severity_dominates_likelihood_in_the_rank()
    {
        var leastSevere4 = PriorityRule.Derive(4, 1, 1, 1);
        var mostLikely3 = PriorityRule.Derive(3, 3, 3, 5);
        leastSevere4.Rank.ShouldBeGreaterThan(mostLikely3.Rank);

        for (var s = 1; s <= 5; s++)
        {
            for (var l = 1; l <= 5; l++)
            {
                ((int)PriorityRule.Derive(s, 1, 1, l).Priority).ShouldBeGreaterThanOrEqualTo((int)PriorityRule.Derive(s, 1, 1, Math.Max(1, l - 1)).Priority);
                if (s > 1)
                {
                    PriorityRule.Derive(s, 1, 1, 1).Rank.ShouldBeGreaterThan(PriorityRule.Derive(s - 1, 1, 1, 5).Rank);
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(1, 6, 1, 1)]
    [InlineData(1, 1, -1, 1)]
    [InlineData(1, 1, 1, 0)]
    public void PR7_scores_outside_1_to_5_are_not_scores(int a, int b, int c, int d) =>
        Should.Throw<ArgumentOutOfRangeException>(() => PriorityRule.Derive(a, b, c, d));
}
