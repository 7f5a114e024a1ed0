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
        // (A checkpoint every 5 events: when the new case's event happens to be the fifth, one more event is not covered.)
        await OpenAssessmentAsync(officer);
        var fresh = await officer.Context.APIRequest.GetAsync(fixture.BaseUrl + await officer.GetAttributeAsync("#case-bundle", "href"));
        if (fresh.Status == 200)
        {
            await IdentifyRiskAsync(officer, "Én hendelse til (UI7)");
            await officer.WaitForSelectorAsync("#risks >> text=Én hendelse til (UI7)");
            fresh = await officer.Context.APIRequest.GetAsync(fixture.BaseUrl + await officer.GetAttributeAsync("#case-bundle", "href"));
        }

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
        (await auditor.TextContentAsync("#chain-status"))!.Trim().ShouldStartWith("Kjeden holder");
        var sizes = await auditor.Locator("#first option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        sizes.Length.ShouldBeGreaterThan(1, "the demo's events made several checkpoints");
        await auditor.SelectOptionAsync("#first", sizes[0]);
        await auditor.SelectOptionAsync("#second", sizes[^1]);
        await auditor.ClickAsync("#verify-range button[type=submit]");
        (await auditor.TextContentAsync("#range-result"))!.ShouldStartWith("Konsistent");
        await ShouldBeAccessibleAsync(auditor);
        await ScreenshotAsync(auditor, "audit");
    }

    [Fact]
    public async Task UI8_e2e_a_finding_raised_planned_and_disclosed_in_a_dialogue_appears_on_the_other_organisations_supplier_page()
    {
        // A requirement set Oslo has adopted (through the API: the pages do not draft requirement sets), for the questionnaire.
        var set = await ApiPostAsync("/api/requirement-sets", System.Text.Json.Nodes.JsonNode.Parse(DialogueTests.SetBody)!, "requirementSetId");
        await ApiPostAsync($"/api/requirement-sets/{set}/versions/1/publish", new { expectedVersion = 1 }, "");
        await ApiPostAsync($"/api/requirement-sets/{set}/adoptions", new { setVersion = 1, rationale = "styrevedtak (UI8)", expectedVersion = 2 }, "");

        var oslo = await SignInAsync(Oslo, "coordinator", "Kari Koordinator");
        await oslo.ClickAsync("nav >> text=Leverandører");
        await AtAsync(oslo, new Regex("/suppliers$"), "the supplier registry");
        await ShouldBeAccessibleAsync(oslo);
        await oslo.ClickAsync("#suppliers >> text=Kystmobil AS (demo)");
        await AtAsync(oslo, new Regex("/suppliers/[0-9a-f-]{36}$"), "the supplier page");
        var supplierUrl = oslo.Url;
        await oslo.FillAsync("#dialogue-title", "Arbeidstid ved monteringsfabrikken (UI8)");
        await oslo.ClickAsync("#open-dialogue button[type=submit]");
        await AtAsync(oslo, new Regex("/dialogues/[0-9a-f-]{36}$"), "the dialogue page");
        var dialogueUrl = oslo.Url;

        await oslo.SelectOptionAsync("#finding-grade", "Major");
        await oslo.SelectOptionAsync("#finding-code", "WH");
        await oslo.FillAsync("#finding-description", "Overtid over 60 timer i uken i høysesongen");
        await oslo.ClickAsync("#raise-finding button[type=submit]");
        await oslo.WaitForSelectorAsync("#dialogue-findings >> text=Overtid over 60 timer i uken i høysesongen");

        // A questionnaire from the adopted set: a deadline of today is refused beside the field; blank takes the default.
        await oslo.SelectOptionAsync("#questionnaire-set", $"{set}:1");
        await oslo.FillAsync("#questionnaire-due", DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await oslo.ClickAsync("#send-questionnaire button[type=submit]");
        (await oslo.TextContentAsync("#questionnaire-due-error"))!.ShouldContain("after today");
        await oslo.FillAsync("#questionnaire-due", "");
        await oslo.ClickAsync("#send-questionnaire button[type=submit]");
        await oslo.WaitForSelectorAsync("#dialogue-questionnaires >> text=sendt");

        // A plan without actions: the API's reason beside the form, nothing stored.
        await oslo.ClickAsync("#submit-cap button[type=submit]");
        (await oslo.TextContentAsync("#cap-finding-error"))!.ShouldContain("1 to 100 actions");
        (await oslo.Locator("#timeline tbody tr").CountAsync()).ShouldBe(3, "opened, the finding and the questionnaire only");
        await oslo.FillAsync("#cap-action-0-description", "Innføre registrering av arbeidstid");
        await oslo.FillAsync("#cap-action-0-owner", "Fabrikksjef");
        await oslo.FillAsync("#cap-action-0-due", DateTime.UtcNow.AddDays(45).ToString("yyyy-MM-dd"));
        await oslo.ClickAsync("#submit-cap button[type=submit]");
        await oslo.WaitForSelectorAsync("#dialogue-findings >> text=Innføre registrering av arbeidstid");
        await oslo.FillAsync("#cap-rationale", "Planen dekker funnet");
        await oslo.ClickAsync("#decide-cap button[type=submit]");
        await oslo.WaitForSelectorAsync("#dialogue-findings >> text=Planen dekker funnet");
        await oslo.CheckAsync("#disclose-description");
        await oslo.CheckAsync("#disclose-actions");
        await oslo.ClickAsync("#disclose-finding button[type=submit]");
        await oslo.WaitForSelectorAsync("#notice >> text=Lagret");
        await ShouldBeAccessibleAsync(oslo);
        await ScreenshotAsync(oslo, "dialogue");

        // DFØ does not take part in the dialogue (404) but sees the disclosed finding on the supplier page (an async view: within moments).
        var dfo = await SignInAsync(Dfo, "case-officer", "Ola Nordmann");
        (await dfo.GotoAsync(dialogueUrl))!.Status.ShouldBe(404);
        for (var attempt = 0; ; attempt++)
        {
            await dfo.GotoAsync(supplierUrl);
            if (await dfo.Locator("#findings >> text=Overtid over 60 timer i uken i høysesongen").CountAsync() == 1)
            {
                break;
            }

            attempt.ShouldBeLessThan(120, "the disclosed finding reaches DFØ's supplier page");
            await Task.Delay(250);
        }

        (await dfo.TextContentAsync("#findings"))!.ShouldContain("godkjent");
        await ShouldBeAccessibleAsync(dfo);
    }

    [Fact]
    public async Task UI9_e2e_register_a_supplier_record_a_decision_and_agree_and_report_a_follow_up_item()
    {
        var oslo = await SignInAsync(Oslo, "coordinator", "Kari Koordinator");

        // Register a supplier: a wrong organisation number gets the API's reason beside the field; a foreign identifier registers.
        await oslo.GotoAsync("/suppliers");
        await oslo.FillAsync("#supplier-name", "Mekong Assembly JSC (UI9)");
        await oslo.CheckAsync("#supplier-role-Manufacturer");
        await oslo.FillAsync("#supplier-org-number", "123");
        await oslo.ClickAsync("#register-supplier button[type=submit]");
        (await oslo.GetAttributeAsync("#supplier-org-number", "aria-invalid")).ShouldBe("true");
        (await oslo.TextContentAsync("#supplier-org-number-error")).ShouldNotBeNullOrWhiteSpace();
        await ShouldBeAccessibleAsync(oslo);
        await oslo.FillAsync("#supplier-org-number", "");
        await oslo.FillAsync("#supplier-foreign-id", "VN-UI9-" + Guid.NewGuid().ToString("N")[..8]);
        await oslo.FillAsync("#supplier-country", "vn");
        await oslo.ClickAsync("#register-supplier button[type=submit]");
        await AtAsync(oslo, new Regex("/suppliers/[0-9a-f-]{36}$"), "the new supplier's page");
        (await oslo.TextContentAsync("h1"))!.ShouldBe("Mekong Assembly JSC (UI9)");

        // Record a decision on an assessment's risk.
        await OpenAssessmentAsync(oslo);
        await IdentifyRiskAsync(oslo, "Rekrutteringsgebyr betalt av arbeidere (UI9)");
        await oslo.WaitForSelectorAsync("#risks >> text=Rekrutteringsgebyr betalt av arbeidere (UI9)");
        await oslo.SelectOptionAsync("#decision-kind", "Prioritise");
        await oslo.ClickAsync("#record-decision button[type=submit]");
        (await oslo.TextContentAsync("#decision-risks-error"))!.ShouldContain("name the risks");
        await oslo.CheckAsync("#decision-risks input[type=checkbox]");
        await oslo.FillAsync("#decision-rationale", "Tvangsarbeid går foran (UI9)");
        await oslo.ClickAsync("#record-decision button[type=submit]");
        await oslo.WaitForSelectorAsync("#decisions >> text=Tvangsarbeid går foran (UI9)");
        (await oslo.TextContentAsync("#decisions"))!.ShouldContain("prioritere: FL");

        // A roundtable hosted by Oslo (scheduled through the API: the pages do not schedule), a follow-up item agreed, progress and delivery reported.
        var roundtableId = await ScheduleRoundtableAsync("Innleid arbeidskraft i leverandørkjeden (UI9)");
        await oslo.ClickAsync("nav >> text=Rundebord");
        await oslo.ClickAsync("#roundtables >> text=Innleid arbeidskraft i leverandørkjeden (UI9)");
        await AtAsync(oslo, new Regex($"/roundtables/{roundtableId}$"), "the roundtable page");
        await oslo.FillAsync("#follow-up-description", "Kartlegge bemanningsbyråer i ledd 2 (UI9)");
        await oslo.FillAsync("#follow-up-due", DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"));
        await oslo.SelectOptionAsync("#follow-up-owner", "org:" + Oslo);
        await oslo.ClickAsync("#agree-follow-up button[type=submit]");
        await oslo.WaitForSelectorAsync("#follow-up-items >> text=Kartlegge bemanningsbyråer i ledd 2 (UI9)");
        await ShouldBeAccessibleAsync(oslo);
        await ScreenshotAsync(oslo, "roundtable");
        await oslo.ClickAsync("#follow-up-items >> text=Kartlegge bemanningsbyråer i ledd 2 (UI9)");
        await AtAsync(oslo, new Regex("/follow-up-items/[0-9a-f-]{36}$"), "the follow-up item page");
        var itemUrl = oslo.Url;
        await oslo.FillAsync("#progress-note", "Tre byråer identifisert (UI9)");
        await oslo.ClickAsync("#note-progress button[type=submit]");
        await oslo.WaitForSelectorAsync("#progress-notes >> text=Tre byråer identifisert (UI9)");
        await oslo.FillAsync("#delivery-note", "Kartlegging levert (UI9)");
        await oslo.ClickAsync("#deliver button[type=submit]");
        (await oslo.TextContentAsync("#notice"))!.ShouldContain("Skjemaet har feil");
        (await oslo.TextContentAsync("#delivery-evidence-title-error"))!.ShouldContain("noEvidenceReason");
        await oslo.FillAsync("#delivery-no-evidence", "Muntlig gjennomgang på møtet (UI9)");
        await oslo.ClickAsync("#deliver button[type=submit]");
        await oslo.WaitForSelectorAsync("#deliveries >> text=Kartlegging levert (UI9)");
        await ShouldBeAccessibleAsync(oslo);
        await ScreenshotAsync(oslo, "follow-up-item");

        // As of the item's first version: agreed, nothing reported yet.
        await oslo.SelectOptionAsync("#as-of-version", "1");
        await oslo.ClickAsync("#as-of-heading >> xpath=.. >> button[type=submit]");
        await oslo.WaitForSelectorAsync("#as-of-banner");
        (await oslo.Locator("#deliveries").CountAsync()).ShouldBe(0);
        (await oslo.Locator("#timeline tbody tr").CountAsync()).ShouldBe(1);
        itemUrl.ShouldContain("/follow-up-items/");
    }

    [Fact]
    public async Task UI10_e2e_every_page_can_be_used_with_the_keyboard_alone()
    {
        var oslo = await SignInAsync(Oslo, "coordinator", "Tastatur Koordinator");
        var roundtableId = await ScheduleRoundtableAsync("Tastaturrundebord (UI10)");
        var itemId = await ApiPostAsync($"/api/roundtables/{roundtableId}/follow-up-items",
            new { description = "Punkt for tastaturtest (UI10)", dueOn = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"), ownerOrg = Oslo }, "followUpItemId");
        await oslo.GotoAsync("/");
        await oslo.ClickAsync("#assessments >> text=Nordlys Computing Ltd (demo)");
        await oslo.WaitForSelectorAsync("#case-bundle");
        var caseUrl = oslo.Url;
        var supplierUrl = await oslo.GetAttributeAsync("h1 a", "href");

        // The demo's dialogue with the brand owner and its disclosed finding are there for a newcomer.
        await oslo.GotoAsync(supplierUrl!);
        await oslo.WaitForSelectorAsync("#my-dialogues >> text=Forced-labour indicators at final assembly (demo)");
        (await oslo.TextContentAsync("#findings"))!.ShouldContain("Workers' identity documents held by a labour agency (demo)");

        // The dialogue: opened and a finding raised with the keyboard alone.
        await TabToAsync(oslo, "dialogue-title");
        await oslo.Keyboard.TypeAsync("Tastaturdialog (UI10)");
        await oslo.Keyboard.PressAsync("Enter");
        await AtAsync(oslo, new Regex("/dialogues/[0-9a-f-]{36}$"), "the dialogue page");
        var dialogueUrl = oslo.Url;
        await TabToAsync(oslo, "finding-description");
        await oslo.Keyboard.TypeAsync("Funnet med tastaturet (UI10)");
        await oslo.Keyboard.PressAsync("Tab");
        (await oslo.EvaluateAsync<string>("document.activeElement.closest('form').id + ' ' + document.activeElement.type")).ShouldBe("raise-finding submit");
        await oslo.Keyboard.PressAsync("Enter");
        await oslo.WaitForSelectorAsync("#dialogue-findings >> text=Funnet med tastaturet (UI10)");

        foreach (var url in new[] { "/", "/suppliers", supplierUrl!, "/assessments/new", caseUrl, dialogueUrl, "/roundtables", $"/roundtables/{roundtableId}", $"/follow-up-items/{itemId}", "/audit" })
        {
            await oslo.GotoAsync(url);
            await ShouldBeAccessibleAsync(oslo);
            await ShouldReachEverythingByTabAsync(oslo);
        }
    }

    /// <summary>
    /// Tabs from the top of the page through all of it: every link, button and field (one radio per group: the arrows
    /// move within it) takes the focus in turn, none traps it, and each shows the focus outline.
    /// </summary>
    private static async Task ShouldReachEverythingByTabAsync(IPage page)
    {
        var wanted = await page.EvaluateAsync<string[]>("""
            () => {
                const els = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
                    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0);
                els.forEach((e, i) => e.dataset.kb = e.type === 'radio' ? 'radio:' + e.name : (e.id || e.tagName.toLowerCase()) + '#' + i);
                return [...new Set(els.map(e => e.dataset.kb))];
            }
            """);
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        var reached = new HashSet<string>();
        var unmarked = new List<string>();
        for (var press = 0; press < wanted.Length * 2 + 5 && reached.Count < wanted.Length; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; return [e?.dataset?.kb ?? '', e ? getComputedStyle(e).outlineStyle : 'none']; }");
            var (key, outline) = (focus[0], focus[1]);
            if (key.Length > 0 && reached.Add(key) && outline == "none")
            {
                unmarked.Add(key);
            }
        }

        wanted.Except(reached).ShouldBeEmpty($"not reached with Tab on {page.Url}");
        unmarked.ShouldBeEmpty($"no visible focus on {page.Url}");
    }

    /// <summary>Presses Tab until the field with this id has the focus (the keyboard's way to a field).</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var press = 0; await page.EvaluateAsync<string>("document.activeElement?.id ?? ''") != id; press++)
        {
            press.ShouldBeLessThan(400, $"#{id} reached with Tab on {page.Url}");
            await page.Keyboard.PressAsync("Tab");
        }
    }

    private async Task<string> ScheduleRoundtableAsync(string topic) =>
        await ApiPostAsync("/api/roundtables", new { topic, date = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"), hostOrgs = new[] { Oslo }, online = true }, "roundtableId");

    /// <summary>A command through the API as Oslo's coordinator (the set-up the pages do not offer); the new record's id.</summary>
    private async Task<string> ApiPostAsync(string path, object body, string idProperty)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", ServiceProcess.Token(Oslo));
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await fixture.Service.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.TryGetProperty(idProperty, out var id) ? id.GetString()! : "";
    }
}
