using EthicalIct.Api.Infrastructure;
using Shouldly;

namespace EthicalIct.Tests.Infrastructure;

/// <summary>EventModel.md, "As of": the point-in-time parameters of every case read (AS1.x).</summary>
public class PointInTimeTests
{
    [Theory]
    [InlineData("2026-11-20T10:00:00Z", 2026, 11, 20, 10)]
    [InlineData("2026-11-20T11:00:00.125+01:00", 2026, 11, 20, 10)]
    [InlineData("2026-11-20t10:00:00z", 2026, 11, 20, 10)]
    public void AS1_1_an_rfc3339_timestamp_in_the_past_is_the_point(string asOf, int y, int m, int d, int h)
    {
        PointsInTime.Parse(asOf, null, Given.Now, out var point).ShouldBeNull();
        point.AsOf!.Value.UtcDateTime.ShouldBe(new DateTime(y, m, d, h, 0, 0, DateTimeKind.Utc), TimeSpan.FromSeconds(1));
        point.Latest.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2020-01-01", null, "asOf")]
    [InlineData("2026-11-20T10:00:00", null, "asOf")]
    [InlineData("yesterday", null, "asOf")]
    [InlineData("2026-11-20 10:00:00Z", null, "asOf")]
    [InlineData("2099-01-01T00:00:00Z", null, "asOf")]
    [InlineData(null, 0L, "version")]
    [InlineData("2026-11-20T10:00:00Z", 3L, "version")]
    public void AS1_2_a_malformed_or_future_timestamp_a_version_below_one_or_both_at_once_is_refused(string? asOf, long? version, string field)
    {
        PointsInTime.Parse(asOf, version, Given.Now, out _)!.ShouldFail(400).Fields().ShouldContain(field);
    }

    [Fact]
    public void AS1_3_neither_is_the_latest_state()
    {
        PointsInTime.Parse(null, null, Given.Now, out var point).ShouldBeNull();
        point.Latest.ShouldBeTrue();
        PointsInTime.Parse(null, 4, Given.Now, out point).ShouldBeNull();
        point.Version.ShouldBe(4);
    }
}
