using System.Text.RegularExpressions;
using EthicalIct.Api.Web;
using EthicalIct.Tests.Architecture;
using Shouldly;

namespace EthicalIct.Tests.Web;

/// <summary>Every word a page asks for exists in bokmål and in English (a missing key would show the key itself).</summary>
public partial class TextsTests
{
    [GeneratedRegex("""\b[tT]\["([a-z0-9.-]+)"\]""")]
    private static partial Regex Lookup();

    [Fact]
    public void every_key_the_pages_use_has_a_bokmal_and_an_english_text()
    {
        var web = Path.Combine(ConventionTests.Root(), "src", "EthicalIct.Api", "Web");
        var keys = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => Lookup().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        keys.Count.ShouldBeGreaterThan(50);
        var (nb, en) = (new Texts("nb"), new Texts("en"));
        keys.Where(k => nb[k] == k || en[k] == k).ShouldBeEmpty("keys without a text");
    }

    [Fact]
    public void the_api_names_of_roles_and_scales_read_as_words_in_both_languages()
    {
        var (nb, en) = (new Texts("nb"), new Texts("en"));
        (nb.Name(EthicalIct.Api.ReferenceData.Connection.DirectlyLinked), en.Name(EthicalIct.Api.ReferenceData.Connection.DirectlyLinked)).ShouldBe(("direkte knyttet til", "directly linked"));
        nb.Priority(EthicalIct.Api.ReferenceData.Priority.Critical).ShouldBe("Kritisk");
        nb.Priority(null).ShouldBe("Ikke vurdert");
    }
}
