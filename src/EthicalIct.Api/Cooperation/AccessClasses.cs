namespace EthicalIct.Api.Cooperation;

/// <summary>
/// What an event is, for access: the kind of record it belongs to, and — where the record may be withheld from a
/// public access request under offentleglova, which applies to all three organisations — the legal basis and until when.
/// </summary>
public sealed record EventAccess(RecordKind Kind, string? LegalBasis, string? WithheldUntil);

/// <summary>
/// The access class and legal basis of every event type (EventModel.md, "Access classes"). The kind comes from the
/// feature the event belongs to, with a few events of another kind inside a feature (evidence, questionnaires,
/// findings and corrective action plans); the class is the agreement's sharing policy for that kind, or the default.
/// An architecture test keeps every event type in this catalogue and in EventModel.md's table.
/// </summary>
public static class AccessClasses
{
    public const string BusinessSecrets = "offl. § 13 jf. fvl. § 13 første ledd nr. 2";
    public const string InternalDocument = "offl. § 14 første ledd";
    public const string ProcurementProtocol = "offl. § 23 tredje ledd";
    public const string PersonalCircumstances = "offl. § 13 jf. fvl. § 13 første ledd nr. 1";

    private static readonly Dictionary<RecordKind, (string? Basis, string? Until)> Basis = new()
    {
        [RecordKind.Assessment] = (InternalDocument, "the assessment is concluded"),
        [RecordKind.Evidence] = (BusinessSecrets, "no fixed end: as long as the information is a business secret"),
        [RecordKind.Contract] = (ProcurementProtocol, "the contract is awarded"),
        [RecordKind.SupplierDialogue] = (BusinessSecrets, "no fixed end: as long as the information is a business secret"),
        [RecordKind.Questionnaire] = (BusinessSecrets, "no fixed end: as long as the information is a business secret"),
        [RecordKind.Finding] = (BusinessSecrets, "no fixed end: as long as the information is a business secret"),
        [RecordKind.Roundtable] = (BusinessSecrets, "no fixed end: suppliers' business secrets in minutes and deliveries"),
        [RecordKind.Registry] = (null, null),
        [RecordKind.RequirementSet] = (null, null),
        [RecordKind.Agreement] = (null, null),
        [RecordKind.Disclosure] = (BusinessSecrets, "no fixed end: as long as the disclosed information is a business secret"),
        [RecordKind.Audit] = (null, null),
        [RecordKind.Subscription] = (null, null),
        [RecordKind.InformationRequest] = (PersonalCircumstances, "no fixed end: as long as a requester can be identified"),
        [RecordKind.Signal] = (InternalDocument, "the signal is triaged"),
        [RecordKind.TransparencyAccount] = (InternalDocument, "the account is published"),
    };

    private static readonly Dictionary<string, RecordKind> ByFeature = new()
    {
        ["EthicalIct.Api.Assessments"] = RecordKind.Assessment,
        ["EthicalIct.Api.Suppliers"] = RecordKind.Registry,
        ["EthicalIct.Api.Requirements"] = RecordKind.RequirementSet,
        ["EthicalIct.Api.SupplierDialogues"] = RecordKind.SupplierDialogue,
        ["EthicalIct.Api.Roundtables"] = RecordKind.Roundtable,
        ["EthicalIct.Api.Cooperation"] = RecordKind.Agreement,
        ["EthicalIct.Api.Contracts"] = RecordKind.Contract,
        ["EthicalIct.Api.Disclosures"] = RecordKind.Disclosure,
        ["EthicalIct.Api.Audit"] = RecordKind.Audit,
        ["EthicalIct.Api.Partners"] = RecordKind.Subscription,
        ["EthicalIct.Api.InformationRequests"] = RecordKind.InformationRequest,
        ["EthicalIct.Api.Signals"] = RecordKind.Signal,
        ["EthicalIct.Api.TransparencyAccounts"] = RecordKind.TransparencyAccount,
    };

    /// <summary>The kind of an event: its feature's, unless its name says evidence, questionnaire, finding or plan.</summary>
    public static RecordKind KindOf(Type eventType)
    {
        var name = eventType.Name;
        if (eventType.Namespace == "EthicalIct.Api.Disclosures")
        {
            return RecordKind.Disclosure;
        }

        if (name.Contains("Evidence", StringComparison.Ordinal))
        {
            return RecordKind.Evidence;
        }

        if (eventType.Namespace == "EthicalIct.Api.SupplierDialogues")
        {
            if (name.StartsWith("Questionnaire", StringComparison.Ordinal))
            {
                return RecordKind.Questionnaire;
            }

            if (name.StartsWith("Finding", StringComparison.Ordinal) || name.StartsWith("Cap", StringComparison.Ordinal))
            {
                return RecordKind.Finding;
            }
        }

        return ByFeature.TryGetValue(eventType.Namespace ?? "", out var kind)
            ? kind
            : throw new InvalidOperationException($"{eventType.FullName} belongs to no feature with an access class; add it to {nameof(AccessClasses)}.");
    }

    public static EventAccess For(Type eventType)
    {
        var kind = KindOf(eventType);
        var (basis, until) = Basis[kind];
        return new EventAccess(kind, basis, until);
    }

    /// <summary>The class of an event under a sharing policy (the agreement in force), or the default without one.</summary>
    public static AccessClass ClassOf(Type eventType, IReadOnlyList<SharingRule>? policy)
    {
        var kind = KindOf(eventType);
        return (policy?.FirstOrDefault(r => r.Kind == kind) ?? AgreementRules.DefaultPolicy.First(r => r.Kind == kind)).Access;
    }
}
