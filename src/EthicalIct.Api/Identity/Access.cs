using Microsoft.AspNetCore.Authorization;

namespace EthicalIct.Api.Identity;

/// <summary>The role sets an endpoint can allow (EventModel.md, "Roles").</summary>
public enum RoleSet
{
    /// <summary>The parties' roles: coordinator, case officer, auditor, partner (not observers).</summary>
    Readers,

    /// <summary>Coordinators and case officers.</summary>
    Writers,

    /// <summary>Coordinators only.</summary>
    Coordinators,

    /// <summary>The partner channels (feed, live stream): every role, observers included; each sees only what its role and organisation may.</summary>
    Subscribers,

    /// <summary>Who manages webhook subscriptions: coordinators and observers.</summary>
    SubscriptionManagers,
}

/// <summary>Who, beyond the role, may reach an endpoint. Declared on every endpoint; the rule itself is a pure check in the slice.</summary>
public enum AccessRule
{
    /// <summary>Reference data or a shared record (registry, requirement sets, roundtables): any participating organisation.</summary>
    AnyOrganisation,

    /// <summary>The caller's own organisation's records: tenancy hides every other organisation's (404).</summary>
    OwnOrganisation,

    /// <summary>Supplier-dialogue participants (<c>DialogueAccess.Participant</c>); anyone else gets 404.</summary>
    DialogueParticipant,

    /// <summary>An organisation proposed as a dialogue participant, while the proposal stands (<c>DialogueAccess.Proposed</c>); anyone else 404.</summary>
    ProposedParticipant,

    /// <summary>An organisation asked to co-host a roundtable, while the request stands (<c>RoundtableAccess.ProposedHost</c>); others 403.</summary>
    ProposedHost,

    /// <summary>Coordinators of the hosting organisations (<c>RoundtableAccess.Host</c>); others 403.</summary>
    RoundtableHost,

    /// <summary>Coordinators of the agreement's parties (<c>AgreementRules.PartyCoordinator</c>); others 403.</summary>
    AgreementParty,

    /// <summary>The organisation that owns a follow-up item, or a host for a supplier-owned item (<c>RoundtableAccess.Owner</c>); others 403.</summary>
    FollowUpOwner,
}

/// <summary>The roles allowed to call an endpoint, enforced by the authorization policy of the same name before the endpoint runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AllowAttribute : AuthorizeAttribute
{
    public AllowAttribute(RoleSet roles)
        : base(Policies.For(roles))
    {
        RoleSet = roles;
    }

    public RoleSet RoleSet { get; }
}

/// <summary>Declares the access rule of an endpoint (documented in EventModel.md and checked by the architecture tests).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AccessAttribute(AccessRule rule) : Attribute
{
    public AccessRule Rule { get; } = rule;
}

public static class Policies
{
    public const string Readers = "readers";
    public const string Writers = "writers";
    public const string Coordinators = "coordinators";
    public const string Subscribers = "subscribers";
    public const string SubscriptionManagers = "subscription-managers";

    public static string For(RoleSet roles) => roles switch
    {
        RoleSet.Readers => Readers,
        RoleSet.Writers => Writers,
        RoleSet.Coordinators => Coordinators,
        RoleSet.Subscribers => Subscribers,
        RoleSet.SubscriptionManagers => SubscriptionManagers,
        _ => throw new ArgumentOutOfRangeException(nameof(roles)),
    };

    public static bool Allows(RoleSet roles, Role role) => roles switch
    {
        RoleSet.Readers => role is not Role.Observer,
        RoleSet.Subscribers => true,
        RoleSet.SubscriptionManagers => role is Role.Coordinator or Role.Observer,
        RoleSet.Writers => role is Role.Coordinator or Role.CaseOfficer,
        RoleSet.Coordinators => role is Role.Coordinator,
        _ => false,
    };
}
