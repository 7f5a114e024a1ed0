using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Signals;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Disclosures;

/// <summary>
/// Disclose a signal to the parties for one supplier it matched (confirmed): always its source, reliability, date,
/// title, risk type and triage status; the summary only when chosen. It then stands on the supplier in the shared view.
/// </summary>
public sealed record DiscloseSignal(Guid SupplierId, bool ShowSummary = false);

public static class DiscloseSignalEndpoint
{
    public static Task<SignalDetails?> LoadAsync(Guid signalId, IQuerySession session, CancellationToken ct) => session.LoadAsync<SignalDetails>(signalId, ct);

    public static ProblemDetails Validate(DiscloseSignal command, SignalDetails? signal, Guid signalId) =>
        (signal is null ? Problems.NotFound($"No signal {signalId}.") : null)
        ?? (signal!.SupplierIds.Contains(command.SupplierId) ? null : Problems.Invalid("supplierId", "not a supplier the signal matched (confirmed)"))
        ?? Problems.None;

    public static SignalDisclosed Decide(DiscloseSignal command, SignalDetails signal, Caller caller, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), signal.Id, command.SupplierId, signal.Source, signal.SourceName, signal.Reliability, signal.PublishedOn, signal.Title, signal.Code,
            signal.Status, command.ShowSummary ? signal.Summary : null, caller.Actor, now);

    /// <summary>Disclose a signal to the parties (coordinators of the organisation that recorded it).</summary>
    [WolverinePost("/api/signals/{signalId}/disclosures"), Allow(RoleSet.Coordinators), Access(AccessRule.OwnOrganisation)]
    public static (Created<DisclosureResponse>, IStartStream) Post(DiscloseSignal command, SignalDetails signal, Caller caller, DateTimeOffset now)
    {
        var disclosed = Decide(command, signal, caller, now);
        return (TypedResults.Created($"/api/disclosures/{disclosed.DisclosureId}", new DisclosureResponse(disclosed.DisclosureId, 1)),
            MartenOps.StartStream<Disclosure>(disclosed.DisclosureId, disclosed));
    }
}
