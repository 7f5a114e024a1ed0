using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.SupplierDialogues", "Supplier dialogues", "Dialogues with a supplier shared by the participating organisations: questionnaires, meetings, findings, corrective action plans, verification and escalation.")]

namespace EthicalIct.Api.SupplierDialogues;

public static class SupplierDialoguesConfiguration
{
    /// <summary>
    /// Dialogues are shared among their participants: global streams; the write model, the details view and the
    /// overview are single-tenanted inline projections, all reached only through <see cref="DialogueAccess"/>.
    /// </summary>
    public static StoreOptions ConfigureSupplierDialogues(this StoreOptions opts)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<SupplierDialogue, Guid>(), ProjectionLifecycle.Live);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<SupplierDialogueDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<DialogueOverview, Guid>(), ProjectionLifecycle.Inline);
        return opts;
    }

    public static WebApplicationBuilder AddEthicalIctDialogues(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Dialogues").Get<DialogueOptions>() ?? new DialogueOptions());
        return builder;
    }
}
