using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>EventModel.md, swimlane "Transparency accounts": an account built as of a moment equals the record of that moment and does not change after.</summary>
public class TransparencyAccountTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string PartA = """{"organisation":"Oslo kommune, 100 enterprises","areasOfOperation":"Municipal services","guidelines":"Ethical trade policy 2025","routines":"Risk-based follow-up in contracts"}""";

    [Fact]
    public async Task TA3_e2e_an_account_approved_as_of_a_moment_equals_the_record_of_that_moment_and_does_not_change_when_later_events_arrive()
    {
        var year = DateTime.UtcNow.Year;
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var url = $"/api/assessments/{assessment}";
        var risk = (await Fixture.CommandAsync(Oslo, $"{url}/risks", """{"code":"FL","tier":"T2","country":"CN","description":"labour transfer","source":"EW","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores", """{"scale":3,"scope":3,"irremediability":3,"likelihood":3,"connection":"directly-linked","leverage":"medium","expectedVersion":2}""", 200);
        var moment = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        var account = (await Fixture.CommandAsync(Oslo, "/api/transparency-accounts", $$"""{"year":{{year}},"partA":{{PartA}}}""", 201, "coordinator"))["accountId"]!.GetValue<Guid>();
        // After the moment: the risk re-scored critical and a second risk identified.
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/scores", """{"scale":5,"scope":5,"irremediability":5,"likelihood":5,"connection":"directly-linked","leverage":"medium","expectedVersion":3}""", 200);
        await Fixture.CommandAsync(Oslo, $"{url}/risks", """{"code":"CL","tier":"T3","country":"CN","description":"under-age workers","source":"NGO","expectedVersion":4}""", 201);

        var asOf = moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        await Fixture.CommandAsync(Oslo, $"/api/transparency-accounts/{account}/approval", $$"""{"asOf":"{{asOf}}","expectedVersion":1}""", 200, "coordinator");
        var (_, approved, _) = await Fixture.SendAsync("GET", $"/api/transparency-accounts/{account}", Fixture.Token(Oslo));
        var data = approved!["data"]!;
        (data["risks"]!.AsArray().Single()!["code"]!.GetValue<string>(), data["risks"]![0]!["identified"]!.GetValue<int>(), data["significantRisks"]!.GetValue<int>())
            .ShouldBe(("FL", 1, 0), "as of the moment: one risk, scored medium");

        // Rebuilt from the record of that moment, now that later events exist: the same figures, the same SHA-256.
        var (_, preview, _) = await Fixture.SendAsync("GET", $"/api/transparency-accounts/preview?year={year}&asOf={Uri.EscapeDataString(asOf)}", Fixture.Token(Oslo));
        preview!["dataSha256"]!.GetValue<string>().ShouldBe(approved["dataSha256"]!.GetValue<string>());
        var sameMomentInOslo = moment.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        (await Fixture.SendAsync("GET", $"/api/transparency-accounts/preview?year={year}&asOf={Uri.EscapeDataString(sameMomentInOslo)}", Fixture.Token(Oslo))).Body!["dataSha256"]!
            .GetValue<string>().ShouldBe(approved["dataSha256"]!.GetValue<string>(), "the same moment written with an offset");
        var (_, now, _) = await Fixture.SendAsync("GET", $"/api/transparency-accounts/preview?year={year}", Fixture.Token(Oslo));
        (now!["data"]!["risks"]!.AsArray().Count, now["data"]!["significantRisks"]!.GetValue<int>()).ShouldBe((2, 1), "now: two risks, one critical");

        // More events after approval change nothing in the account.
        await Fixture.CommandAsync(Oslo, $"{url}/risks/{risk}/close", """{"reason":"remedied","expectedVersion":5}""", 200);
        (await Fixture.SendAsync("GET", $"/api/transparency-accounts/{account}", Fixture.Token(Oslo))).Body!["dataSha256"]!.GetValue<string>()
            .ShouldBe(approved["dataSha256"]!.GetValue<string>());

        var (status, document, _) = await Fixture.SendAsync("GET", $"/api/transparency-accounts/{account}/document", Fixture.Token(Oslo));
        status.ShouldBe(200);
        var html = document!.GetValue<string>();
        html.ShouldContain("<html lang=\"nb\">");
        html.ShouldContain("<caption>Risikoer etter type, land og ledd</caption>");
        await Fixture.CommandAsync(Oslo, $"/api/transparency-accounts/{account}/publication", """{"url":"https://www.oslo.kommune.no/apenhetsloven","expectedVersion":2}""", 200, "coordinator");
        (await Fixture.SendAsync("GET", $"/api/transparency-accounts/{account}", Fixture.Token(Oslo))).Body!["publishedOnTime"]!.GetValue<bool>().ShouldBeTrue();
        (await Fixture.SendAsync("GET", $"/api/transparency-accounts/{account}", Fixture.Token(Dfo, "coordinator"))).Status.ShouldBe(404);
    }

    [Fact]
    public async Task TA5_e2e_a_supplier_without_a_current_account_is_flagged_until_its_account_is_registered()
    {
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var flagged = (await Fixture.SendAsync("GET", "/api/suppliers/without-current-account", Fixture.Token(Dfo))).Body!.AsArray().Single()!;
        var expected = flagged["expectedYear"]!.GetValue<int>();
        (flagged["supplierId"]!.GetValue<Guid>(), flagged["latestAccountYear"]).ShouldBe((supplier, null));
        await Fixture.CommandAsync(Dfo, $"/api/suppliers/{supplier}/transparency-accounts",
            $$"""{"year":{{expected}},"publishedOn":"{{DateTime.UtcNow:yyyy-MM-dd}}","url":"https://fjordtek.example/apenhetsloven","sha256":"{{new string('c', 64)}}","expectedVersion":1}""", 200);
        (await Fixture.SendAsync("GET", "/api/suppliers/without-current-account", Fixture.Token(Dfo))).Body!.AsArray().ShouldBeEmpty();
        (await Fixture.SendAsync("GET", $"/api/suppliers/{supplier}", Fixture.Token(Oslo))).Body!["accounts"]!.AsArray().Single()!["year"]!.GetValue<int>().ShouldBe(expected);
    }
}
