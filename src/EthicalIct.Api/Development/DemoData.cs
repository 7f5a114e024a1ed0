using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;

namespace EthicalIct.Api.Development;

/// <summary>
/// Fictional demo data for a first look (<c>Demo:Seed=true</c>, set by the "demo" launch profile): a few suppliers,
/// production sites, one assessment with a disclosed risk and the three parties' contracts with one supplier, recorded through
/// the same decisions as the API. Runs once, when the registry is empty.
/// </summary>
public static class DemoData
{
    public static WebApplicationBuilder AddEthicalIctDevelopment(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Demo:Seed", false))
        {
            builder.Services.AddHostedService<DemoSeeder>();
        }

        return builder.AddEthicalIctFaultInjection().AddDevelopmentSigningKey();
    }

    private sealed class DemoSeeder(IDocumentStore store, TimeProvider clock, ILogger<DemoSeeder> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var oslo = new Caller("958935420", Role.CaseOfficer, "demo-case-officer", "Demo case officer");
            await using var session = store.LightweightSession(oslo.OrgNumber);
            if (await session.Query<SupplierDetails>().AnyAsync(cancellationToken))
            {
                return;
            }

            var now = clock.GetUtcNow();
            var suppliers = new (RegisterSupplier Command, RecordProductionSite[] Sites)[]
            {
                (new RegisterSupplier("Fjordtek Distribusjon AS (demo)", [SupplierRole.Reseller], OrgNumber: "923456783"),
                    [new RecordProductionSite("Fjordtek central warehouse", "NO", Tier.T0, [ProductCategory.Laptop, ProductCategory.Monitor], "supplier", new DateOnly(2026, 3, 2))]),
                (new RegisterSupplier("Nordlys Computing Ltd (demo)", [SupplierRole.BrandOwner], ForeignIdentifier: "TW-DEMO-0001", Country: "TW"),
                    [
                        new RecordProductionSite("Demo final assembly plant, Chongqing", "CN", Tier.T2, [ProductCategory.Laptop, ProductCategory.Desktop], "supplier", new DateOnly(2026, 4, 14)),
                        new RecordProductionSite("Demo display module plant, Penang", "MY", Tier.T3, [ProductCategory.Monitor], "audit report", new DateOnly(2026, 5, 20)),
                    ]),
                (new RegisterSupplier("Kystmobil AS (demo)", [SupplierRole.Reseller, SupplierRole.BrandOwner], OrgNumber: "934567897"),
                    [new RecordProductionSite("Demo handset assembly, Bac Ninh", "VN", Tier.T2, [ProductCategory.MobilePhone, ProductCategory.Tablet], "Electronics Watch report", new DateOnly(2026, 6, 1))]),
            };

            var coordinator = oslo with { Role = Role.Coordinator, UserId = "demo-coordinator", Name = "Demo coordinator" };
            var brandOwner = Guid.Empty;
            foreach (var (command, sites) in suppliers)
            {
                var registered = RegisterSupplierEndpoint.Decide(command, Guid.CreateVersion7(now), oslo, now);
                var supplier = Supplier.Create(registered);
                supplier.Version = 1;
                var events = new List<object> { registered };
                foreach (var site in sites)
                {
                    var recorded = RecordProductionSiteEndpoint.Decide(site, supplier, oslo, now);
                    supplier.Apply(recorded);
                    supplier.Version++;
                    events.Add(recorded);
                }

                session.Events.StartStream<Supplier>(registered.SupplierId, events);
                if (supplier.Roles.Contains(SupplierRole.BrandOwner) && supplier.Sites.Count > 1)
                {
                    DemoAssessment.Add(session, supplier, oslo, coordinator, now);
                    DemoDialogue.Add(session, supplier, oslo, coordinator, now);
                    brandOwner = supplier.Id;
                }
            }

            await session.SaveChangesAsync(cancellationToken);

            // Each party's contract with the brand owner: the combined spend of the shared view.
            foreach (var (org, category, value) in new[] { ("958935420", ProductCategory.Laptop, 48_000_000m), ("986252932", ProductCategory.Laptop, 31_500_000m),
                ("916879067", ProductCategory.Monitor, 12_000_000m) })
            {
                await using var own = store.LightweightSession(org);
                var recorded = Contracts.RecordContractEndpoint.Decide(new Contracts.RecordContract(brandOwner, "PC and screens framework 2026 (demo)", category,
                    new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), value), Guid.CreateVersion7(now), oslo with { OrgNumber = org }, now);
                own.Events.StartStream<Contracts.Contract>(recorded.ContractId, recorded);
                await own.SaveChangesAsync(cancellationToken);
            }

            logger.LogInformation("Demo data: {Count} suppliers registered, one assessment opened and one risk disclosed by Oslo kommune, one dialogue with a finding disclosed, three contracts", suppliers.Length);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
