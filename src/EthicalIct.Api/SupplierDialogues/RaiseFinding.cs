using System.Security.Claims;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Suppliers;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>Raise a finding: grade, taxonomy code, description, optionally the site, and the evidence.</summary>
public sealed record RaiseFinding(FindingGrade Grade, RiskCode Code, string Description, Guid? SiteId = null, IReadOnlyList<Guid>? EvidenceIds = null, long? ExpectedVersion = null);

public static class RaiseFindingDecision
{
    public static IReadOnlyList<FieldError> Validate(RaiseFinding cmd, SupplierDialogue dialogue, Supplier? supplier) =>
    [
        .. Rules.Text(cmd.Description, "description", "describe the finding"),
        .. cmd.SiteId is { } site && supplier?.Sites.Any(s => s.SiteId == site) != true ? [new FieldError("siteId", "no such production site registered for this supplier")] : Array.Empty<FieldError>(),
        .. DialogueRules.EvidenceRefs(dialogue, cmd.EvidenceIds),
    ];

    public static FindingRaised Decide(RaiseFinding cmd, SupplierDialogue dialogue, Guid findingId, Caller caller, DateTimeOffset now) =>
        new(dialogue.Id, findingId, dialogue.SupplierId, cmd.Grade, cmd.Code, cmd.Description.Trim(), cmd.SiteId, cmd.EvidenceIds ?? [], "raised by a buyer", false,
            caller.OrgNumber, caller.UserId, now);
}

public static class RaiseFindingEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(RaiseFinding cmd, [FromHeader(Name = "If-Match")] string? ifMatch, SupplierDialogue dialogue,
        IDocumentSession session, CancellationToken ct) =>
        ExpectedVersion.Check(cmd.ExpectedVersion, ifMatch, dialogue.Version)
        ?? DialogueRules.MustBeOpen(dialogue)
        ?? Problems.Validation(RaiseFindingDecision.Validate(cmd, dialogue, cmd.SiteId is null ? null : await session.LoadAsync<Supplier>(dialogue.SupplierId, ct)))
        ?? WolverineContinue.NoProblems;

    /// <summary>Raise a finding in a dialogue.</summary>
    [WolverinePost("/api/supplier-dialogues/{dialogueId}/findings")]
    [ProducesResponseType<DialogueItemResponse>(StatusCodes.Status201Created)]
    public static (IResult, Events) Post(RaiseFinding cmd, [WriteAggregate("dialogueId")] SupplierDialogue dialogue, ClaimsPrincipal user, TimeProvider clock)
    {
        var e = RaiseFindingDecision.Decide(cmd, dialogue, Guid.CreateVersion7(), user.Caller(), clock.GetUtcNow());
        return (Results.Created($"/api/supplier-dialogues/{dialogue.Id}", new DialogueItemResponse(dialogue.Id, e.FindingId, dialogue.Version + 1)), [e]);
    }
}
