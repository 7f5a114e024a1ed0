using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;
using EthicalIct.Api.Infrastructure.Http;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace EthicalIct.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/scalar/v1</c>. Operations are
/// tagged by feature (<see cref="ApiFeatureAttribute"/>), named after their command (<c>IdentifyRisk</c>) or what they
/// read (<c>GetSupplier</c>), summarised from the endpoint's XML documentation, and list the common headers
/// (<c>Idempotency-Key</c> on commands, <c>If-Match</c> on commands on an existing stream). Every property a response
/// always carries, and every member a command must send, is marked required.
/// </summary>
public static class OpenApi
{
    public static IServiceCollection AddEthicalIctOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => o
            .AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            })
            .AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault() is { } chain)
                {
                    Describe(operation, chain, context.Document);
                }

                return Task.CompletedTask;
            })
            .AddSchemaTransformer((schema, context, _) =>
            {
                // Enums travel as their names (ApiJson); say so, or generators make them numbers.
                if (schema.Enum is { Count: > 0 } && schema.Type is null && context.JsonTypeInfo.Type.IsEnum)
                {
                    schema.Type = JsonSchemaType.String;
                }

                MarkRequired(schema, context.JsonTypeInfo);
                return Task.CompletedTask;
            }));
        return services;
    }

    public static WebApplication MapEthicalIctOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("EthicalIct API")).AllowAnonymous();
        return app;
    }

    private static readonly IReadOnlyList<ApiFeatureAttribute> Features = typeof(OpenApi).Assembly.GetCustomAttributes<ApiFeatureAttribute>().ToList();

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Summaries = new(ReadSummaries);

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "EthicalIct",
            Version = "v1",
            Description = "Joint human-rights due diligence for ICT hardware: Oslo kommune, DFØ / Statens innkjøpssenter and " +
                          "Sykehusinnkjøp HF. Every request carries a bearer token naming the organisation (Maskinporten-shaped " +
                          "'consumer' claim) and the role. Errors are RFC 9457 problem+json. A command on an existing stream " +
                          "states the version it read (expectedVersion or If-Match); any command may carry an Idempotency-Key.",
        };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(Features.OrderBy(f => f.Tag, StringComparer.Ordinal)
            .Select(f => new OpenApiTag { Name = f.Tag, Description = f.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "In Development: `dotnet run --project src/EthicalIct.Api -- token --org 958935420 --role coordinator`.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        document.Components.Schemas?.Remove("IResult");
    }

    private static void Describe(OpenApiOperation operation, HttpChain chain, OpenApiDocument? document)
    {
        var method = chain.Method.Method;
        var handler = chain.Method.HandlerType;
        var feature = Features.FirstOrDefault(f => f.Namespace == handler.Namespace);
        operation.Tags = feature is null || document is null ? operation.Tags : new HashSet<OpenApiTagReference> { new(feature.Tag, document) };
        operation.OperationId = OperationId(chain);
        operation.Summary = Summaries.Value.TryGetValue($"{handler.FullName}.{method.Name}", out var summary) ? summary : operation.Summary;
        operation.Description = null;

        // Endpoints returning IResult get an inferred 200 beside the declared 201; only the 201 is true.
        if (operation.Responses is { } responses && responses.ContainsKey("201"))
        {
            responses.Remove("200");
        }

        if (method.IsDefined(typeof(RawBodyUploadAttribute), false))
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The file's bytes, with the file's own Content-Type.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
        }

        operation.Parameters ??= [];
        if (chain.DeduplicatedWithResponse is not null)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = RequestGuard.IdempotencyKey,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retry safe: a repeat with the same key and request replays the first answer and appends nothing; " +
                              "the same key with another request is 422. 1 to 200 printable characters, unique per organisation.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = RequestGuard.MaxKeyLength },
            });
        }

        if (CommandConventions.IsCommand(chain) && CommandConventions.StreamVariable(chain) is not null)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = ExpectedVersion.IfMatch,
                In = ParameterLocation.Header,
                Required = false,
                Description = "The stream version you read, as a strong ETag (\"3\"), instead of expectedVersion in the body. " +
                              "One of the two is required: 428 without, 409 when stale.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$" },
            });
        }
    }

    /// <summary>
    /// A command is named after its type (<c>IdentifyRisk</c>); a read after its route: <c>GET
    /// /api/suppliers/{supplierId}/commitments</c> is <c>GetSupplierCommitments</c>.
    /// </summary>
    public static string OperationId(HttpChain chain)
    {
        if (CommandConventions.IsCommand(chain))
        {
            return chain.RequestType is { } type && type != typeof(void)
                ? type.Name
                : chain.Method.HandlerType.Name.Replace("Endpoint", "", StringComparison.Ordinal);
        }

        var segments = chain.RoutePattern!.PathSegments.Select(s => s.Parts.Single()).ToList();
        var words = new List<string>();
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i] is not Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal || literal.Content == "api")
            {
                continue;
            }

            var followedById = i + 1 < segments.Count && segments[i + 1] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart;
            var word = followedById && literal.Content.EndsWith('s') ? literal.Content[..^1] : literal.Content;
            words.Add(string.Concat(word.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
        }

        return "Get" + string.Concat(words);
    }

    /// <summary>
    /// Every property a response always carries (all of them: nothing is omitted when null) is required; of a command,
    /// the members without a default.
    /// </summary>
    private static void MarkRequired(OpenApiSchema schema, JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 })
        {
            return;
        }

        var required = info.Properties
            .Where(p => p.AssociatedParameter is not { HasDefaultValue: true } && !p.IsExtensionData && schema.Properties.ContainsKey(p.Name))
            .Select(p => p.Name);
        schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
    }

    private static string Text(XElement element) => string.Concat(element.Nodes().Select(n => n switch
    {
        XText t => t.Value,
        XElement { Name.LocalName: "see" or "seealso" } see => see.Value.Length > 0 ? see.Value : ((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "").Split(':', '.')[^1],
        XElement e => Text(e),
        _ => "",
    }));

    /// <summary>The <c>&lt;summary&gt;</c> of each method, by <c>Type.Method</c>, from the XML documentation file.</summary>
    private static IReadOnlyDictionary<string, string> ReadSummaries()
    {
        var file = Path.ChangeExtension(typeof(OpenApi).Assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            return new Dictionary<string, string>();
        }

        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in XDocument.Load(file).Descendants("member"))
        {
            var name = (string?)member.Attribute("name");
            if (name is null || !name.StartsWith("M:", StringComparison.Ordinal) || member.Element("summary") is not { } summary)
            {
                continue;
            }

            var key = name[2..].Split('(')[0];
            summaries.TryAdd(key, string.Join(" ", Text(summary).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
        }

        return summaries;
    }
}

/// <summary>Marks an endpoint that reads the raw request body (any media type) so the OpenAPI document says so.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RawBodyUploadAttribute : Attribute;

/// <summary>A feature's tag in the OpenAPI document: its endpoints' namespace, a name and a description.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ApiFeatureAttribute(string @namespace, string tag, string description) : Attribute
{
    public string Namespace { get; } = @namespace;

    public string Tag { get; } = tag;

    public string Description { get; } = description;
}
