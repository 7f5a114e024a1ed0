using EthicalIct.Api.Assessments;
using EthicalIct.Api.Contracts;
using EthicalIct.Api.Cooperation;
using EthicalIct.Api.Disclosures;
using EthicalIct.Api.ReferenceData;
using EthicalIct.Api.Roundtables;
using EthicalIct.Api.SupplierDialogues;
using EthicalIct.Api.Suppliers;
using JasperFx.Events;

namespace EthicalIct.Api.SharedView;

/// <summary>
/// The documents one page of events touches, as loaded before the page is applied, and those it creates. The
/// handler loads them, <see cref="SharedViewRules"/> changes them in memory, the handler stores what changed.
/// </summary>
public sealed class SharedViewState
{
    public SharedPolicy Policy { get; set; } = new();

    public Dictionary<string, SharedViewLink> Links { get; } = [];

    public Dictionary<Guid, SupplierOverview> Overviews { get; } = [];

    public Dictionary<Guid, SharedDisclosure> Disclosures { get; } = [];

    public List<RegistryActivity> Activity { get; } = [];

    public HashSet<Guid> ChangedOverviews { get; } = [];

    public HashSet<Guid> ChangedDisclosures { get; } = [];

    public List<SharedViewLink> NewLinks { get; } = [];

    public bool PolicyChanged { get; set; }
}

/// <summary>
/// How each event changes the shared view (pure, deterministic: time comes from the event). Only what the parties
/// may see enters: events whose kind of record the sharing policy in force shares with the parties, and disclosures.
/// An event at or below a document's <c>LastSequence</c> was applied already and changes nothing (at-least-once
/// delivery is harmless).
/// </summary>
public static class SharedViewRules
{
    /// <summary>Every event type the shared view reads (the subscription's filter).</summary>
    public static IReadOnlyList<Type> EventTypes { get; } =
    [
        typeof(SupplierRegistered), typeof(SupplierDetailsCorrected), typeof(ProductionSiteRecorded),
        typeof(AgreementVersionProposed), typeof(AgreementEnteredIntoForce),
        typeof(ContractRecorded), typeof(ContractValueRevised),
        typeof(AssessmentOpened), typeof(AssessmentConcluded), typeof(AssessmentReopened),
        typeof(SupplierDialogueOpened), typeof(OrganisationJoinedDialogue), typeof(OrganisationLeftDialogue), typeof(SupplierDialogueClosed),
        typeof(QuestionnaireSent), typeof(QuestionnaireBecameOverdue), typeof(QuestionnaireResponseReceived), typeof(QuestionnaireReviewed),
        typeof(FindingRaised), typeof(FindingDisputed), typeof(CapSubmitted), typeof(CapApproved), typeof(CapRejected), typeof(CapActionProgressReported),
        typeof(CapActionDeadlineExtended), typeof(CapActionBecameOverdue), typeof(FindingVerified), typeof(FindingClosed),
        typeof(FollowUpAgreed), typeof(FollowUpProgressNoted), typeof(FollowUpDelivered), typeof(FollowUpDeliveryAccepted), typeof(FollowUpDeliveryRejected),
        typeof(FollowUpClosed), typeof(FollowUpCarriedOver), typeof(FollowUpBecameOverdue),
        typeof(RiskSummaryDisclosed), typeof(FindingDisclosed), typeof(AssessmentOutcomeDisclosed), typeof(EvidenceDisclosed), typeof(DisclosureWithdrawn),
        typeof(SignalDisclosed),
    ];

    /// <summary>The link an event needs to find its supplier, when the event itself does not name it.</summary>
    public static string? LinkNeeded(IEvent e) => e.Data switch
    {
        ContractValueRevised => SharedViewLink.Key("contract", e.StreamId),
        OrganisationJoinedDialogue or OrganisationLeftDialogue or SupplierDialogueClosed or QuestionnaireSent or QuestionnaireBecameOverdue
            or QuestionnaireResponseReceived or QuestionnaireReviewed or FindingDisputed or CapSubmitted or CapApproved or CapRejected
            or CapActionProgressReported or CapActionDeadlineExtended or CapActionBecameOverdue or FindingVerified or FindingClosed
            => SharedViewLink.Key("dialogue", e.StreamId),
        FollowUpProgressNoted or FollowUpDelivered or FollowUpDeliveryAccepted or FollowUpDeliveryRejected or FollowUpClosed or FollowUpCarriedOver
            or FollowUpBecameOverdue => SharedViewLink.Key("follow-up", e.StreamId),
        DisclosureWithdrawn => SharedViewLink.Key("disclosure", e.StreamId),
        _ => null,
    };

