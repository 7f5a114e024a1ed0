using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

// The commands that manage a scheduled roundtable. Each is small; the host guard (RoundtableAccess) runs first.

/// <summary>Register a participant: one of the buyers, a registered supplier, or another stakeholder, with a role.</summary>
public sealed record RegisterRoundtableParticipant(ParticipantKind Kind, string Name, string Role, string? OrgNumber = null, Guid? SupplierId = null, long? ExpectedVersion = null);

public static class RegisterRoundtableParticipantDecision
{
    public static IReadOnlyList<FieldError> Validate(RegisterRoundtableParticipant cmd, bool supplierExists) =>
    [
        .. Rules.Text(cmd.Name, "name", "name the participant", 300),
        .. Rules.Text(cmd.Role, "role", "give the participant's role", 200),
        .. cmd.Kind switch
        {
            ParticipantKind.Organisation when !Organisations.Organisations.IsParticipant(cmd.OrgNumber) => [new FieldError("orgNumber", "must be one of the three organisations")],
            ParticipantKind.Supplier when !supplierExists => [new FieldError("supplierId", "no such supplier in the registry")],
            _ => Array.Empty<FieldError>(),
        },
    ];

    public static RoundtableParticipantRegistered Decide(RegisterRoundtableParticipant cmd, Roundtable rt, Guid id, Caller caller, DateTimeOffset now) =>
        new(rt.Id, id, cmd.Kind, cmd.Kind == ParticipantKind.Organisation ? cmd.OrgNumber : null, cmd.Kind == ParticipantKind.Supplier ? cmd.SupplierId : null,
            cmd.Name.Trim(), cmd.Role.Trim(), caller.OrgNumber, caller.UserId, now);
}

public static class RegisterRoundtableParticipantEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RegisterRoundtableParticipant cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Roundtable roundtable,
        IDocumentSession session, CancellationToken ct) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, roundtable.Version)
        ?? (roundtable.Status == RoundtableStatus.Cancelled ? RoundtableRules.MustBeScheduled(roundtable) : null)
        ?? Problems.Validation(RegisterRoundtableParticipantDecision.Validate(cmd,
            cmd.SupplierId is { } s && await session.Query<Supplier>().AnyAsync(x => x.Id == s, ct)))
        ?? WolverineContinue.NoProblems;

    /// <summary>Register a participant.</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/participants")]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status200OK)]
    public static (RoundtableResponse, Events) Post(RegisterRoundtableParticipant cmd, [WriteAggregate] Roundtable roundtable, ClaimsPrincipal user, TimeProvider clock) =>
        (new RoundtableResponse(roundtable.Id, roundtable.Version + 1),
            [RegisterRoundtableParticipantDecision.Decide(cmd, roundtable, Guid.CreateVersion7(), user.Caller(), clock.GetUtcNow())]);
}

/// <summary>Set (replace) the agenda.</summary>
public sealed record SetRoundtableAgenda(IReadOnlyList<string> Agenda, long? ExpectedVersion = null);

public static class SetRoundtableAgendaEndpoint
{
    public static ProblemDetails Validate(SetRoundtableAgenda cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Roundtable roundtable) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, roundtable.Version)
        ?? RoundtableRules.MustBeScheduled(roundtable)
        ?? (cmd.Agenda.Count == 0 || cmd.Agenda.Any(string.IsNullOrWhiteSpace) ? Problems.Invalid("agenda", "list the agenda items, none empty") : null)
        ?? WolverineContinue.NoProblems;

    /// <summary>Set the agenda of a scheduled roundtable.</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/agenda")]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status200OK)]
    public static (RoundtableResponse, Events) Post(SetRoundtableAgenda cmd, [WriteAggregate] Roundtable roundtable, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new RoundtableResponse(roundtable.Id, roundtable.Version + 1),
            [new RoundtableAgendaSet(roundtable.Id, [.. cmd.Agenda.Select(a => a.Trim())], caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}

/// <summary>Record that the roundtable was held: the date, the minutes, and evidence (uploaded files).</summary>
public sealed record RecordRoundtableHeld(DateOnly HeldOn, string Minutes, IReadOnlyList<EvidenceRef>? Evidence = null, long? ExpectedVersion = null);

public static class RecordRoundtableHeldDecision
{
    public static IReadOnlyList<FieldError> Validate(RecordRoundtableHeld cmd, IReadOnlySet<string> uploaded, DateTimeOffset now) =>
    [
        .. cmd.HeldOn > Rules.Today(now) ? [new FieldError("heldOn", "a roundtable is recorded as held after it took place")] : Array.Empty<FieldError>(),
        .. Rules.Text(cmd.Minutes, "minutes", "record the minutes", 50000),
        .. RoundtableRules.Evidence(cmd.Evidence, uploaded),
    ];

    public static RoundtableHeld Decide(RecordRoundtableHeld cmd, Roundtable rt, Caller caller, DateTimeOffset now) =>
        new(rt.Id, cmd.HeldOn, cmd.Minutes.Trim(), cmd.Evidence ?? [], caller.OrgNumber, caller.UserId, now);
}

public static class RecordRoundtableHeldEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RecordRoundtableHeld cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Roundtable roundtable,
        IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, roundtable.Version)
        ?? RoundtableRules.MustBeScheduled(roundtable)
        ?? Problems.Validation(RecordRoundtableHeldDecision.Validate(cmd, await RoundtableRules.UploadedAsync(session, cmd.Evidence, ct), clock.GetUtcNow()))
        ?? WolverineContinue.NoProblems;

    /// <summary>Record the roundtable as held, with minutes and evidence.</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/held")]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status200OK)]
    public static (RoundtableResponse, Events) Post(RecordRoundtableHeld cmd, [WriteAggregate] Roundtable roundtable, ClaimsPrincipal user, TimeProvider clock) =>
        (new RoundtableResponse(roundtable.Id, roundtable.Version + 1), [RecordRoundtableHeldDecision.Decide(cmd, roundtable, user.Caller(), clock.GetUtcNow())]);
}

