using EthicalIct.Api.Assessments;
using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace EthicalIct.Api.Signals;

/// <summary>
/// Triage a signal by linking it to a risk of one of the organisation's assessments of a supplier the signal matched
/// (confirmed): an existing risk (<c>riskId</c>) is raised again — opened if it was closed —, or a new risk is
/// identified from the signal (its type, tier and country default to the signal's and the matched site's). A concluded
/// assessment is reopened.
/// </summary>
public sealed record LinkSignalToRisk(Guid AssessmentId, Guid? RiskId = null, RiskCode? Code = null, Tier? Tier = null, string? Country = null, string? Description = null,
    long? ExpectedVersion = null);

/// <summary>What the assessment's stream records for a linked signal (decided by <see cref="RaiseRiskFromSignalHandler"/> on the assessment).</summary>
public sealed record RaiseRiskFromSignal(Guid AssessmentId, Guid RiskId, bool NewRisk, Guid SignalId, string SignalTitle, RiskCode Code, Tier Tier, string Country, Guid? SiteId,
    string Description, string Source, Actor By, DateTimeOffset At);

public sealed record LinkContext(Assessment? Assessment, SignalDetails? Details);

public static class LinkSignalToRiskEndpoint
{
    public static async Task<LinkContext> LoadAsync(LinkSignalToRisk command, Guid signalId, IQuerySession session, CancellationToken ct) =>
        new(await session.LoadAsync<Assessment>(command.AssessmentId, ct), await session.LoadAsync<SignalDetails>(signalId, ct));

    public static ProblemDetails Validate(LinkSignalToRisk command, Signal signal, LinkContext context)
    {
        if (SignalRules.MustBeUntriaged(signal) is { } triaged)
        {
            return triaged;
        }

        if (context.Assessment is not { } assessment)
        {
            return Problems.Invalid("assessmentId", "no assessment of your organisation has this id");
        }

        var errors = new List<FieldError>();
        var match = Target(context, assessment);
        if (match is null)
        {
            errors.Add(new("assessmentId", "the assessment's supplier is not among the signal's confirmed matches: confirm a match first"));
        }

        if (command.RiskId is { } riskId)
        {
            if (!assessment.HasRisk(riskId))
            {
                errors.Add(new("riskId", "no such risk in the assessment"));
            }
        }
        else
        {
            if ((command.Code ?? signal.Code) is null)
            {
                errors.Add(new("code", "the signal names no risk type: give one for the new risk"));
            }

            if ((command.Country ?? match?.Country) is not { } country || !Countries.IsValid(country))
            {
                errors.Add(new("country", "an upper-case ISO 3166-1 alpha-2 code"));
            }

            if ((command.Tier ?? match?.Tier) is null)
            {
                errors.Add(new("tier", "the match is a supplier, not a site: give the tier of the new risk"));
            }

            errors.AddRange(Rules.OptionalText(command.Description, "description"));
        }

        return Problems.Validation(errors) ?? Problems.None;
    }

    private static SignalMatch? Target(LinkContext context, Assessment assessment) => context.Details?.ConfirmedMatch(assessment.SupplierId);

    public static (SignalLinkedToRisk Linked, RaiseRiskFromSignal Raise) Decide(LinkSignalToRisk command, Signal signal, LinkContext context, Caller caller, DateTimeOffset now)
    {
        var match = Target(context, context.Assessment!)!;
        var newRisk = command.RiskId is null;
        var riskId = command.RiskId ?? Ids.For(signal.Id, signal.Version, 0, now);
        var description = string.IsNullOrWhiteSpace(command.Description) ? signal.Title : command.Description.Trim();
        return (new SignalLinkedToRisk(signal.Id, command.AssessmentId, riskId, newRisk, caller.Actor, now),
            new RaiseRiskFromSignal(command.AssessmentId, riskId, newRisk, signal.Id, signal.Title, command.Code ?? signal.Code ?? RiskCode.FL, command.Tier ?? match.Tier ?? Tier.T1,
                command.Country ?? match.Country, match.SiteId, description, $"signal: {signal.Title}", caller.Actor, now));
    }

    /// <summary>Link a signal to a risk; the assessment records it (reopened if concluded) in the same outbox transaction.</summary>
    [WolverinePost("/api/signals/{signalId}/risk-link"), Allow(RoleSet.Writers), Access(AccessRule.OwnOrganisation)]
    public static (Ok<SignalResponse>, Events, OutgoingMessages) Post(LinkSignalToRisk command, [WriteAggregate("signalId")] Signal signal, LinkContext context, Caller caller,
        DateTimeOffset now)
    {
        var (linked, raise) = Decide(command, signal, context, caller, now);
        return (TypedResults.Ok(new SignalResponse(signal.Id, signal.Version + 1)), [linked], [raise]);
    }
}

public static class RaiseRiskFromSignalHandler
{
    /// <summary>
    /// On the assessment: reopened if concluded; the new risk identified; the risk raised (opened again if closed).
    /// Delivered twice, it does nothing the second time (the assessment remembers the signals it took).
    /// </summary>
    public static IReadOnlyList<object> Decide(RaiseRiskFromSignal m, Assessment assessment)
    {
        if (assessment.Signals.Contains(m.SignalId) || (!m.NewRisk && !assessment.HasRisk(m.RiskId)))
        {
            return [];
        }

        var events = new List<object>();
        if (assessment.Status == AssessmentStatus.Concluded)
        {
            events.Add(new AssessmentReopened(assessment.Id, assessment.SupplierId, $"signal: {m.SignalTitle}", m.By, m.At));
        }

        if (m.NewRisk)
        {
            events.Add(new RiskIdentified(assessment.Id, m.RiskId, assessment.SupplierId, m.Code, m.Tier, m.Country, m.SiteId, m.Description, m.Source, m.By, m.At));
        }

        events.Add(new SignalRaisedRisk(assessment.Id, m.RiskId, m.SignalId, m.SignalTitle, !m.NewRisk && !assessment.RiskIsOpen(m.RiskId), m.By, m.At));
        return events;
    }

    public static Events Handle(RaiseRiskFromSignal m, [WriteAggregate] Assessment assessment) => [.. Decide(m, assessment)];
}