    /// <summary>The link an event creates (the stream's supplier, for its later events).</summary>
    public static SharedViewLink? LinkCreated(IEvent e) => e.Data switch
    {
        ContractRecorded c => new() { Id = SharedViewLink.Key("contract", c.ContractId), SupplierId = c.SupplierId },
        SupplierDialogueOpened d => new() { Id = SharedViewLink.Key("dialogue", d.DialogueId), SupplierId = d.SupplierId },
        FollowUpAgreed { OwnerSupplierId: { } s } f => new() { Id = SharedViewLink.Key("follow-up", f.FollowUpItemId), SupplierId = s },
        RiskSummaryDisclosed d => new() { Id = SharedViewLink.Key("disclosure", d.DisclosureId), SupplierId = d.SupplierId },
        FindingDisclosed d => new() { Id = SharedViewLink.Key("disclosure", d.DisclosureId), SupplierId = d.SupplierId },
        AssessmentOutcomeDisclosed d => new() { Id = SharedViewLink.Key("disclosure", d.DisclosureId), SupplierId = d.SupplierId },
        EvidenceDisclosed d => new() { Id = SharedViewLink.Key("disclosure", d.DisclosureId), SupplierId = d.SupplierId },
        SignalDisclosed d => new() { Id = SharedViewLink.Key("disclosure", d.DisclosureId), SupplierId = d.SupplierId },
        _ => null,
    };

    /// <summary>The supplier an event is about, if the shared view knows it.</summary>
    public static Guid? SupplierOf(IEvent e, IReadOnlyDictionary<string, SharedViewLink> links) => e.Data switch
    {
        SupplierRegistered r => r.SupplierId,
        SupplierDetailsCorrected c => c.SupplierId,
        ProductionSiteRecorded s => s.SupplierId,
        AssessmentOpened a => a.SupplierId,
        AssessmentConcluded a => a.SupplierId,
        AssessmentReopened a => a.SupplierId,
        FindingRaised f => f.SupplierId,
        _ when LinkCreated(e) is { } created => created.SupplierId,
        _ when LinkNeeded(e) is { } key => links.TryGetValue(key, out var link) ? link.SupplierId : null,
        _ => null,
    };

    /// <summary>Whether the parties may see events of this type under the policy in force (disclosures always).</summary>
    public static bool Shared(Type eventType, SharedPolicy policy) =>
        AccessClasses.ClassOf(eventType, policy.InForce) != AccessClass.Private;

    public static void Fold(SharedViewState state, IEvent e)
    {
        switch (e.Data)
        {
            case AgreementVersionProposed p when e.Sequence > state.Policy.LastSequence:
                state.Policy.Proposed[p.Version] = [.. p.SharingPolicy];
                (state.Policy.LastSequence, state.PolicyChanged) = (e.Sequence, true);
                return;
            case AgreementEnteredIntoForce f when e.Sequence > state.Policy.LastSequence:
                state.Policy.InForce = [.. AgreementRules.Complete(state.Policy.Proposed.GetValueOrDefault(f.Version) ?? [])];
                (state.Policy.LastSequence, state.PolicyChanged) = (e.Sequence, true);
                return;
            case AgreementVersionProposed or AgreementEnteredIntoForce:
                return;
        }

        if (LinkCreated(e) is { } link && !state.Links.ContainsKey(link.Id))
        {
            state.Links[link.Id] = link;
            state.NewLinks.Add(link);
        }

        if (!Shared(e.Data.GetType(), state.Policy) || SupplierOf(e, state.Links) is not { } supplierId)
        {
            return;
        }

        if (!state.Overviews.TryGetValue(supplierId, out var overview))
        {
            state.Overviews[supplierId] = overview = new SupplierOverview { Id = supplierId };
        }

        if (e.Sequence <= overview.LastSequence)
        {
            return;
        }

        ApplyTo(overview, e, state);
        overview.LastSequence = e.Sequence;
        overview.LastActivityAt = e.Timestamp > overview.LastActivityAt ? e.Timestamp : overview.LastActivityAt;
        state.ChangedOverviews.Add(supplierId);
    }

