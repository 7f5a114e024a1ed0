using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Microsoft.AspNetCore.Mvc;
using Shouldly;
using Wolverine.Http;

namespace EthicalIct.Tests;

/// <summary>Folds events into write models the way the projections do: the "Given" of each scenario.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public static readonly Caller OsloCaseOfficer = new("958935420", Role.CaseOfficer, "kari@oslo", "Kari");
    public static readonly Caller DfoCoordinator = new("986252932", Role.Coordinator, "ola@dfo", "Ola");
    /// <summary>The founding parties, as the service admits them before any agreement is recorded.</summary>
    public static readonly Api.Cooperation.PartySet Parties = new(
    [
        new("958935420", "Oslo kommune", "Oslo kommune", Api.Organisations.OrganisationType.Municipality),
        new("986252932", "DFØ / Statens innkjøpssenter", "DFØ", Api.Organisations.OrganisationType.StateAgency),
        new("916879067", "Sykehusinnkjøp HF", "Sykehusinnkjøp", Api.Organisations.OrganisationType.HealthTrust),
    ], []);

    public static readonly Guid SupplierId = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly Guid SiteId = Guid.Parse("0197a000-0000-7000-8000-0000000000aa");

    public static SupplierRegistered Registered(string orgNumber = "923456783", string name = "Fjordtek AS") =>
        new(SupplierId, name, orgNumber, null, "NO", [SupplierRole.Reseller], $"NO:{orgNumber}", OsloCaseOfficer.Actor, Now.AddDays(-10));

    public static ProductionSiteRecorded SiteRecorded(string name = "Assembly plant 1", string country = "CN") =>
        new(SupplierId, SiteId, name, country, Tier.T2, [ProductCategory.Laptop], "supplier", new DateOnly(2026, 5, 1), DfoCoordinator.Actor, Now.AddDays(-5));

    /// <summary>The supplier's write model after the given events, with its stream version.</summary>
    public static Supplier Supplier(SupplierRegistered registered, params object[] then)
    {
        var supplier = Api.Suppliers.Supplier.Create(registered);
        supplier.Version = 1;
        foreach (var e in then)
        {
            switch (e)
            {
                case ProductionSiteRecorded site:
                    supplier.Apply(site);
                    break;
                case SupplierDetailsCorrected corrected:
                    supplier.Apply(corrected);
                    break;
                default:
                    throw new ArgumentException($"unknown event {e.GetType().Name}");
            }

            supplier.Version++;
        }

        return supplier;
    }

    /// <summary>The supplier's registry view (what other streams' decisions read) after the given events.</summary>
    public static SupplierDetails SupplierView(SupplierRegistered registered, params object[] then)
    {
        var view = SupplierDetails.Create(registered);
        foreach (var e in then)
        {
            switch (e)
            {
                case ProductionSiteRecorded site:
                    view.Apply(site);
                    break;
                case SupplierDetailsCorrected corrected:
                    view.Apply(corrected);
                    break;
                default:
                    throw new ArgumentException($"unknown event {e.GetType().Name}");
            }
        }

        return view;
    }
}

/// <summary>Reading the answer of a slice's <c>Validate</c>.</summary>
public static class Check
{
    /// <summary>The fields a validation problem names, in order (or the one field of another problem).</summary>
    public static string[] Fields(this ProblemDetails problem) =>
        problem.Extensions.TryGetValue("errors", out var errors) && errors is IDictionary<string, string[]> byField
            ? [.. byField.Keys]
            : problem.Extensions.TryGetValue("field", out var field) && field is string f ? [f] : [];

    public static void ShouldPass(this ProblemDetails problem) =>
        ReferenceEquals(problem, WolverineContinue.NoProblems).ShouldBeTrue($"expected no problem, got {problem.Status} {problem.Detail}");

    public static ProblemDetails ShouldFail(this ProblemDetails problem, int status)
    {
        ReferenceEquals(problem, WolverineContinue.NoProblems).ShouldBeFalse($"expected {status}");
        problem.Status.ShouldBe(status, problem.Detail);
        return problem;
    }
}
