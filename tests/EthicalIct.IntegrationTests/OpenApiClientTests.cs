using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using Shouldly;
using Xunit.Abstractions;

namespace EthicalIct.IntegrationTests;

/// <summary>
/// The OpenAPI document is one a client generator is happy with: Redocly's recommended rules report no error, and a
/// C# client generated from it by NSwag compiles and talks to the service (a read and a command).
/// </summary>
public class OpenApiClientTests(AppFixture fixture, ITestOutputHelper output) : IntegrationContext(fixture)
{
    private async Task<string> DocumentAsync() => (await Fixture.SendAsync("GET", "/openapi/v1.json", null)).Body!.ToJsonString();

    [Fact]
    public async Task the_document_has_feature_tags_unique_operation_ids_real_summaries_and_the_common_headers()
    {
        var doc = JsonNode.Parse(await DocumentAsync())!;
        doc["servers"]!.AsArray().ShouldAllBe(s => !((string)s!["url"]!).EndsWith('/'));
        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Op: o.Value!))).ToList();
        var tags = doc["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        var features = typeof(Program).Assembly.GetCustomAttributes(typeof(EthicalIct.Api.Infrastructure.ApiFeatureAttribute), false).Length;
        tags.Count.ShouldBeLessThanOrEqualTo(features, "one tag per feature, not per class");
        doc["tags"]!.AsArray().ShouldAllBe(t => t!["description"] != null);
        operations.Select(o => (string)o.Op["operationId"]!).ShouldBeUnique();
        foreach (var (path, method, op) in operations)
        {
            var what = $"{method.ToUpperInvariant()} {path}";
            op["tags"]!.AsArray().Select(t => (string)t!).ShouldHaveSingleItem(what).ShouldBeOneOf([.. tags], what);
            var summary = (string?)op["summary"];
            summary.ShouldNotBeNullOrWhiteSpace(what);
            summary.ShouldNotBe((string)op["operationId"]!, what);
            summary.ShouldNotContain("_api_", Case.Sensitive, what);
            var headers = op["parameters"]?.AsArray().Where(p => (string)p!["in"]! == "header").Select(p => (string)p!["name"]!).ToList() ?? [];
            if (method == "post" && path != "/api/evidence-files")
            {
                headers.ShouldContain("Idempotency-Key", what);
            }

            if (method == "post" && op["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"] is { } body
                && doc["components"]!["schemas"]![((string)body!).Split('/')[^1]]!["properties"]?["expectedVersion"] is not null)
            {
                headers.ShouldContain("If-Match", what);
            }
        }

        var schemas = doc["components"]!["schemas"]!.AsObject();
        schemas["SupplierResponse"]!["required"]!.AsArray().Select(r => (string)r!).ShouldBe(["id", "version"], ignoreOrder: true);
        schemas["IdentifyRisk"]!["required"]!.AsArray().Select(r => (string)r!).ShouldNotContain("expectedVersion");
    }

    [Fact]
    public async Task redocly_lint_reports_no_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ethicalict-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentAsync());
        try
        {
            var info = new ProcessStartInfo("npx", ["--yes", "@redocly/cli@2.77.0", "lint", file, "--format=summary"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["REDOCLY_TELEMETRY"] = "off";
            info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(info)!;
            var stdout = lint.StandardOutput.ReadToEndAsync();
            var stderr = lint.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await lint.WaitForExitAsync(timeout.Token);
            var text = await stdout + await stderr;
            output.WriteLine(text);
            lint.ExitCode.ShouldBe(0, text);
            text.ShouldNotContain("error ", Case.Sensitive);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task a_client_generated_by_nswag_compiles_and_calls_the_service()
    {
        var document = await OpenApiDocument.FromJsonAsync(await DocumentAsync());
        var code = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = "EthicalIctClient",
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.NewtonsoftJson },
            OperationNameGenerator = new NSwag.CodeGeneration.OperationNameGenerators.SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
        }).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("GeneratedClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        assembly.Position = 0;
        var generated = new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(assembly);

        var http = Host.Server.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", Fixture.Token(Oslo));
        var clientType = generated.GetType("Generated.EthicalIctClient")!;
        var client = Activator.CreateInstance(clientType, http)!;

        // a read: the organisations
        var organisations = await InvokeAsync(client, "GetOrganisationsAsync");
        ((System.Collections.IEnumerable)organisations!).Cast<object>().Count().ShouldBe(3);

        // a command: register a supplier, through the generated request type
        var command = Activator.CreateInstance(generated.GetType("Generated.RegisterSupplier")!)!;
        Set(command, "LegalName", "Generated Client AS");
        Set(command, "OrgNumber", "923456783");
        var role = generated.GetType("Generated.SupplierRole")!;
        var roles = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(role))!;
        roles.Add(Enum.Parse(role, "Reseller"));
        Set(command, "Roles", roles);
        var registered = await InvokeAsync(client, "RegisterSupplierAsync", null, command);
        registered!.GetType().GetProperty("Version")!.GetValue(registered).ShouldBe(1L);
        (await EventCountAsync()).ShouldBe(1);
    }

    private static void Set(object target, string property, object? value) => target.GetType().GetProperty(property)!.SetValue(target, value);

    private static async Task<object?> InvokeAsync(object client, string method, params object?[] args)
    {
        var candidates = client.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == method).ToList();
        var target = candidates.Single(m => m.GetParameters().Length == args.Length);
        var task = (Task)target.Invoke(client, args)!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }
}
