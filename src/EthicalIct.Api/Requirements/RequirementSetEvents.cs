using EthicalIct.Api.Identity;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Requirements;

// Requirement sets are shared by the participating organisations: global streams. Each version is drafted and
// published once; each organisation adopts a published version by its own coordinator's decision. Like every
// event, each ends with who acted (By) and when (At).

/// <summary>A contract clause of the harmonised requirements.</summary>
public sealed record Clause(string ClauseId, string Title, string Text, IReadOnlyList<string> IloConventions, IReadOnlyList<int> OecdSteps);

/// <summary>A questionnaire question; a "no" to a <paramref name="BreachIfNo"/> question is a breach of contract.</summary>
public sealed record Question(string QuestionId, string Text, bool BreachIfNo, RiskCode? Code = null);

/// <summary>Questions for one OECD due-diligence step (1–6).</summary>
public sealed record QuestionnaireSection(string SectionId, int OecdStep, string Title, IReadOnlyList<Question> Questions);

public sealed record RequirementSetVersionDrafted(
    Guid RequirementSetId,
    string Title,
    int SetVersion,
    IReadOnlyList<Clause> Clauses,
    IReadOnlyList<QuestionnaireSection> Sections,
    Actor By,
    DateTimeOffset At);

public sealed record RequirementSetVersionPublished(
    Guid RequirementSetId,
    int SetVersion,
    int? SupersedesVersion,
    Actor By,
    DateTimeOffset At);

/// <summary>An organisation adopted a published version: a decision by its coordinator, with the rationale.</summary>
public sealed record RequirementSetVersionAdopted(
    Guid RequirementSetId,
    int SetVersion,
    int? ReplacesVersion,
    string Rationale,
    Actor By,
    DateTimeOffset At);
