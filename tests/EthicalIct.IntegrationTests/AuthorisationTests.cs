using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EthicalIct.Api.Identity;
using Marten.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine.Http;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// Issue #10's authorisation test over every route: the routes are discovered from the running host (a new route
/// cannot escape), and each is called by every other party in every role and by an organisation outside the
/// agreement, against one organisation's private records. Nothing private leaks, nothing is written in another's
/// name, auditors and partners never write, outsiders are refused everywhere.
/// </summary>
public partial class AuthorisationTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Outsider = "923456783";
    private static readonly string[] Roles = ["coordinator", "case-officer", "auditor", "partner", "observer"];

    public sealed record Route(string Method, string Template, MethodInfo Endpoint);

    /// <summary>Every Wolverine route of a host, with the endpoint method behind it.</summary>
    public static IReadOnlyList<Route> Discover(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpChain>() is not null)
            .Select(e => new Route(e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single(), "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<HttpChain>()!.Method.Method)),
    ];

    /// <summary>The routes whose endpoint does not declare both its roles and its access rule.</summary>
    public static IReadOnlyList<string> Undeclared(IEnumerable<(string Route, MethodInfo Endpoint)> routes) =>
    [
        .. routes.Where(r => r.Endpoint.GetCustomAttribute<AllowAttribute>() is null || r.Endpoint.GetCustomAttribute<AccessAttribute>() is null).Select(r => r.Route),
    ];

    private static class Probe
    {
        [WolverineGet("/probe/without-rule"), Allow(RoleSet.Readers)]
        public static string WithoutRule() => "";

        [WolverineGet("/probe/declared"), Allow(RoleSet.Readers), Access(AccessRule.AnyOrganisation)]
        public static string Declared() => "";
    }

    [Fact]
    public void the_discovery_flags_a_route_without_a_declared_access_rule()
    {
        var probes = typeof(Probe).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => (m.GetCustomAttribute<WolverineGetAttribute>()!.Template, m));
        Undeclared(probes).ShouldBe(["/probe/without-rule"]);
    }

    [Fact]
    public async Task no_route_lets_another_party_or_an_outsider_read_oslos_private_records_or_write_in_its_name()
    {
        var routes = Discover(Host.Services);
        routes.Count.ShouldBeGreaterThan(80);
        Undeclared(routes.Select(r => (r.Template, r.Endpoint))).ShouldBeEmpty();

        // Oslo's private records: an assessment with a risk, a finding in a dialogue only Oslo takes part in (the dialogue
        // itself, its title and participants, is shared with the parties by the default sharing policy; its findings are
        // not), a disclosure of that finding that Oslo withdrew, and an evidence file. What Oslo disclosed on purpose (a
        // risk of a second assessment) may be read by the parties.
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var risk = (await Fixture.CommandAsync(Oslo, $"/api/assessments/{assessment}/risks",
            """{"code":"FL","tier":"T2","country":"CN","description":"Oslo-private risk text","source":"s","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"Dialogue shared by the policy"}""", 201))["dialogueId"]!.GetValue<Guid>();
        var finding = (await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings",
            """{"grade":"major","code":"FL","description":"Oslo-private finding text","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        var withdrawn = (await Fixture.CommandAsync(Oslo, $"/api/supplier-dialogues/{dialogue}/findings/{finding}/disclosures", "{}", 201, "coordinator"))["disclosureId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/disclosures/{withdrawn}/withdraw", """{"reason":"not agreed internally","expectedVersion":1}""", 200, "coordinator");
        var shown = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var shownRisk = (await Fixture.CommandAsync(Oslo, $"/api/assessments/{shown}/risks",
            """{"code":"CL","tier":"T1","country":"VN","description":"Disclosed on purpose","source":"s","expectedVersion":1}""", 201))["itemId"]!.GetValue<Guid>();
        await Fixture.CommandAsync(Oslo, $"/api/assessments/{shown}/risks/{shownRisk}/disclosures", """{"showDescription":true}""", 201, "coordinator");
        var (_, file) = await Fixture.UploadAsync(Fixture.Token(Oslo), "Oslo-private evidence"u8.ToArray(), "text/plain");
        file!["sha256"]!.GetValue<string>().Length.ShouldBe(64);
        await Fixture.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        (await OverviewAsync(supplier, Dfo)).ToJsonString().ShouldContain("Disclosed on purpose");
        (await Fixture.SendAsync("GET", $"/api/disclosures/{withdrawn}", Fixture.Token(Dfo))).Status.ShouldBe(404, "withdrawn");
        // The withdrawn disclosure's id is not a secret: that Oslo disclosed something and withdrew it stays in the
        // record the parties see (the audit trail); what it disclosed does not.
        string[] secrets = [$"{assessment}", $"{risk}", $"{finding}", "Oslo-private"];
        var ids = new Dictionary<string, string>
        {
            ["assessmentId"] = $"{assessment}", ["riskId"] = $"{risk}", ["dialogueId"] = $"{dialogue}", ["supplierId"] = $"{supplier}", ["orgNumber"] = Oslo,
            ["findingId"] = $"{finding}", ["disclosureId"] = $"{withdrawn}",
            ["setVersion"] = "1", ["agreementId"] = $"{EthicalIct.Api.Cooperation.CooperationAgreement.StreamId}",
        };

        var before = await EventCountAsync();
        var calls = 0;
        foreach (var route in routes)
        {
            var url = RouteParameter().Replace(route.Template, m => ids.GetValueOrDefault(m.Groups[1].Value, Guid.NewGuid().ToString()));
            var body = route.Method == "GET" ? null : """{"expectedVersion":1}""";
            foreach (var (org, role) in new[] { Dfo, Sykehusinnkjop, Outsider }.SelectMany(o => Roles.Select(r => (o, r))))
            {
                var (status, answer, _) = await Fixture.SendAsync(route.Method, url, Fixture.Token(org, role), body);
                calls++;
                var what = $"{route.Method} {route.Template} as {org} {role}: {status} {answer?.ToJsonString()}";
                status.ShouldBeLessThan(500, what);
                if (org == Outsider)
                {
                    status.ShouldBe(403, what);
                }

                if (route.Method != "GET" && role is "auditor" or "partner")
                {
                    status.ShouldBe(403, what);
                }

                // A command on an existing record (a route with an id) never succeeds for another organisation: the
                // records are Oslo's, or do not exist. Creating routes write only in the caller's own name.
                if (route.Method != "GET" && route.Template.Contains('{', StringComparison.Ordinal))
                {
                    status.ShouldNotBeInRange(200, 299, what);
                }

                // An id the caller sent may come back (a 404 names what was asked for, exactly as for an id that does
                // not exist); anything else of Oslo's may not.
                var text = answer?.ToJsonString() ?? "";
                secrets.Where(s => !url.Contains(s, StringComparison.Ordinal)).ShouldAllBe(s => !text.Contains(s, StringComparison.Ordinal), what);
            }
        }

        calls.ShouldBeGreaterThan(900);
        (await EventCountAsync()).ShouldBe(before, "nothing written in Oslo's name, nothing by an outsider");
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
