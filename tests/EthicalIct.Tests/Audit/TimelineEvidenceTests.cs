using System.Text.Json;
using EthicalIct.Api.Audit;
using Shouldly;

namespace EthicalIct.Tests.Audit;

/// <summary>EventModel.md AUD9/AUD10: what an event registers, cites or references, and which suppliers it names.</summary>
public class TimelineEvidenceTests
{
    private static readonly Guid Stream = Guid.Parse("0197a000-0000-7000-8000-00000000c001");
    private static readonly Guid Evidence = Guid.Parse("0197a000-0000-7000-8000-00000000c002");
    private static readonly Guid Supplier = Guid.Parse("0197a000-0000-7000-8000-00000000c003");
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void AUD10_1_each_registration_links_to_the_endpoint_that_serves_its_file_and_a_disclosure_only_when_it_shows_the_file()
    {
        var data = $$"""{"evidenceId":"{{Evidence}}","title":"Audit","sha256":"{{Sha}}"}""";
        TimelineEvidence.Registration(Stream, "evidence_registered", Json(data))!.Download.ShouldBe($"/api/assessments/{Stream}/evidence/{Evidence}/file");
        TimelineEvidence.Registration(Stream, "dialogue_evidence_registered", Json(data))!.Download.ShouldBe($"/api/supplier-dialogues/{Stream}/evidence/{Evidence}/file");
        TimelineEvidence.Registration(Stream, "evidence_disclosed", Json(data.Replace("}", ",\"fileShown\":true}")))!.Download.ShouldBe($"/api/disclosures/{Stream}/file");
        TimelineEvidence.Registration(Stream, "evidence_disclosed", Json(data.Replace("}", ",\"fileShown\":false}")))!.Download.ShouldBeNull();
        TimelineEvidence.Registration(Stream, "risk_identified", Json("""{"code":"FL"}""")).ShouldBeNull();
    }

    [Fact]
    public void AUD10_2_an_event_cites_the_evidence_registered_in_its_own_stream_and_references_roundtable_evidence_without_a_link()
    {
        var registered = new Dictionary<(Guid, Guid), CitedEvidence> { [(Stream, Evidence)] = new(Evidence, "Audit", Sha, "/x") };
        TimelineEvidence.Cited(Stream, Json($$"""{"evidenceIds":["{{Evidence}}"]}"""), registered).Single().Title.ShouldBe("Audit");
        TimelineEvidence.Cited(Guid.NewGuid(), Json($$"""{"evidenceIds":["{{Evidence}}"]}"""), registered).ShouldBeEmpty("another stream's evidence of the same id");
        TimelineEvidence.Cited(Stream, Json($$"""{"evidence":[{"title":"Minutes","sha256":"{{Sha}}"}]}"""), registered)
            .ShouldBe([new CitedEvidence(null, "Minutes", Sha, null)]);
    }

    [Fact]
    public void AUD10_3_an_event_names_its_suppliers_by_id_list_owner_and_links()
    {
        AuditRules.Suppliers($$"""{"supplierId":"{{Supplier}}"}""").ShouldBe([Supplier]);
        AuditRules.Suppliers($$$"""{"ownerSupplierId":"{{{Supplier}}}","links":{"supplierIds":["{{{Evidence}}}"]}}""").ShouldBe([Supplier, Evidence]);
        AuditRules.Suppliers($$"""{"supplierIds":["{{Supplier}}", "not an id"]}""").ShouldBe([Supplier]);
        AuditRules.Suppliers("""{"supplierId":null,"code":"FL"}""").ShouldBeEmpty();
        AuditRules.Suppliers("""{"code":"FL"}""").ShouldBeEmpty();
    }
}
