using EthicalIct.Api.Disclosures;
using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Api.Suppliers;
using Marten;

namespace EthicalIct.Api.Development;

/// <summary>
/// A demo supplier dialogue by Oslo kommune with the brand owner: a priority forced-labour finding, disclosed with its
/// description to the parties (fictional), decided by the same functions as the API. Nothing in it schedules a check,
/// so writing its events directly leaves nothing half-done.
/// </summary>
internal static class DemoDialogue
{
    public static void Add(IDocumentSession session, Supplier supplier, Caller officer, Caller coordinator, DateTimeOffset now)
    {
        var opened = OpenSupplierDialogueEndpoint.Decide(new OpenSupplierDialogue(supplier.Id, "Forced-labour indicators at final assembly (demo)"),
            Guid.CreateVersion7(now), officer, now);
        var dialogue = SupplierDialogue.Create(opened);
        dialogue.Version = 1;
        var raised = RaiseFindingEndpoint.Decide(new RaiseFinding(FindingGrade.Priority, RiskCode.FL,
            "Workers' identity documents held by a labour agency (demo)", supplier.Sites.FirstOrDefault()?.SiteId), dialogue, officer, now);
        session.Events.StartStream<SupplierDialogue>(opened.DialogueId, opened, raised);

        var details = SupplierDialogueDetails.Create(opened);
        details.Apply(raised);
        var disclosed = DiscloseFindingEndpoint.Decide(new DiscloseFinding(ShowDescription: true), details, raised.FindingId, coordinator, now);
        session.Events.StartStream<Disclosure>(disclosed.DisclosureId, disclosed);
    }
}
