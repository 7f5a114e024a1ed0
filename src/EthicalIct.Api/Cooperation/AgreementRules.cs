using EthicalIct.Api.Identity;
using EthicalIct.Api.Infrastructure;
using EthicalIct.Api.Organisations;
using EthicalIct.Api.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace EthicalIct.Api.Cooperation;

/// <summary>The agreement's pure rules, shared by its commands.</summary>
public static class AgreementRules
{
    /// <summary>Only a current party's coordinator acts on the agreement.</summary>
    public static ProblemDetails? PartyCoordinator(CooperationAgreement agreement, Caller caller) =>
        caller.IsCoordinator && agreement.IsParty(caller.OrgNumber)
            ? null
            : Problems.Forbidden("Only coordinators of the parties act on the cooperation agreement.");

    public static IEnumerable<FieldError> Terms(string? purpose, IReadOnlyList<SharingRule>? policy)
    {
        foreach (var e in Rules.Text(purpose, "purpose", "state the purpose of the cooperation", 4000))
        {
            yield return e;
        }

        if (policy is null)
        {
            yield return new("sharingPolicy", "give the sharing policy: for each kind of record, private, parties or public");
            yield break;
        }

        for (var i = 0; i < policy.Count; i++)
        {
            if (policy[i] is null)
            {
                yield return new($"sharingPolicy[{i}]", "must not be null");
            }
            else if (policy.Take(i).Any(p => p?.Kind == policy[i].Kind))
            {
                yield return new($"sharingPolicy[{i}].kind", "each kind of record appears once");
            }
            else if (policy[i].Kind == RecordKind.Disclosure && policy[i].Access == AccessClass.Private)
            {
                yield return new($"sharingPolicy[{i}].access", "a disclosure is made to the parties: parties or public, never private");
            }
        }
    }

    public static IEnumerable<FieldError> Candidate(string? orgNumber, string? name, string? shortName)
    {
        if (string.IsNullOrWhiteSpace(orgNumber) || !OrganisationNumber.IsValid(orgNumber))
        {
            yield return new("orgNumber", "must be a valid Norwegian organisation number (9 digits, mod-11)");
        }

        foreach (var e in Rules.Text(name, "name", "give the organisation's legal name", 300).Concat(Rules.Text(shortName, "shortName", "give a short name", 60)))
        {
            yield return e;
        }
    }

    /// <summary>The kinds of record the policy does not name fall back to these defaults (EventModel.md, "Access classes").</summary>
    public static IReadOnlyList<SharingRule> DefaultPolicy { get; } =
    [
        new(RecordKind.Assessment, AccessClass.Private),
        new(RecordKind.Evidence, AccessClass.Private),
        new(RecordKind.Contract, AccessClass.Parties),
        new(RecordKind.SupplierDialogue, AccessClass.Parties),
        new(RecordKind.Questionnaire, AccessClass.Parties),
        new(RecordKind.Finding, AccessClass.Private),
        new(RecordKind.Roundtable, AccessClass.Parties),
        new(RecordKind.Registry, AccessClass.Public),
        new(RecordKind.RequirementSet, AccessClass.Public),
        new(RecordKind.Agreement, AccessClass.Public),
        new(RecordKind.Disclosure, AccessClass.Parties),
        new(RecordKind.Audit, AccessClass.Public),
        new(RecordKind.Subscription, AccessClass.Private),
        new(RecordKind.InformationRequest, AccessClass.Private),
        new(RecordKind.Signal, AccessClass.Private),
        new(RecordKind.TransparencyAccount, AccessClass.Private),
    ];

    /// <summary>The policy as given, completed with the defaults for the kinds it does not name.</summary>
    public static IReadOnlyList<SharingRule> Complete(IReadOnlyList<SharingRule> policy) =>
        [.. DefaultPolicy.Select(d => policy.FirstOrDefault(p => p.Kind == d.Kind) ?? d)];

    public static Organisation Normalised(string orgNumber, string name, string shortName, OrganisationType type) =>
        new(orgNumber.Trim(), name.Trim(), shortName.Trim(), type);
}