/// <summary>Record take-aways of a held roundtable.</summary>
public sealed record RecordRoundtableTakeaways(IReadOnlyList<string> Takeaways, long? ExpectedVersion = null);

public static class RecordRoundtableTakeawaysEndpoint
{
    public static ProblemDetails Validate(RecordRoundtableTakeaways cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Roundtable roundtable) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, roundtable.Version)
        ?? (roundtable.Status != RoundtableStatus.Held ? Problems.Conflict("Take-aways are recorded after the roundtable is held.", new Dictionary<string, object?> { ["field"] = "roundtableId" }) : null)
        ?? (cmd.Takeaways.Count == 0 || cmd.Takeaways.Any(string.IsNullOrWhiteSpace) ? Problems.Invalid("takeaways", "list the take-aways, none empty") : null)
        ?? WolverineContinue.NoProblems;

    /// <summary>Record take-aways.</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/takeaways")]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status200OK)]
    public static (RoundtableResponse, Events) Post(RecordRoundtableTakeaways cmd, [WriteAggregate] Roundtable roundtable, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new RoundtableResponse(roundtable.Id, roundtable.Version + 1),
            [new RoundtableTakeawaysRecorded(roundtable.Id, [.. cmd.Takeaways.Select(t => t.Trim())], caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}

/// <summary>Move a scheduled roundtable to another date, with the reason.</summary>
public sealed record RescheduleRoundtable(DateOnly NewDate, string Reason, long? ExpectedVersion = null);

public static class RescheduleRoundtableEndpoint
{
    public static ProblemDetails Validate(RescheduleRoundtable cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Roundtable roundtable, TimeProvider clock) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, roundtable.Version)
        ?? RoundtableRules.MustBeScheduled(roundtable)
        ?? Problems.Validation(
        [
            .. cmd.NewDate < Rules.Today(clock.GetUtcNow()) || cmd.NewDate == roundtable.Date
                ? [new FieldError("newDate", "must be a different date, not in the past")] : Array.Empty<FieldError>(),
            .. Rules.Text(cmd.Reason, "reason", "say why the roundtable moves"),
        ])
        ?? WolverineContinue.NoProblems;

    /// <summary>Reschedule a roundtable.</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/reschedule")]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status200OK)]
    public static (RoundtableResponse, Events) Post(RescheduleRoundtable cmd, [WriteAggregate] Roundtable roundtable, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new RoundtableResponse(roundtable.Id, roundtable.Version + 1),
            [new RoundtableRescheduled(roundtable.Id, roundtable.Date, cmd.NewDate, cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}

/// <summary>Cancel a scheduled roundtable, with the reason.</summary>
public sealed record CancelRoundtable(string Reason, long? ExpectedVersion = null);

public static class CancelRoundtableEndpoint
{
    public static ProblemDetails Validate(CancelRoundtable cmd, [FromHeader(Name = "If-Match")] string? ifMatch, Roundtable roundtable) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, roundtable.Version)
        ?? RoundtableRules.MustBeScheduled(roundtable)
        ?? Problems.Validation([.. Rules.Text(cmd.Reason, "reason", "say why the roundtable is cancelled")])
        ?? WolverineContinue.NoProblems;

    /// <summary>Cancel a roundtable.</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/cancel")]
    [ProducesResponseType<RoundtableResponse>(StatusCodes.Status200OK)]
    public static (RoundtableResponse, Events) Post(CancelRoundtable cmd, [WriteAggregate] Roundtable roundtable, ClaimsPrincipal user, TimeProvider clock)
    {
        var caller = user.Caller();
        return (new RoundtableResponse(roundtable.Id, roundtable.Version + 1), [new RoundtableCancelled(roundtable.Id, cmd.Reason.Trim(), caller.OrgNumber, caller.UserId, clock.GetUtcNow())]);
    }
}