    /// <summary>After a page is folded: the derived figures of every overview it changed (once per overview, not per event).</summary>
    public static void Finish(SharedViewState state)
    {
        foreach (var id in state.ChangedOverviews)
        {
            Recompute(state.Overviews[id]);
        }
    }

    private static void ApplyTo(SupplierOverview o, IEvent e, SharedViewState state)
    {
        var org = e.TenantId;
        switch (e.Data)
        {
            case SupplierRegistered r:
                (o.LegalName, o.Country, o.Roles) = (r.LegalName, r.Country, [.. r.Roles]);
                state.Activity.Add(Activity(e, r.SupplierId, r.LegalName, RegistryChangeKind.SupplierRegistered, r.By, r.At));
                break;
            case SupplierDetailsCorrected c:
                (o.LegalName, o.Roles) = (c.LegalName, [.. c.Roles]);
                state.Activity.Add(Activity(e, c.SupplierId, c.LegalName, RegistryChangeKind.SupplierDetailsCorrected, c.By, c.At));
                break;
            case ProductionSiteRecorded s:
                o.Sites.Add(new OverviewSite(s.SiteId, s.Name, s.Country, s.Tier, s.Categories));
                state.Activity.Add(Activity(e, s.SupplierId, o.LegalName, RegistryChangeKind.ProductionSiteRecorded, s.By, s.At));
                break;

            case ContractRecorded c:
                o.Contracts.Add(new OverviewContract(c.ContractId, org, c.FrameworkAgreement, c.Category, c.PeriodFrom, c.PeriodTo, c.AnnualValueNok));
                break;
            case ContractValueRevised v:
                Replace(o.Contracts, c => c.ContractId == v.ContractId, c => c with { AnnualValueNok = v.AnnualValueNok });
                break;

            case AssessmentOpened a:
                OpenAssessments(o, org).Add(a.AssessmentId);
                break;
            case AssessmentReopened a:
                OpenAssessments(o, org).Add(a.AssessmentId);
                break;
            case AssessmentConcluded a:
                OpenAssessments(o, org).Remove(a.AssessmentId);
                break;

            case SupplierDialogueOpened d:
                o.Dialogues.Add(new JointDialogue(d.DialogueId, d.Title, [d.By.Org], DialogueStatus.Open, d.At));
                break;
            case OrganisationJoinedDialogue j:
                Replace(o.Dialogues, d => d.DialogueId == j.DialogueId, d => d with { Participants = [.. d.Participants.Where(p => p != j.Org), j.Org] });
                break;
            case OrganisationLeftDialogue l:
                Replace(o.Dialogues, d => d.DialogueId == l.DialogueId, d => d with { Participants = [.. d.Participants.Where(p => p != l.Org)] });
                break;
            case SupplierDialogueClosed c:
                Replace(o.Dialogues, d => d.DialogueId == c.DialogueId, d => d with { Status = DialogueStatus.Closed });
                break;

            case QuestionnaireSent q:
                o.Questionnaires.Add(new AskedQuestionnaire(q.DialogueId, q.QuestionnaireId, q.RequirementSetId, q.SetVersion, q.By.Org, q.At, q.DueOn,
                    QuestionnaireStatus.Sent, null));
                break;
            case QuestionnaireBecameOverdue q:
                Replace(o.Questionnaires, x => x.QuestionnaireId == q.QuestionnaireId, x => x with { Status = QuestionnaireStatus.Overdue });
                break;
            case QuestionnaireResponseReceived q:
                Replace(o.Questionnaires, x => x.QuestionnaireId == q.QuestionnaireId, x => x with { Status = QuestionnaireStatus.UnderReview, AnsweredOn = q.ReceivedOn });
                break;
            case QuestionnaireReviewed q:
                Replace(o.Questionnaires, x => x.QuestionnaireId == q.QuestionnaireId, x => x with { Status = QuestionnaireStatus.Reviewed });
                break;

            case FindingRaised f when o.Findings.All(x => x.FindingId != f.FindingId):
                o.Findings.Add(new OverviewFinding(null, null, f.DialogueId, f.FindingId, f.Code, f.Grade, FindingStatus.Open, null, [], null, 0, f.Description, f.At));
                break;
            case FindingDisputed f:
                Finding(o, f.FindingId, x => x with { Status = FindingStatus.Disputed });
                break;
            case CapSubmitted c:
                Finding(o, c.FindingId, x => x with
                {
                    CapStatus = CapStatus.Submitted,
                    Actions = [.. c.Actions.Select(a => new DisclosedAction(a.ActionId, a.DueOn, false, false, a.Description))],
                });
                break;
            case CapApproved c:
                Finding(o, c.FindingId, x => x with { CapStatus = CapStatus.Approved });
                break;
            case CapRejected c:
                Finding(o, c.FindingId, x => x with { CapStatus = CapStatus.Rejected });
                break;
            case CapActionProgressReported p:
                Action(o, p.FindingId, p.ActionId, a => a with { Completed = a.Completed || p.Completed });
                break;
            case CapActionDeadlineExtended d:
                Action(o, d.FindingId, d.ActionId, a => a with { DueOn = d.NewDueOn, Overdue = false });
                break;
            case CapActionBecameOverdue d:
                Action(o, d.FindingId, d.ActionId, a => a with { Overdue = true });
                break;
            case FindingVerified { Result: VerificationResult.Passed } v:
                Finding(o, v.FindingId, x => x with { Status = FindingStatus.Verified });
                break;
            case FindingClosed c:
                o.Findings.RemoveAll(x => x.FindingId == c.FindingId && x.DisclosureId is null);
                break;

            case FollowUpAgreed f:
                o.Commitments.Add(new Commitment(f.FollowUpItemId, f.RoundtableId, f.Description, f.DueOn, FollowUpStatus.Agreed, false));
                break;
            case FollowUpProgressNoted f:
                Commitment(o, f.FollowUpItemId, c => c with { Status = FollowUpStatus.InProgress });
                break;
            case FollowUpDelivered f:
                Commitment(o, f.FollowUpItemId, c => c with { Status = FollowUpStatus.Delivered });
                break;
            case FollowUpDeliveryAccepted f:
                Commitment(o, f.FollowUpItemId, c => c with { Status = FollowUpStatus.Accepted, Overdue = false });
                break;
            case FollowUpDeliveryRejected f:
                Commitment(o, f.FollowUpItemId, c => c with { Status = FollowUpStatus.InProgress });
                break;
            case FollowUpClosed f:
                Commitment(o, f.FollowUpItemId, c => c with { Status = FollowUpStatus.Closed });
                break;
            case FollowUpCarriedOver f:
                Commitment(o, f.FollowUpItemId, c => c with { RoundtableId = f.ToRoundtableId, DueOn = f.NewDueOn, Overdue = false });
                break;
            case FollowUpBecameOverdue f:
                Commitment(o, f.FollowUpItemId, c => c with { Overdue = true });
                break;

            case RiskSummaryDisclosed d:
                o.DisclosedRisks.RemoveAll(r => r.Org == org && r.RiskId == d.RiskId);
                o.DisclosedRisks.Add(new OverviewRisk(d.DisclosureId, org, d.RiskId, d.Code, d.Priority, d.Tier, d.Country, d.Status, d.Description, d.Measures, d.At));
                Disclose(state, e, DisclosureKind.RiskSummary, d.SupplierId, d.By, d.At, x => x.RiskSummary = d);
                break;
            case FindingDisclosed d:
                o.Findings.RemoveAll(f => f.FindingId == d.FindingId);
                if (d.Status != FindingStatus.Closed)
                {
                    var open = d.Actions.Where(a => !a.Completed).ToList();
                    o.Findings.Add(new OverviewFinding(d.DisclosureId, org, d.DialogueId, d.FindingId, d.Code, d.Grade, d.Status, d.CapStatus, d.Actions,
                        open.Count == 0 ? null : open.Min(a => a.DueOn), open.Count(a => a.Overdue), d.Description, d.At));
                }

                Disclose(state, e, DisclosureKind.Finding, d.SupplierId, d.By, d.At, x => x.Finding = d);
                break;
            case AssessmentOutcomeDisclosed d:
                o.DisclosedOutcomes.RemoveAll(x => x.Org == org && x.AssessmentId == d.AssessmentId);
                o.DisclosedOutcomes.Add(new OverviewOutcome(d.DisclosureId, org, d.AssessmentId, d.Outcome, d.ConcludedAt, d.Rationale, d.At));
                Disclose(state, e, DisclosureKind.AssessmentOutcome, d.SupplierId, d.By, d.At, x => x.AssessmentOutcome = d);
                break;
            case EvidenceDisclosed d:
                o.DisclosedEvidence.RemoveAll(x => x.Org == org && x.EvidenceId == d.EvidenceId);
                o.DisclosedEvidence.Add(new OverviewEvidence(d.DisclosureId, org, d.EvidenceId, d.Title, d.Kind, d.ReceivedOn, d.Sha256, d.FileShown, d.Source, d.At));
                Disclose(state, e, DisclosureKind.Evidence, d.SupplierId, d.By, d.At, x => x.Evidence = d);
                break;
            case SignalDisclosed d:
                o.DisclosedSignals.RemoveAll(x => x.Org == org && x.SignalId == d.SignalId);
                o.DisclosedSignals.Add(new OverviewSignal(d.DisclosureId, org, d.SignalId, d.Source, d.SourceName, d.Reliability, d.PublishedOn, d.Title, d.Code, d.Status, d.Summary, d.At));
                Disclose(state, e, DisclosureKind.Signal, d.SupplierId, d.By, d.At, x => x.Signal = d);
                break;
            case DisclosureWithdrawn w:
                o.DisclosedSignals.RemoveAll(x => x.DisclosureId == w.DisclosureId);
                o.DisclosedRisks.RemoveAll(x => x.DisclosureId == w.DisclosureId);
                o.Findings.RemoveAll(x => x.DisclosureId == w.DisclosureId);
                o.DisclosedOutcomes.RemoveAll(x => x.DisclosureId == w.DisclosureId);
                o.DisclosedEvidence.RemoveAll(x => x.DisclosureId == w.DisclosureId);
                if (state.Disclosures.TryGetValue(w.DisclosureId, out var shared) && e.Sequence > shared.LastSequence)
                {
                    (shared.WithdrawnAt, shared.LastSequence) = (w.At, e.Sequence);
                    state.ChangedDisclosures.Add(w.DisclosureId);
                }

                break;
        }
    }

