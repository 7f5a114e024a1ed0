using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Record that the roundtable was held: the date, the minutes, and evidence (uploaded files).</summary>
public sealed record RecordRoundtableHeld(DateOnly HeldOn, string Minutes, IReadOnlyList<EvidenceRef>? Evidence = null, long? ExpectedVersion = null);

public static class RecordRoundtableHeldEndpoint
{
    public static Task<UploadedFiles> LoadAsync(RecordRoundtableHeld command, IDocumentSession session, CancellationToken ct) =>
        RoundtableRules.UploadedAsync(session, command.Evidence, ct);

    public static ProblemDetails Validate(RecordRoundtableHeld command, Roundtable roundtable, UploadedFiles uploaded, Caller caller, DateTimeOffset now) =>
            RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? RoundtableRules.MustBeScheduled(roundtable)
            ?? (Problems.Validation([
                .. command.HeldOn > Rules.Today(now) ? [new FieldError("heldOn", "a roundtable is recorded as held after it took place")] : Array.Empty<FieldError>(),
                .. Rules.Text(command.Minutes, "minutes", "record the minutes", 50000),
                .. RoundtableRules.Evidence(command.Evidence, uploaded),
            ]))
            ?? Problems.None;

    public static RoundtableHeld Decide(RecordRoundtableHeld command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, command.HeldOn, command.Minutes.Trim(), command.Evidence ?? [], caller.Actor, now);

    /// <summary>Record the roundtable as held, with minutes and evidence (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/held"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<RoundtableResponse>, Events) Post(RecordRoundtableHeld command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
