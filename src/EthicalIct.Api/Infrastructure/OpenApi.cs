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
