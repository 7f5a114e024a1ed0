using System.Globalization;
using EthicalIct.Api.Assessments;
using EthicalIct.Api.ReferenceData;

namespace EthicalIct.Api.Web;

/// <summary>
/// The pages' words in Norwegian bokmål (the default) and English, chosen by the <c>lang</c> cookie (set by the
/// language link in the header). A key without a translation shows the bokmål text.
/// </summary>
public sealed class Texts(string language)
{
    public const string Cookie = "lang";

    public string Language { get; } = language;

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Language == "en" ? "en-GB" : "nb-NO");

    public static Texts For(HttpContext context) => new(context.Request.Cookies[Cookie] == "en" ? "en" : "nb");

    public string this[string key] => Words.TryGetValue(key, out var w) ? (Language == "en" ? w.En : w.Nb) : key;

    public string Risk(RiskCode code) => this["risk." + code];

    public string Priority(Priority? priority) => priority is { } p ? this["priority." + p] : this["unscored"];

    /// <summary>An enum value by its name in the API (<c>directly-linked</c>, <c>case-officer</c> …), translated where the pages show it.</summary>
    public string Name<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var wire = System.Text.Json.JsonSerializer.Serialize(value, EthicalIct.Api.Infrastructure.ApiJson.Options).Trim('"');
        return Words.TryGetValue("v." + wire, out var w) ? (Language == "en" ? w.En : w.Nb) : wire;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string When(DateTimeOffset at) => at.ToOffset(TimeSpan.Zero).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, (string Nb, string En)> Words = new()
    {
        ["app"] = ("EthicalIct", "EthicalIct"),
        ["skip"] = ("Hopp til hovedinnhold", "Skip to main content"),
        ["nav.overview"] = ("Oversikt", "Overview"),
        ["nav.new-assessment"] = ("Ny risikovurdering", "New assessment"),
        ["nav.sign-out"] = ("Logg ut", "Sign out"),
        ["nav.language"] = ("English", "Norsk"),
        ["signed-in-as"] = ("Innlogget som", "Signed in as"),
        ["sign-in.title"] = ("Logg inn", "Sign in"),
        ["sign-in.intro"] = ("Utviklingsinnlogging: velg virksomhet, rolle og navn. I produksjon logger du inn med virksomhetens identitetsleverandør (OpenID Connect).",
            "Development sign-in: pick an organisation, a role and a name. In production you sign in with your organisation's identity provider (OpenID Connect)."),
        ["sign-in.oidc"] = ("Logg inn med virksomhetens innlogging", "Sign in with your organisation"),
        ["sign-in.unavailable"] = ("Innlogging er ikke satt opp: konfigurer Web:Oidc:Authority.", "Sign-in is not configured: set Web:Oidc:Authority."),
        ["field.organisation"] = ("Virksomhet", "Organisation"),
        ["field.role"] = ("Rolle", "Role"),
        ["field.name"] = ("Navn", "Name"),
        ["overview.title"] = ("Oversikt", "Overview"),
        ["overview.risks"] = ("Åpne risikoer etter prioritet", "Open risks by priority"),
        ["overview.no-risks"] = ("Ingen åpne risikoer.", "No open risks."),
        ["overview.reminders"] = ("Mine påminnelser", "My reminders"),
        ["overview.no-reminders"] = ("Ingen frister nærmer seg eller er passert.", "No deadlines near or passed."),
        ["overview.assessments"] = ("Risikovurderinger", "Assessments"),
        ["overview.no-assessments"] = ("Ingen risikovurderinger ennå.", "No assessments yet."),
        ["col.risk"] = ("Risiko", "Risk"),
        ["col.priority"] = ("Prioritet", "Priority"),
        ["col.supplier"] = ("Leverandør", "Supplier"),
        ["col.country"] = ("Land", "Country"),
        ["col.tier"] = ("Ledd", "Tier"),
        ["col.case"] = ("Sak", "Case"),
        ["col.deadline"] = ("Frist", "Deadline"),
        ["col.state"] = ("Status", "State"),
        ["col.what"] = ("Hva", "What"),
        ["col.status"] = ("Status", "Status"),
        ["col.opened"] = ("Åpnet", "Opened"),
        ["col.when"] = ("Når", "When"),
        ["col.who"] = ("Hvem", "Who"),
        ["col.event"] = ("Hendelse", "Event"),
        ["open"] = ("Åpen", "Open"),
        ["unscored"] = ("Ikke vurdert", "Not scored"),
        ["priority.Low"] = ("Lav", "Low"),
        ["priority.Medium"] = ("Middels", "Medium"),
        ["priority.High"] = ("Høy", "High"),
        ["priority.Critical"] = ("Kritisk", "Critical"),
        ["risk.FL"] = ("Tvangsarbeid", "Forced labour"),
        ["risk.CL"] = ("Barnearbeid", "Child labour"),
        ["risk.WH"] = ("Arbeidstid", "Working hours"),
        ["risk.WG"] = ("Lønn", "Wages"),
        ["risk.HS"] = ("Helse, miljø og sikkerhet", "Health and safety"),
        ["risk.FA"] = ("Organisasjonsfrihet", "Freedom of association"),
        ["risk.DI"] = ("Diskriminering", "Discrimination"),
        ["risk.HT"] = ("Human behandling", "Humane treatment"),
        ["risk.RE"] = ("Regulære ansettelser", "Regular employment"),
        ["risk.FR"] = ("Rekruttering og migrantarbeidere", "Fair recruitment"),
        ["risk.CM"] = ("Konfliktmineraler", "Conflict minerals"),
        ["risk.EN"] = ("Miljø", "Environment"),
        ["risk.BE"] = ("Forretningsetikk og korrupsjon", "Business ethics"),
        ["risk.GR"] = ("Klagemekanismer", "Grievance mechanisms"),
        ["risk.TR"] = ("Åpenhet og sporbarhet", "Transparency and traceability"),
        ["new.title"] = ("Ny risikovurdering", "New assessment"),
        ["field.supplier"] = ("Leverandør", "Supplier"),
        ["field.framework"] = ("Rammeavtale", "Framework agreement"),
        ["field.category"] = ("Produktkategori", "Product category"),
        ["field.period-from"] = ("Periode fra", "Period from"),
        ["field.period-to"] = ("Periode til", "Period to"),
        ["field.officer"] = ("Ansvarlig saksbehandler", "Responsible case officer"),
        ["action.open"] = ("Opprett vurdering", "Open assessment"),
        ["action.sign-in"] = ("Logg inn", "Sign in"),
        ["case.title"] = ("Risikovurdering", "Assessment"),
        ["case.as-of"] = ("Vis saken slik den var", "Show the case as it was"),
        ["case.as-of.field"] = ("Tidspunkt (UTC)", "Moment (UTC)"),
        ["case.as-of.show"] = ("Vis", "Show"),
        ["case.as-of.now"] = ("Vis nå", "Show now"),
        ["case.as-of.showing"] = ("Viser saken slik den var", "Showing the case as it was at"),
        ["case.version"] = ("Versjon", "Version"),
        ["case.risks"] = ("Risikoer", "Risks"),
        ["case.no-risks"] = ("Ingen risikoer identifisert.", "No risks identified."),
        ["case.timeline"] = ("Tidslinje", "Timeline"),
        ["case.identify"] = ("Identifiser risiko", "Identify a risk"),
        ["case.score"] = ("Vurder alvorlighet og sannsynlighet", "Score severity and likelihood"),
        ["field.code"] = ("Risikotype", "Risk type"),
        ["field.tier"] = ("Ledd i leverandørkjeden", "Supply-chain tier"),
        ["field.country"] = ("Land (ISO-kode)", "Country (ISO code)"),
        ["field.description"] = ("Beskrivelse", "Description"),
        ["field.source"] = ("Kilde", "Source"),
        ["field.risk"] = ("Risiko", "Risk"),
        ["field.scale"] = ("Omfang av skaden (1–5)", "Scale (1–5)"),
        ["field.scope"] = ("Antall berørte (1–5)", "Scope (1–5)"),
        ["field.irremediability"] = ("Uopprettelighet (1–5)", "Irremediability (1–5)"),
        ["field.likelihood"] = ("Sannsynlighet (1–5)", "Likelihood (1–5)"),
        ["field.connection"] = ("Tilknytning", "Connection"),
        ["field.leverage"] = ("Påvirkningskraft", "Leverage"),
        ["field.rationale"] = ("Begrunnelse", "Rationale"),
        ["action.identify"] = ("Registrer risiko", "Record risk"),
        ["action.score"] = ("Lagre vurdering", "Save score"),
        ["stale"] = ("Noen har endret saken siden du åpnet skjemaet. Siden er lastet på nytt med gjeldende versjon; se over og send igjen.",
            "Someone changed this case since you opened the form. The page now shows the current version; check it and send again."),
        ["saved"] = ("Lagret.", "Saved."),
        ["invalid"] = ("Skjemaet har feil. Se merknadene ved feltene.", "The form has errors. See the notes beside the fields."),
        ["not-found.title"] = ("Fant ikke siden", "Page not found"),
        ["not-found.text"] = ("Saken finnes ikke, eller du har ikke tilgang til den.", "The case does not exist, or you may not see it."),
        ["download"] = ("Last ned", "Download"),
        ["v.case-officer"] = ("saksbehandler", "case officer"),
        ["v.coordinator"] = ("koordinator", "coordinator"),
        ["v.auditor"] = ("revisor", "auditor"),
        ["v.partner"] = ("partner", "partner"),
        ["v.observer"] = ("observatør", "observer"),
        ["v.cause"] = ("forårsaker", "causes"),
        ["v.contribute"] = ("bidrar til", "contributes"),
        ["v.directly-linked"] = ("direkte knyttet til", "directly linked"),
        ["v.low"] = ("lav", "low"),
        ["v.medium"] = ("middels", "medium"),
        ["v.high"] = ("høy", "high"),
        ["v.open"] = ("åpen", "open"),
        ["v.closed"] = ("lukket", "closed"),
        ["v.concluded"] = ("konkludert", "concluded"),
        ["supplier.sites"] = ("Produksjonssteder etter ledd og land", "Production sites by tier and country"),
        ["supplier.no-sites"] = ("Ingen produksjonssteder registrert.", "No production sites recorded."),
        ["supplier.heat"] = ("Risikokart: risikotype × prioritet", "Risk heat map: risk type × priority"),
        ["supplier.heat.legend"] = ("Åpne risikoer: egne / delt av de andre partene.", "Open risks: my organisation's / disclosed by the other parties."),
        ["supplier.not-shared"] = ("Leverandøren er ikke i felles oversikt ennå.", "The supplier is not in the shared view yet."),
        ["supplier.spend"] = ("Samlet årlig innkjøp", "Combined annual spend"),
        ["supplier.dialogues"] = ("Felles leverandørdialoger", "Joint dialogues"),
        ["supplier.findings"] = ("Avvik", "Findings"),
        ["supplier.disclosed-by"] = ("Delt av", "Disclosed by"),
        ["supplier.commitments"] = ("Oppfølgingspunkter fra rundebord", "Roundtable commitments"),
        ["supplier.asked"] = ("Spørreskjema allerede sendt", "Questionnaires already sent"),
        ["supplier.overdue"] = ("forfalt", "overdue"),
        ["case.disclose"] = ("Del risikoen med partene", "Disclose the risk to the parties"),
        ["case.disclose.description"] = ("Vis beskrivelsen", "Show the description"),
        ["case.disclose.measures"] = ("Vis tiltakene", "Show the measures"),
        ["action.disclose"] = ("Del", "Disclose"),
        ["nav.audit"] = ("Revisjon", "Audit"),
        ["audit.title"] = ("Revisjonsspor og kontrollpunkter", "Audit trail and checkpoints"),
        ["audit.checkpoints"] = ("Signerte kontrollpunkter (de siste 20)", "Signed checkpoints (the latest 20)"),
        ["audit.latest"] = ("Siste signerte kontrollpunkt", "Latest signed checkpoint"),
        ["audit.no-checkpoint"] = ("Ingen kontrollpunkt er signert ennå.", "No checkpoint signed yet."),
        ["audit.tree-size"] = ("Antall hendelser", "Events (tree size)"),
        ["audit.signed-at"] = ("Signert", "Signed"),
        ["audit.root"] = ("Merkle-rot", "Merkle root"),
        ["audit.chain-head"] = ("Kjedens hode", "Chain head"),
        ["audit.key"] = ("Nøkkel", "Key"),
        ["audit.signature"] = ("Signatur", "Signature"),
        ["audit.signature.ok"] = ("Gyldig (Ed25519, tjenestens publiserte nøkkel)", "Valid (Ed25519, the service's published key)"),
        ["audit.signature.bad"] = ("UGYLDIG", "INVALID"),
        ["audit.verify"] = ("Kontroller et intervall", "Verify a range"),
        ["audit.first"] = ("Fra kontrollpunkt", "From checkpoint"),
        ["audit.second"] = ("Til kontrollpunkt", "To checkpoint"),
        ["audit.verify.action"] = ("Kontroller", "Verify"),
        ["audit.consistent"] = ("Konsistent: ingenting i intervallet er endret eller fjernet", "Consistent: nothing in the range was altered or removed"),
        ["audit.inconsistent"] = ("IKKE konsistent", "NOT consistent"),
        ["audit.bundle"] = ("Last ned bevispakke", "Download an evidence bundle"),
        ["audit.bundle.help"] = ("En sak som fil med hendelser, bevis og bevisstier; kontrolleres uten nett med verify-bundle.", "A case as a file of events, evidence and proofs; checked offline with verify-bundle."),
        ["audit.bundle.case"] = ("Sakens adresse i API-et", "The case's API path"),
        ["error"] = ("Tjenesten svarte ikke som ventet. Prøv igjen om litt.", "The service did not answer as expected. Try again shortly."),
    };
}
