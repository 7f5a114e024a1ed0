using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EthicalIct.Api.Infrastructure;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the interactive reference at <c>/scalar/v1</c>.</summary>
public static class OpenApi
{
    public static IServiceCollection AddEthicalIctOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "EthicalIct",
                Version = "v1",
                Description = "Joint human-rights due diligence for ICT hardware: Oslo kommune, DFØ / Statens innkjøpssenter and " +
                              "Sykehusinnkjøp HF. Every request carries a bearer token naming the organisation (Maskinporten-shaped " +
                              "'consumer' claim) and the role. Errors are RFC 9457 problem+json.",
            };
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
            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            // Endpoints returning IResult get an inferred 200 beside the declared 201; only the 201 is true.
            if (operation.Responses is { } responses && responses.ContainsKey("201"))
            {
                responses.Remove("200");
            }

            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RawBodyUploadAttribute>().Any())
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
}

/// <summary>Marks an endpoint that reads the raw request body (any media type) so the OpenAPI document says so.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RawBodyUploadAttribute : Attribute;
