using System.Text;
using EthicalIct.Api.Cooperation;
using Shouldly;

namespace EthicalIct.Tests.Architecture;

/// <summary>Every event type has an access class and, where it may be withheld, a legal basis; EventModel.md lists them all.</summary>
public class AccessClassTests
{
    private static string Label(AccessClass c) => c switch
    {
        AccessClass.Private => "private",
        AccessClass.Parties => "parties",
        AccessClass.Public => "public",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static string Kind(RecordKind k) => System.Text.Json.JsonSerializer.Serialize(k, EthicalIct.Api.Infrastructure.ApiJson.Options).Trim('"');

    public static string ExpectedTable()
    {
        var sb = new StringBuilder("| event | kind | default class | withheld from public access under | until |\n|---|---|---|---|---|\n");
        foreach (var e in ConventionTests.EventTypes())
        {
            var access = AccessClasses.For(e);
            sb.Append($"| `{e.Name}` | {Kind(access.Kind)} | {Label(AccessClasses.ClassOf(e, null))} | {access.LegalBasis ?? "–"} | {access.WithheldUntil ?? "–"} |\n");
        }

        return sb.ToString();
    }

    [Fact]
    public void every_event_type_has_an_access_class_and_EventModel_lists_it_with_its_legal_basis()
    {
        var expected = ExpectedTable();
        var text = File.ReadAllText(Path.Combine(ConventionTests.Root(), "EventModel.md")).ReplaceLineEndings("\n");
        text.ShouldContain(expected, customMessage: "EventModel.md, section \"Access classes\", must hold exactly this table:\n" + expected);
    }

    [Fact]
    public void the_agreements_sharing_policy_sets_the_class_of_a_kind_and_the_rest_keep_their_defaults()
    {
        var policy = AgreementRules.Complete([new SharingRule(RecordKind.Finding, AccessClass.Parties)]);
        AccessClasses.ClassOf(typeof(EthicalIct.Api.SupplierDialogues.FindingRaised), policy).ShouldBe(AccessClass.Parties);
        AccessClasses.ClassOf(typeof(EthicalIct.Api.SupplierDialogues.FindingRaised), null).ShouldBe(AccessClass.Private);
        AccessClasses.ClassOf(typeof(EthicalIct.Api.Assessments.RiskIdentified), policy).ShouldBe(AccessClass.Private);
        AccessClasses.For(typeof(EthicalIct.Api.Assessments.EvidenceRegistered)).Kind.ShouldBe(RecordKind.Evidence);
        AccessClasses.For(typeof(EthicalIct.Api.Suppliers.SupplierRegistered)).LegalBasis.ShouldBeNull("public records are never withheld");
    }
}
