using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Register a participant: one of the buyers, a registered supplier, or another stakeholder, with a role.</summary>
public sealed record RegisterRoundtableParticipant(ParticipantKind Kind, string Name, string Role, string? OrgNumber = null, Guid? SupplierId = null, long? ExpectedVersion = null);

public static class RegisterRoundtableParticipantEndpoint
{
    /// <summary>The supplier the participant represents, when it is one.</summary>
    public static async Task<SupplierDetails?> LoadAsync(RegisterRoundtableParticipant command, IDocumentSession session, CancellationToken ct) =>
        command.SupplierId is { } id ? await session.LoadAsync<SupplierDetails>(id, ct) : null;

    public static ProblemDetails Validate(RegisterRoundtableParticipant command, Roundtable roundtable, SupplierDetails? supplier, Caller caller, PartySet parties) =>
            RoundtableAccess.Host(roundtable.HostOrgs, caller)
            ?? RoundtableRules.MustNotBeCancelled(roundtable.Status)
            ?? (Problems.Validation([
                .. Rules.Text(command.Name, "name", "name the participant", 300),
                .. Rules.Text(command.Role, "role", "give the participant's role", 200),
                .. command.Kind switch
                {
                    ParticipantKind.Organisation when !parties.IsParty(command.OrgNumber) =>
                        [new FieldError("orgNumber", "must be one of the parties")],
                    ParticipantKind.Supplier when supplier is null => [new FieldError("supplierId", "no such supplier in the registry")],
                    _ => Array.Empty<FieldError>(),
                },
            ]))
            ?? Problems.None;

    public static RoundtableParticipantRegistered Decide(RegisterRoundtableParticipant command, Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        new(roundtable.Id, Ids.For(roundtable.Id, roundtable.Version, 0, now), command.Kind, command.Kind == ParticipantKind.Organisation ? command.OrgNumber : null,
            command.Kind == ParticipantKind.Supplier ? command.SupplierId : null, command.Name.Trim(), command.Role.Trim(), caller.Actor, now);

    /// <summary>Register a participant (hosting coordinators).</summary>
    [WolverinePost("/api/roundtables/{roundtableId}/participants"), Allow(RoleSet.Coordinators), Access(AccessRule.RoundtableHost)]
    public static (Ok<RoundtableResponse>, Events) Post(RegisterRoundtableParticipant command, [WriteAggregate] Roundtable roundtable, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new RoundtableResponse(roundtable.Id, roundtable.Version + 1)), [Decide(command, roundtable, caller, now)]);
}
