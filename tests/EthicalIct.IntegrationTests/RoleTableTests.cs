using System.Reflection;
using System.Text.RegularExpressions;
using EthicalIct.Api.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Wolverine.Http;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// EventModel.md, "Roles and access": the table there is the service's route table. Every route of the running
/// service is in it with the same roles and access rule, and every role outside a route's roles gets 403 before the
/// endpoint runs (nothing stored).
/// </summary>
public partial class RoleTableTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly string[] Roles = ["coordinator", "case-officer", "auditor", "partner", "observer"];

    public sealed record Row(string Method, string Route, string[] Roles, string Access);

    public static IReadOnlyList<Row> Table()
    {
        var text = File.ReadAllText(Path.Combine(Root(), "EventModel.md"));
        var section = text[text.IndexOf("## Roles and access", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n---", StringComparison.Ordinal)];
        return [.. TableRow().Matches(section).Select(m => new Row(m.Groups[1].Value, m.Groups[2].Value,
            [.. m.Groups[3].Value.Split(',', StringSplitOptions.TrimEntries)], m.Groups[4].Value.Trim()))];
    }

    [GeneratedRegex(@"^\| (GET|POST) \| `([^`]+)` \| ([a-z, -]+) \| ([a-z -]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    /// <summary>The service's own routes: method, template, the roles its policy allows and its declared access rule.</summary>
    private IReadOnlyList<Row> Routes() =>
    [
        .. AuthorisationTests.Discover(Host.Services).Select(route =>
        {
            var allow = route.Endpoint.GetCustomAttribute<AllowAttribute>()!;
            return new Row(route.Method, route.Template, [.. Roles.Where(r => Policies.Allows(allow.RoleSet, Caller.ParseRole(r)!.Value))],
                Label(route.Endpoint.GetCustomAttribute<AccessAttribute>()!.Rule));
        }),
    ];

    private static string Label(AccessRule rule) => rule switch
    {
        AccessRule.AnyOrganisation => "any organisation",
        AccessRule.OwnOrganisation => "own organisation",
        AccessRule.DialogueParticipant => "dialogue participant",
        AccessRule.RoundtableHost => "roundtable host",
        AccessRule.FollowUpOwner => "follow-up owner",
        AccessRule.AgreementParty => "agreement party",
        AccessRule.ProposedParticipant => "proposed participant",
        AccessRule.ProposedHost => "proposed host",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    [Fact]
    public void the_role_table_in_the_event_model_is_the_route_table_of_the_service()
    {
        var table = Table();
        table.Count.ShouldBeGreaterThan(60);
        var routes = Routes();
        routes.Select(r => $"{r.Method} {r.Route} [{string.Join(", ", r.Roles)}] {r.Access}").Order()
            .ShouldBe(table.Select(r => $"{r.Method} {r.Route} [{string.Join(", ", r.Roles)}] {r.Access}").Order());
    }

    [Fact]
    public async Task every_role_outside_a_routes_roles_is_refused_with_403_and_every_role_inside_gets_past_authorization()
    {
        var refused = 0;
        foreach (var row in Table())
        {
            var url = Regex.Replace(row.Route, @"\{(\w+)\}", m => m.Groups[1].Value == "setVersion" ? "1" : Guid.NewGuid().ToString());
            foreach (var role in Roles)
            {
                var (status, problem, result) = await Fixture.SendAsync(row.Method, url, Fixture.Token(Oslo, role), row.Method == "GET" ? null : "{}");
                if (row.Roles.Contains(role))
                {
                    status.ShouldNotBeOneOf([401, 403], $"{role} may call {row.Method} {row.Route}: {problem?.ToJsonString()}");
                    status.ShouldBeLessThan(500, $"{row.Method} {row.Route} as {role}: {problem?.ToJsonString()}");
                }
                else
                {
                    status.ShouldBe(403, $"{role} may not call {row.Method} {row.Route}");
                    result.Context.Response.ContentType.ShouldBe("application/problem+json");
                    refused++;
                }
            }
        }

        refused.ShouldBeGreaterThan(60);
        (await EventCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task a_case_officer_gets_403_on_every_coordinator_only_command()
    {
        var coordinatorOnly = Table().Where(r => r.Method == "POST" && r.Roles is ["coordinator"]).ToList();
        coordinatorOnly.Select(r => r.Route).ShouldContain("/api/assessments/{assessmentId}/conclude");
        coordinatorOnly.Select(r => r.Route).ShouldContain("/api/suppliers/{supplierId}/corrections");
        coordinatorOnly.Select(r => r.Route).ShouldContain("/api/supplier-dialogues/{dialogueId}/escalations");

        // against real streams, so that only the role stands between the case officer and the command
        var supplier = await Fixture.RegisterSupplierAsync(Oslo);
        var assessment = await Fixture.OpenAssessmentAsync(Oslo, supplier);
        var dialogue = (await Fixture.CommandAsync(Oslo, "/api/supplier-dialogues", $$"""{"supplierId":"{{supplier}}","title":"t"}""", 201))["dialogueId"]!.GetValue<Guid>();
        var ids = new Dictionary<string, string> { ["assessmentId"] = $"{assessment}", ["supplierId"] = $"{supplier}", ["dialogueId"] = $"{dialogue}", ["setVersion"] = "1" };
        var before = await EventCountAsync();
        foreach (var row in coordinatorOnly)
        {
            var url = Regex.Replace(row.Route, @"\{(\w+)\}", m => ids.GetValueOrDefault(m.Groups[1].Value, Guid.NewGuid().ToString()));
            (await Fixture.SendAsync("POST", url, Fixture.Token(Oslo, "case-officer"), """{"reason":"r","rationale":"r","expectedVersion":1}""")).Status.ShouldBe(403, row.Route);
        }

        (await EventCountAsync()).ShouldBe(before);
    }

    /// <summary>The repository's root (where EthicalIct.sln is), for the files the tests read: EventModel.md, docs/samples.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EthicalIct.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from a clone of the repository.");
    }
}
