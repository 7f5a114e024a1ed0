using Marten;
using Microsoft.AspNetCore.Server.Kestrel.Core;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Evidence", "Evidence files", "Files uploaded once (content-addressed by SHA-256) and cited as evidence by assessments, dialogues and follow-up deliveries.")]

namespace EthicalIct.Api.Evidence;

public static class EvidenceConfiguration
{
    public static WebApplicationBuilder AddEthicalIctEvidence(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Evidence");
        builder.Services.Configure<EvidenceOptions>(section);
        var max = section.GetValue("MaxFileBytes", new EvidenceOptions().MaxFileBytes);
        // Let the endpoint, not Kestrel, refuse oversized files, so the answer is a problem document.
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = Math.Max(max + (1024 * 1024), 30L * 1024 * 1024));
        return builder;
    }

    public static StoreOptions ConfigureEvidence(this StoreOptions opts)
    {
        opts.Storage.ExtendedSchemaObjects.Add(EvidenceFiles.Definition(opts.DatabaseSchemaName));
        return opts;
    }
}
