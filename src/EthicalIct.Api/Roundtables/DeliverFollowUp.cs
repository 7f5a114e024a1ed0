using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Roundtables;

/// <summary>Report an item delivered: with evidence (uploaded files) or an explicit reason why there is none.</summary>
public sealed record DeliverFollowUp(string Note, IReadOnlyList<EvidenceRef>? Evidence = null, string? NoEvidenceReason = null, long? ExpectedVersion = null);

public static class DeliverFollowUpEndpoint
{
    public static Task<UploadedFiles> LoadAsync(DeliverFollowUp command, IDocumentSession session, CancellationToken ct) =>
        RoundtableRules.UploadedAsync(session, command.Evidence, ct);

    public static ProblemDetails Validate(DeliverFollowUp command, FollowUpItem item, UploadedFiles uploaded, Caller caller)
    {
        var errors = new List<FieldError>(Rules.Text(command.Note, "note", "describe what was delivered"));
        var hasEvidence = (command.Evidence ?? []).Count > 0;
        if (!hasEvidence && string.IsNullOrWhiteSpace(command.NoEvidenceReason))
        {
            errors.Add(new("evidence", "a delivery needs evidence, or an explicit noEvidenceReason"));
        }
        else if (hasEvidence && !string.IsNullOrWhiteSpace(command.NoEvidenceReason))
        {
            errors.Add(new("noEvidenceReason", "give either evidence or a reason for having none, not both"));
        }
        else if (command.NoEvidenceReason is { Length: > Rules.MaxText })
        {
            errors.Add(new("noEvidenceReason", $"must be at most {Rules.MaxText} characters"));
        }

        if ((command.Evidence ?? []).Count > 50)
        {
            errors.Add(new("evidence", "at most 50 files"));
        }

        errors.AddRange(RoundtableRules.Evidence(command.Evidence, uploaded));
        return RoundtableAccess.Owner(item, caller)
            ?? FollowUpRules.CanReport(item)
            ?? Problems.Validation(errors)
            ?? Problems.None;
    }

    public static FollowUpDelivered Decide(DeliverFollowUp command, FollowUpItem item, Caller caller, DateTimeOffset now) =>
        new(item.Id, command.Note.Trim(), command.Evidence ?? [], string.IsNullOrWhiteSpace(command.NoEvidenceReason) ? null : command.NoEvidenceReason.Trim(), caller.Actor, now);

    /// <summary>Report delivery (the owner).</summary>
    [WolverinePost("/api/follow-up-items/{followUpItemId}/delivery"), Allow(RoleSet.Writers), Access(AccessRule.FollowUpOwner)]
    public static (Ok<FollowUpResponse>, Events) Post(DeliverFollowUp command, [WriteAggregate] FollowUpItem item, Caller caller, DateTimeOffset now) =>
        (TypedResults.Ok(new FollowUpResponse(item.Id, item.Version + 1)), [Decide(command, item, caller, now)]);
}
