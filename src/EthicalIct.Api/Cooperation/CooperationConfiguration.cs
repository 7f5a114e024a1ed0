using EthicalIct.Api.Organisations;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

[assembly: EthicalIct.Api.Infrastructure.ApiFeature("EthicalIct.Api.Cooperation", "Cooperation agreement",
    "The agreement between the parties: its versions and signatures, its sharing policy, accession of new parties and leaving. The parties of the agreement are the organisations the service admits.")]

namespace EthicalIct.Api.Cooperation;

public static class CooperationConfiguration
{
    public const string Section = "Cooperation:FoundingParties";

    /// <summary>The founding parties from configuration (<c>Cooperation:FoundingParties</c>); at least one is required.</summary>
    public static IReadOnlyList<Organisation> FoundingParties(IConfiguration configuration)
    {
        var parties = configuration.GetSection(Section).Get<List<Organisation>>() ?? [];
        if (parties.Count == 0 || parties.Any(p => string.IsNullOrWhiteSpace(p.OrgNumber) || string.IsNullOrWhiteSpace(p.Name)))
        {
            throw new InvalidOperationException($"Configure the founding parties of the cooperation under {Section} (orgNumber, name, shortName, type for each).");
        }

        return parties;
    }

    /// <summary>The founding parties, the <see cref="Parties"/> the service admits, and their loader.</summary>
    public static Parties AddCooperation(this WebApplicationBuilder builder)
    {
        var parties = new Parties(FoundingParties(builder.Configuration));
        builder.Services.AddSingleton(parties);
        builder.Services.AddHostedService<PartiesLoader>();
        return parties;
    }

    /// <summary>The agreement is shared: a global stream; write model (also what Parties reads) and details are inline global projections.</summary>
    public static StoreOptions ConfigureCooperation(this StoreOptions opts, Parties parties)
    {
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<CooperationAgreement, Guid>(), ProjectionLifecycle.Inline);
        opts.Projections.AddGlobalProjection(new SingleStreamProjection<AgreementDetails, Guid>(), ProjectionLifecycle.Inline);
        opts.Listeners.Add(new ReloadOnAgreementChange(parties));
        return opts.ConfigureObservers();
    }
}
