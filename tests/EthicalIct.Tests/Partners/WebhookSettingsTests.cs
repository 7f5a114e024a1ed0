using EthicalIct.Api.Partners;
using Microsoft.Extensions.Configuration;
using Shouldly;

namespace EthicalIct.Tests.Partners;

/// <summary>The webhook delivery settings a deployment gets when it configures nothing (issue #12: 15 s timeout, backoff over at least 24 hours).</summary>
public class WebhookSettingsTests
{
    private static WebhookSettings Defaults() => WebhookSettings.From(new ConfigurationBuilder().Build());

    [Fact]
    public void by_default_a_receiver_gets_15_seconds_to_answer_and_no_private_address_is_allow_listed()
    {
        var settings = Defaults();
        settings.Timeout.ShouldBe(TimeSpan.FromSeconds(15));
        settings.AllowedHosts.ShouldBeEmpty();
    }

    [Fact]
    public void by_default_the_retries_back_off_exponentially_over_more_than_24_hours_with_jitter_then_the_schedule_is_spent()
    {
        var settings = Defaults();
        var waits = Enumerable.Range(1, settings.RetrySchedule.Count).Select(a => settings.Backoff(a, 0.5)!.Value).ToList();
        waits.ShouldBeInOrder(SortDirection.Ascending);
        waits.Aggregate(TimeSpan.Zero, (sum, w) => sum + w).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(24));
        settings.Backoff(settings.RetrySchedule.Count + 1, 0.5).ShouldBeNull("the event goes to the dead-letter list");
        settings.Backoff(1, 0).ShouldBe(TimeSpan.FromSeconds(5) * 0.8, "jitter of ±20 %");
        settings.Backoff(1, 1).ShouldBe(TimeSpan.FromSeconds(5) * 1.2);
    }

    [Fact]
    public void the_timeout_and_the_schedule_come_from_configuration()
    {
        var settings = WebhookSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:TimeoutSeconds"] = "2", ["Webhooks:RetrySeconds:0"] = "1", ["Webhooks:Jitter"] = "0",
        }).Build());
        (settings.Timeout, settings.Backoff(1, 0.9), settings.Backoff(2, 0.9)).ShouldBe((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), (TimeSpan?)null));
    }
}
