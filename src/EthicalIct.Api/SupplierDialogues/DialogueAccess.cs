using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace EthicalIct.Api.SupplierDialogues;

/// <summary>
/// The one enforced path to supplier dialogues (docs/adr/0008). Dialogue streams are shared (global), so tenancy
/// cannot hide them; instead every endpoint under <see cref="RoutePrefix"/> runs <see cref="BeforeAsync"/> (attached
/// by convention in <c>WolverineSetup</c>, not by each endpoint), and every list query starts from
/// <see cref="Visible"/>. A non-participant gets 404, exactly as for a dialogue that does not exist.
/// </summary>
public static class DialogueAccess
{
    public const string RoutePrefix = "/api/supplier-dialogues/{dialogueId}";

    public static bool Applies(string? route) => route?.StartsWith(RoutePrefix, StringComparison.Ordinal) == true;

    public static async Task<ProblemDetails> BeforeAsync(HttpContext httpContext, IQuerySession session, CancellationToken ct)
    {
        var caller = Caller.From(httpContext.User);
        var raw = httpContext.Request.RouteValues["dialogueId"]?.ToString();
        if (caller is not null && Guid.TryParse(raw, out var id)
            && await session.LoadAsync<SupplierDialogue>(id, ct) is { } dialogue && dialogue.Participants.Contains(caller.OrgNumber))
        {
            return WolverineContinue.NoProblems;
        }

        return Problems.NotFound($"No supplier dialogue {raw}.");
    }

    /// <summary>The dialogues the caller's organisation takes part in.</summary>
    public static IQueryable<SupplierDialogue> Visible(IQuerySession session, Caller caller) =>
        session.Query<SupplierDialogue>().Where(d => d.Participants.Contains(caller.OrgNumber));
}
