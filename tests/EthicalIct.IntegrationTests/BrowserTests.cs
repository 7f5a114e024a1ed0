using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shouldly;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// The service as its own process (demo data seeded) and Debian's Chromium driven by Playwright: the web interface
/// end to end, as a case officer would use it, with axe-core's accessibility check on every page.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public ServiceProcess Service { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => $"http://127.0.0.1:{Service.Port}";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {Chromium}: apt-get install -y chromium (.ci/run installs it).");
        }

        // A checkpoint every 5 events, so the demo's events already have several for the audit page.
        Service = await ServiceProcess.StartAsync(await TestDatabase.CreateAsync("browser"), new Dictionary<string, string> { ["Audit__CheckpointEvery"] = "5" });
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Service.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

[Collection(BrowserCollection.Name)]
public sealed class BrowserTests(BrowserFixture fixture)
{
    private const string Oslo = "958935420";
    private const string Dfo = "986252932";

    private async Task<IPage> SignInAsync(string org, string role, string name)
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "nb-NO" });
        var page = await NewPageAsync(context);
        await page.GotoAsync("/");
        await AtAsync(page, new Regex("/sign-in"), "the sign-in page");
        await page.SelectOptionAsync("#org", org);
        await page.SelectOptionAsync("#role", role);
        await page.FillAsync("#name", name);
        await page.ClickAsync("button[type=submit]");
        await OnOverviewAsync(page, name);
        return page;
    }

    /// <summary>Waits for the overview after a sign-in (the navigation committed, then the signed-in header); says where the page is when it does not come.</summary>
    private async Task OnOverviewAsync(IPage page, string name)
    {
        await AtAsync(page, new Regex("^" + Regex.Escape(fixture.BaseUrl) + "/$"), "the overview");
        await page.WaitForSelectorAsync($"header >> text={name}");
    }

    /// <summary>
    /// Waits until the page's address matches, polling it: after a form post and its redirect, Chromium's load event
    /// sometimes never reached Playwright under load although the page had rendered (seen in full runs), so
    /// <c>WaitForURLAsync</c>, which waits for that event, timed out on a page that was there.
    /// </summary>
    private static async Task AtAsync(IPage page, Regex address, string what)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !address.IsMatch(page.Url); await Task.Delay(100))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new ShouldAssertException($"{what} did not open; at {page.Url}: {string.Join(" ", await page.Locator("#notice").AllTextContentsAsync())}");
            }
        }
    }

    /// <summary>
    /// A page with generous timeouts: these tests run beside the other integration tests on two cores, and the service
    /// generates each endpoint's code on its first call.
    /// </summary>
    private static async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>The screenshots of the main pages (copied to docs/screenshots for the README): written by every run.</summary>
    private static Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        return page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    private static async Task ShouldBeAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        serious.ShouldBeEmpty($"axe-core on {page.Url}");
    }

    private static async Task<string> OpenAssessmentAsync(IPage page)
    {
        await page.ClickAsync("nav >> text=Ny risikovurdering");
        await AtAsync(page, new Regex("/assessments/new$"), "the new assessment page");
        await ShouldBeAccessibleAsync(page);
        await page.FillAsync("#framework", "PC-2026 (browser)");
        await page.ClickAsync("#open-assessment button[type=submit]");
        await AtAsync(page, new Regex("/assessments/[0-9a-f-]{36}$"), "the case page");
        return page.Url;
    }

    private static async Task IdentifyRiskAsync(IPage page, string description)
    {
        await page.SelectOptionAsync("#risk-code", "FL");
        await page.SelectOptionAsync("#risk-tier", "T2");
        await page.FillAsync("#risk-country", "CN");
        await page.FillAsync("#risk-description", description);
        await page.FillAsync("#risk-source", "Electronics Watch");
        await page.ClickAsync("#identify-risk button[type=submit]");
    }

    [Fact]
    public async Task UI1_e2e_a_case_officer_opens_an_assessment_identifies_and_scores_a_risk_and_sees_it_on_the_overview()
    {
        var page = await SignInAsync(Oslo, "case-officer", "Kari Nordmann");
        (await page.TitleAsync()).ShouldStartWith("Oversikt");
        (await page.TextContentAsync("header"))!.ShouldContain("Kari Nordmann (saksbehandler, 958935420)");
        await ShouldBeAccessibleAsync(page);
        var caseUrl = await OpenAssessmentAsync(page);
        await ShouldBeAccessibleAsync(page);

        await IdentifyRiskAsync(page, "Tvangsarbeid ved sluttmontering (nettlesertest)");
        await page.WaitForSelectorAsync("#risks >> text=Tvangsarbeid ved sluttmontering (nettlesertest)");
        (await page.TextContentAsync("#notice"))!.ShouldContain("Lagret");

        await page.SelectOptionAsync("#score-scale", "5");
        await page.SelectOptionAsync("#score-scope", "4");
        await page.SelectOptionAsync("#score-irremediability", "5");
        await page.SelectOptionAsync("#score-likelihood", "4");
        await page.FillAsync("#score-rationale", "Rapport fra Electronics Watch");
        await page.ClickAsync("#score-risk button[type=submit]");
        await page.WaitForSelectorAsync("#risks >> text=Kritisk");
        await ShouldBeAccessibleAsync(page);
        await ScreenshotAsync(page, "assessment");

        // The overview reads the risk register (an async view): it shows the risk within moments.
        for (var attempt = 0; ; attempt++)
        {
            await page.GotoAsync("/");
            if (await page.Locator("#open-risks >> text=Tvangsarbeid ved sluttmontering (nettlesertest)").CountAsync() > 0)
            {
                break;
            }

            attempt.ShouldBeLessThan(40, "the risk reached the overview");
            await Task.Delay(250);
        }

        (await page.Locator("#open-risks tr", new() { HasText = "nettlesertest" }).TextContentAsync())!.ShouldContain("Kritisk");
        await ScreenshotAsync(page, "overview");
        page.Url.ShouldNotBe(caseUrl);
    }

    [Fact]
    public async Task UI2_e2e_moving_as_of_back_shows_the_case_as_it_was()
    {
        var page = await SignInAsync(Oslo, "case-officer", "Kari Nordmann");
        var caseUrl = await OpenAssessmentAsync(page);
        await IdentifyRiskAsync(page, "Overtid i høysesong");
        await page.WaitForSelectorAsync("#risks >> text=Overtid i høysesong");
        await page.ClickAsync("#score-risk button[type=submit]");
        await page.WaitForSelectorAsync("#risks >> text=Middels"); // 3/3/3/3 (the form's defaults): medium

        // The timeline is read from the audit trail; wait until it lists the third version, then go back to the second.
        for (var attempt = 0; await page.Locator("#as-of-version option[value='3']").CountAsync() == 0; attempt++)
        {
            attempt.ShouldBeLessThan(40, "the timeline lists version 3");
            await Task.Delay(250);
            await page.GotoAsync(caseUrl);
        }

        await page.SelectOptionAsync("#as-of-version", "2");
        await page.ClickAsync("#as-of-heading >> xpath=.. >> button[type=submit]");
        await page.WaitForSelectorAsync("#as-of-banner");
        (await page.TextContentAsync("#case-version"))!.ShouldContain("2");
        (await page.TextContentAsync("#risks"))!.ShouldContain("Ikke vurdert", customMessage: "at version 2 the risk was identified, not yet scored");
        (await page.Locator("#identify-risk").CountAsync()).ShouldBe(0, "no forms on a past state");
        await ShouldBeAccessibleAsync(page);
        await ScreenshotAsync(page, "assessment-as-of");

        await page.SelectOptionAsync("#as-of-version", "1");
        await page.ClickAsync("#as-of-heading >> xpath=.. >> button[type=submit]");
        await page.WaitForSelectorAsync("text=Ingen risikoer identifisert.");
    }

    [Fact]
    public async Task UI3_e2e_a_stale_form_shows_that_someone_changed_the_case()
    {
        var page = await SignInAsync(Oslo, "case-officer", "Kari Nordmann");
        var caseUrl = await OpenAssessmentAsync(page);
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(caseUrl);

        await IdentifyRiskAsync(page, "Lønn under minstelønn");
        await page.WaitForSelectorAsync("#risks >> text=Lønn under minstelønn");

        // The second tab still holds version 1 in its form.
        await IdentifyRiskAsync(other, "Helse og sikkerhet i lakkering");
        await other.WaitForSelectorAsync("#notice");
        (await other.TextContentAsync("#notice"))!.ShouldContain("Noen har endret saken");
        (await other.TextContentAsync("#risks"))!.ShouldContain("Lønn under minstelønn", customMessage: "the page now shows the current version");
        (await other.InputValueAsync("input[name='Risk.ExpectedVersion']")).ShouldBe("2");
        await ShouldBeAccessibleAsync(other);
        await ScreenshotAsync(other, "stale-form");
    }

    [Fact]
    public async Task UI4_e2e_another_organisations_user_cannot_reach_a_private_case()
    {
        var oslo = await SignInAsync(Oslo, "case-officer", "Kari Nordmann");
        var caseUrl = await OpenAssessmentAsync(oslo);

        var dfo = await SignInAsync(Dfo, "coordinator", "Ola Nordmann");
        var response = await dfo.GotoAsync(caseUrl);
        response!.Status.ShouldBe(404);
        (await dfo.TextContentAsync("h1"))!.ShouldBe("Fant ikke siden");
        await ShouldBeAccessibleAsync(dfo);
    }

    [Fact]
    public async Task UI5_e2e_the_sign_in_and_a_form_work_with_the_keyboard_alone_and_english_is_available()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var page = await NewPageAsync(context);
        await page.GotoAsync("/sign-in");
        await ShouldBeAccessibleAsync(page);
        await ScreenshotAsync(page, "sign-in");

        // Tab from the top: skip link, language link, then the form's fields in order.
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.className")).ShouldBe("skip");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("org");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("role");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("name");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Tastatur Bruker");
        await page.Keyboard.PressAsync("Enter");
        await OnOverviewAsync(page, "Tastatur Bruker");

        await page.ClickAsync("text=English");
        (await page.TextContentAsync("h1"))!.ShouldBe("Overview");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");
        await ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task UI6_e2e_a_disclosed_risk_appears_on_the_other_organisations_supplier_page_and_the_own_risk_on_the_owners()
    {
        var oslo = await SignInAsync(Oslo, "coordinator", "Kari Koordinator");
        var caseUrl = await OpenAssessmentAsync(oslo);
        await oslo.SelectOptionAsync("#risk-code", "CM");
        await oslo.FillAsync("#risk-country", "CD");
        await oslo.FillAsync("#risk-description", "Kobolt fra småskalagruver");
        await oslo.FillAsync("#risk-source", "NGO-rapport");
        await oslo.ClickAsync("#identify-risk button[type=submit]");
        await oslo.WaitForSelectorAsync("#risks >> text=Kobolt fra småskalagruver");
        await oslo.SelectOptionAsync("#score-scale", "4");
        await oslo.SelectOptionAsync("#score-likelihood", "2");
        await oslo.ClickAsync("#score-risk button[type=submit]");
        await oslo.WaitForSelectorAsync("#risks >> text=Høy");
        await oslo.CheckAsync("#disclose-description");
        await oslo.ClickAsync("#disclose-risk button[type=submit]");
        await oslo.WaitForSelectorAsync("#notice >> text=Lagret");
        var supplierUrl = await oslo.GetAttributeAsync("h1 a", "href");

        // DFØ sees the disclosed risk in the heat map (an async view: within moments); Oslo sees it as its own.
        var dfo = await SignInAsync(Dfo, "case-officer", "Ola Nordmann");
        await WaitForCellAsync(dfo, supplierUrl!, "0 / 1");
        await ShouldBeAccessibleAsync(dfo);
        await ScreenshotAsync(dfo, "supplier");
        await WaitForCellAsync(oslo, supplierUrl!, "1 / 0");
        caseUrl.ShouldContain("/assessments/");
    }

    private static async Task WaitForCellAsync(IPage page, string url, string expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.GotoAsync(url);
            var cell = await page.Locator("#heat-map td[data-code='CM'][data-priority='High']").TextContentAsync();
            if (cell?.Trim() == expected)
            {
                return;
            }

            attempt.ShouldBeLessThan(60, $"the CM/High cell reads {expected} (it reads '{cell?.Trim()}')");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task UI7_e2e_an_auditor_checks_the_latest_checkpoint_verifies_a_range_and_downloads_a_case_bundle()
    {
        // A new case has no bundle until a signed checkpoint covers its last event: the page says why (the API's 409).
        var officer = await SignInAsync(Oslo, "case-officer", "Kari Nordmann");
        await OpenAssessmentAsync(officer);
        var fresh = await officer.Context.APIRequest.GetAsync(fixture.BaseUrl + await officer.GetAttributeAsync("#case-bundle", "href"));
        fresh.Status.ShouldBe(409, await fresh.TextAsync());

        // The demo's assessment is covered by the checkpoints signed while the demo was seeded.
        await officer.GotoAsync("/");
        await officer.ClickAsync("#assessments >> text=Nordlys Computing Ltd (demo)");
        await officer.WaitForSelectorAsync("#case-bundle");
        var caseUrl = officer.Url;
        var download = await officer.Context.APIRequest.GetAsync(fixture.BaseUrl + await officer.GetAttributeAsync("#case-bundle", "href"));
        (download.Status, download.Headers["content-type"]).ShouldBe((200, "application/x-ndjson"), caseUrl);
        (await download.TextAsync()).ShouldContain(caseUrl[(caseUrl.LastIndexOf('/') + 1)..]);
        (await officer.Context.APIRequest.GetAsync(fixture.BaseUrl + "/download?path=%2Fapi%2Fsuppliers")).Status.ShouldBe(404, "only files and bundles");

        var auditor = await SignInAsync(Oslo, "auditor", "Revisor Rask");
        await auditor.ClickAsync("nav >> text=Revisjon");
        (await auditor.TextContentAsync("#signature-status"))!.ShouldStartWith("Gyldig");
        var sizes = await auditor.Locator("#first option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        sizes.Length.ShouldBeGreaterThan(1, "the demo's events made several checkpoints");
        await auditor.SelectOptionAsync("#first", sizes[0]);
        await auditor.SelectOptionAsync("#second", sizes[^1]);
        await auditor.ClickAsync("#verify-range button[type=submit]");
        (await auditor.TextContentAsync("#range-result"))!.ShouldStartWith("Konsistent");
        await ShouldBeAccessibleAsync(auditor);
        await ScreenshotAsync(auditor, "audit");
    }
}