    /// <summary>The figures derived from the lists: who follows, combined spend and shares, risks by code, combined priority.</summary>
    public static void Recompute(SupplierOverview o)
    {
        o.Countries = [.. new[] { o.Country }.Concat(o.Sites.Select(s => s.Country)).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal)];
        o.Tiers = [.. o.Sites.Select(s => s.Tier).Distinct().Order()];
        o.Categories = [.. o.Sites.SelectMany(s => s.Categories).Concat(o.Contracts.Select(c => c.Category)).Distinct().Order()];

        var orgs = o.OpenAssessments.Where(a => a.Value.Count > 0).Select(a => a.Key)
            .Concat(o.Dialogues.Where(d => d.Status == DialogueStatus.Open).SelectMany(d => d.Participants))
            .Concat(o.Contracts.Select(c => c.Org))
            .Distinct().Order(StringComparer.Ordinal);
        o.Parties = [.. orgs.Select(org => new PartyFollowing(org, o.OpenAssessments.GetValueOrDefault(org)?.Count ?? 0,
            o.Dialogues.Count(d => d.Status == DialogueStatus.Open && d.Participants.Contains(org)), o.Contracts.Count(c => c.Org == org)))];
        o.PartyCount = o.Parties.Count;

        o.CombinedAnnualSpendNok = o.Contracts.Sum(c => c.AnnualValueNok);
        o.SpendShares = [.. o.Contracts.GroupBy(c => c.Org).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new SpendShare(g.Key, g.Sum(c => c.AnnualValueNok),
            o.CombinedAnnualSpendNok == 0 ? 0 : Math.Round(g.Sum(c => c.AnnualValueNok) / o.CombinedAnnualSpendNok, 4)))];

        var openRisks = o.DisclosedRisks.Where(r => r.Status == RiskStatus.Open).ToList();
        o.RisksByCode = [.. openRisks.GroupBy(r => r.Code).OrderBy(g => g.Key).Select(g => new RiskByCode(g.Key, g.Count(), g.Max(r => r.Priority)))];
        var priorities = openRisks.Select(r => r.Priority).OfType<Priority>()
            .Concat(o.Findings.Where(f => f.Status != FindingStatus.Closed).Select(f => PriorityOf(f.Grade))).ToList();
        o.CombinedPriority = priorities.Count == 0 ? null : priorities.Max();
        o.PriorityRank = o.CombinedPriority is { } p ? (int)p + 1 : 0;
    }

    /// <summary>A finding's grade read as a priority: a priority finding is critical, major high, minor medium, an observation low.</summary>
    public static Priority PriorityOf(FindingGrade grade) => grade switch
    {
        FindingGrade.Priority => Priority.Critical,
        FindingGrade.Major => Priority.High,
        FindingGrade.Minor => Priority.Medium,
        _ => Priority.Low,
    };

    private static RegistryActivity Activity(IEvent e, Guid supplierId, string legalName, RegistryChangeKind kind, Identity.Actor by, DateTimeOffset at) => new()
    {
        Id = $"{supplierId}:{e.Version}", SupplierId = supplierId, LegalName = legalName, Kind = kind, Version = e.Version, By = by, At = at,
    };

    private static void Disclose(SharedViewState state, IEvent e, DisclosureKind kind, Guid supplierId, Identity.Actor by, DateTimeOffset at,
        Action<SharedDisclosure> copy)
    {
        var id = e.StreamId;
        if (state.Disclosures.TryGetValue(id, out var existing) && e.Sequence <= existing.LastSequence)
        {
            return;
        }

        var shared = new SharedDisclosure { Id = id, Kind = kind, Org = e.TenantId, SupplierId = supplierId, DisclosedBy = by, DisclosedAt = at, LastSequence = e.Sequence };
        copy(shared);
        state.Disclosures[id] = shared;
        state.ChangedDisclosures.Add(id);
    }

    private static List<Guid> OpenAssessments(SupplierOverview o, string org) =>
        o.OpenAssessments.TryGetValue(org, out var list) ? list : o.OpenAssessments[org] = [];

    private static void Replace<T>(List<T> list, Func<T, bool> match, Func<T, T> change)
    {
        var i = list.FindIndex(x => match(x));
        if (i >= 0)
        {
            list[i] = change(list[i]);
        }
    }

    private static void Finding(SupplierOverview o, Guid findingId, Func<OverviewFinding, OverviewFinding> change) =>
        Replace(o.Findings, f => f.FindingId == findingId && f.DisclosureId is null, f => WithDue(change(f)));

    private static void Action(SupplierOverview o, Guid findingId, Guid actionId, Func<DisclosedAction, DisclosedAction> change) =>
        Finding(o, findingId, f => f with { Actions = [.. f.Actions.Select(a => a.ActionId == actionId ? change(a) : a)] });

    private static OverviewFinding WithDue(OverviewFinding f)
    {
        var open = f.Actions.Where(a => !a.Completed).ToList();
        return f with { NextDueOn = open.Count == 0 ? null : open.Min(a => a.DueOn), OverdueActions = open.Count(a => a.Overdue) };
    }

    private static void Commitment(SupplierOverview o, Guid itemId, Func<Commitment, Commitment> change) =>
        Replace(o.Commitments, c => c.FollowUpItemId == itemId, change);
}
