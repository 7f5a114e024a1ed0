using System.Reflection;
using System.Text.RegularExpressions;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Shouldly;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Tests.Architecture;

/// <summary>
/// The conventions every slice keeps (docs/adr/0001, 0005), checked on the compiled service and its sources, so
/// that a new endpoint, event or feature that breaks one fails the build's tests.
/// </summary>
public partial class ConventionTests
{
    private static readonly Assembly Api = typeof(Program).Assembly;

    public static IEnumerable<MethodInfo> Endpoints() =>
        Api.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<WolverineHttpMethodAttribute>() is not null);

    private static bool IsCommand(MethodInfo endpoint) => endpoint.GetCustomAttribute<WolverineHttpMethodAttribute>()!.HttpMethod != "GET";

    private static string Name(MethodInfo m) => $"{m.DeclaringType!.Name}.{m.Name}";

    [Fact]
    public void every_endpoint_declares_its_roles_and_its_access_rule_once()
    {
        Endpoints().Count().ShouldBeGreaterThan(60);
        foreach (var endpoint in Endpoints())
        {
            endpoint.GetCustomAttributes<AllowAttribute>().Count().ShouldBe(1, $"{Name(endpoint)} declares its roles with one [Allow(RoleSet.…)]");
            endpoint.GetCustomAttributes<AccessAttribute>().Count().ShouldBe(1, $"{Name(endpoint)} declares its access rule with one [Access(AccessRule.…)]");
            endpoint.GetCustomAttributes<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().Count().ShouldBe(1, $"{Name(endpoint)}: roles only through [Allow]");
        }
    }

    [Fact]
    public void every_command_on_an_existing_stream_takes_the_expected_version()
    {
        foreach (var endpoint in Endpoints().Where(e => e.GetParameters().Any(p => p.GetCustomAttribute<WriteAggregateAttribute>() is not null)))
        {
            var command = endpoint.GetParameters()[0].ParameterType;
            command.GetProperty(nameof(ExpectedVersion))?.PropertyType.ShouldBe(typeof(long?), $"{command.Name} (the body of {Name(endpoint)}) has a long? ExpectedVersion");
        }
    }

    [Fact]
    public void every_command_is_one_file_shape_validate_and_decide_beside_a_few_line_endpoint()
    {
        foreach (var endpoint in Endpoints().Where(IsCommand).Where(e => e.GetCustomAttribute<RawBodyUploadAttribute>() is null))
        {
            var slice = endpoint.DeclaringType!;
            slice.GetMethod("Validate", BindingFlags.Public | BindingFlags.Static).ShouldNotBeNull($"{slice.Name} has a pure Validate");
            var validate = slice.GetMethod("Validate", BindingFlags.Public | BindingFlags.Static)!;
            validate.ReturnType.ShouldBe(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), $"{slice.Name}.Validate answers a problem (one decision shape)");
            validate.GetParameters().ShouldAllBe(p => !IsService(p.ParameterType), $"{slice.Name}.Validate takes no service: it is pure");
            var decide = slice.GetMethod("Decide", BindingFlags.Public | BindingFlags.Static);
            decide.ShouldNotBeNull($"{slice.Name} has a pure Decide returning its events");
            decide.GetParameters()[0].ParameterType.ShouldBe(endpoint.GetParameters()[0].ParameterType, $"{slice.Name}.Decide takes the command first");
            decide.GetParameters().Select(p => p.ParameterType).ShouldContain(typeof(Caller), $"{slice.Name}.Decide takes the caller");
            decide.GetParameters()[^1].ParameterType.ShouldBe(typeof(DateTimeOffset), $"{slice.Name}.Decide takes now last");
            decide.GetParameters().ShouldAllBe(p => !IsService(p.ParameterType), $"{slice.Name}.Decide takes no service: it is pure");
            endpoint.GetParameters().Where(p => p.ParameterType == typeof(DateTimeOffset)).ShouldAllBe(p => p.Name == "now");
            endpoint.GetParameters().ShouldAllBe(p => !IsService(p.ParameterType), $"{Name(endpoint)} decides nothing itself and needs no service");
        }
    }

    private static bool IsService(Type t) =>
        t == typeof(TimeProvider) || t == typeof(Microsoft.AspNetCore.Http.HttpContext) || t == typeof(System.Security.Claims.ClaimsPrincipal)
        || t.Namespace?.StartsWith("Marten", StringComparison.Ordinal) == true || t == typeof(IServiceProvider);

    /// <summary>Every event: a positional record ending with who acted (By: organisation, person, name, role) and when (At).</summary>
    [Fact]
    public void every_event_carries_who_acted_and_the_business_time()
    {
        var events = EventTypes();
        events.Count.ShouldBeGreaterThan(40);
        foreach (var e in events)
        {
            var parameters = e.GetConstructors().Single(c => c.GetParameters().Length > 0).GetParameters();
            (parameters[^2].Name, parameters[^2].ParameterType).ShouldBe(("By", typeof(Actor)), $"{e.Name} ends with (Actor By, DateTimeOffset At)");
            (parameters[^1].Name, parameters[^1].ParameterType).ShouldBe(("At", typeof(DateTimeOffset)), $"{e.Name} ends with (Actor By, DateTimeOffset At)");
            e.IsSealed.ShouldBeTrue();
            e.GetProperties().ShouldAllBe(p => p.SetMethod == null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)),
                $"{e.Name} is immutable");
            Words().Matches(e.Name).Any(w => PastTense().IsMatch(w.Value)).ShouldBeTrue($"{e.Name} is named as a past-tense fact");
        }
    }

    /// <summary>The events: everything a write model or view folds (Create/Apply), which is every event some view shows.</summary>
    public static IReadOnlyList<Type> EventTypes() =>
    [
        .. Api.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "Apply" or "Create" && m.GetParameters().Length is 1 or 2)
            .Select(m => m.GetParameters()[0].ParameterType)
            .Where(t => t.Assembly == Api && t.Namespace?.StartsWith("EthicalIct.Api", StringComparison.Ordinal) == true)
            .Distinct()
            .OrderBy(t => t.Name),
    ];

    [GeneratedRegex("[A-Z][a-z]*")]
    private static partial Regex Words();

    [GeneratedRegex("^([A-Z][a-z]+ed|Held|Sent|Taken|Left|Became|Set|Made|Withdrawn)$")]
    private static partial Regex PastTense();

    [Fact]
    public void infrastructure_imports_no_feature_and_no_endpoint_matches_route_text()
    {
        var src = Path.Combine(Root(), "src", "EthicalIct.Api");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(src, "Infrastructure"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.StartsWith("using EthicalIct.Api.", StringComparison.Ordinal)))
            {
                line.ShouldStartWith("using EthicalIct.Api.Infrastructure", customMessage: $"{Path.GetFileName(file)}: Infrastructure imports no feature");
            }
        }

        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text.ShouldNotContain("RawText", customMessage: $"{Path.GetFileName(file)}: no rule is attached by matching route text");
            text.ShouldNotContain("Request.Path.Value", customMessage: $"{Path.GetFileName(file)}: no rule reads the request path");
            text.ShouldNotContain("RouteValues[", customMessage: $"{Path.GetFileName(file)}: no rule reads route values by hand");
        }

        var plumbing = new[] { "Development", "Infrastructure" }.Select(d => $"{Path.DirectorySeparatorChar}{d}{Path.DirectorySeparatorChar}").ToArray();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !plumbing.Any(d => f.Contains(d, StringComparison.Ordinal))))
        {
            var text = File.ReadAllText(file);
            text.ShouldNotContain("GetUtcNow()", customMessage: $"{Path.GetFileName(file)}: time comes from the request's one now, never a clock read in a slice");
            text.ShouldNotContain("DateTimeOffset.UtcNow", customMessage: $"{Path.GetFileName(file)}: time comes from the injected clock (a TimeProvider), never the machine's");
            text.ShouldNotContain("DateTime.UtcNow", customMessage: $"{Path.GetFileName(file)}: time comes from the injected clock (a TimeProvider), never the machine's");
        }
    }

    [Fact]
    public void every_write_model_keeps_its_version_in_step_with_its_stream()
    {
        foreach (var endpoint in Endpoints())
        {
            foreach (var p in endpoint.GetParameters().Where(p => p.GetCustomAttribute<WriteAggregateAttribute>() is not null))
            {
                typeof(IWriteModel).IsAssignableFrom(p.ParameterType).ShouldBeTrue($"{p.ParameterType.Name} is an IWriteModel");
            }
        }
    }

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
