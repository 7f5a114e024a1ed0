using System.Globalization;
using System.Text;
using EthicalIct.Api.Suppliers;

namespace EthicalIct.Api.Signals;

/// <summary>
/// Matching a signal's subjects to the registry (rule <see cref="RuleId"/>, pure): an identifier equal to a supplier's
/// organisation number or foreign identifier → <c>identifier</c> (score 100); a name equal to a supplier's or a site's
/// name once normalised (case, accents, punctuation and legal-form words such as "Co., Ltd." or "AS" removed) in the
/// same country → <c>name</c> (95); a similar name in the same country (token overlap or edit distance, score ≥
/// <see cref="SimilarThreshold"/>) → <c>similar-name</c>, a proposal a person confirms or rejects. A subject without a
/// country matches names in any country, but only as a proposal.
/// </summary>
public static class SignalMatching
{
    public const string RuleId = "registry-match-v1";

    public const int SimilarThreshold = 80;

    private static readonly HashSet<string> LegalForms =
    [
        "as", "asa", "ab", "ltd", "limited", "co", "company", "corp", "corporation", "inc", "incorporated", "llc", "plc", "gmbh", "ag", "sa", "sas", "srl", "bv", "nv",
        "jsc", "pte", "pty", "kk", "oy", "oyj", "sdn", "bhd", "group", "holdings", "holding",
    ];

    public static IReadOnlyList<SignalMatch> Match(IReadOnlyList<SignalSubject> subjects, IReadOnlyList<SupplierDetails> registry)
    {
        var matches = new List<SignalMatch>();
        foreach (var subject in subjects)
        {
            foreach (var supplier in registry)
            {
                if (Best(subject, supplier) is { } match)
                {
                    matches.Add(match);
                }
            }
        }

        return [.. matches.GroupBy(m => (m.SupplierId, m.SiteId)).Select(g => g.OrderByDescending(m => m.Score).First()).OrderByDescending(m => m.Score)];
    }

    private static SignalMatch? Best(SignalSubject subject, SupplierDetails supplier)
    {
        var id = subject.Identifier?.Trim();
        if (!string.IsNullOrEmpty(id) && (string.Equals(id, supplier.OrgNumber, StringComparison.OrdinalIgnoreCase) || string.Equals(id, supplier.ForeignIdentifier, StringComparison.OrdinalIgnoreCase)))
        {
            return new SignalMatch(supplier.Id, null, supplier.LegalName, supplier.Country, null, MatchKind.Identifier, 100, subject.Name);
        }

        var candidates = new List<SignalMatch>();
        if (ByName(subject, supplier.LegalName, supplier.Country) is { } onSupplier)
        {
            candidates.Add(new SignalMatch(supplier.Id, null, supplier.LegalName, supplier.Country, null, onSupplier.Kind, onSupplier.Score, subject.Name));
        }

        foreach (var site in supplier.Sites)
        {
            if (ByName(subject, site.Name, site.Country) is { } onSite)
            {
                candidates.Add(new SignalMatch(supplier.Id, site.SiteId, site.Name, site.Country, site.Tier, onSite.Kind, onSite.Score, subject.Name));
            }
        }

        return candidates.OrderByDescending(c => c.Score).FirstOrDefault();
    }

    private static (MatchKind Kind, int Score)? ByName(SignalSubject subject, string name, string country)
    {
        var sameCountry = subject.Country is null || string.Equals(subject.Country, country, StringComparison.OrdinalIgnoreCase);
        if (!sameCountry)
        {
            return null;
        }

        var a = Normalise(subject.Name);
        var b = Normalise(name);
        if (a.Length == 0 || b.Length == 0)
        {
            return null;
        }

        if (a == b)
        {
            return subject.Country is null ? (MatchKind.SimilarName, 95) : (MatchKind.Name, 95);
        }

        var score = Similarity(a, b);
        return score >= SimilarThreshold ? (MatchKind.SimilarName, score) : null;
    }

    /// <summary>Lower case, accents and punctuation removed, legal-form words dropped, single spaces.</summary>
    public static string Normalise(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !LegalForms.Contains(t)));
    }

    /// <summary>0-100: the better of token overlap (Jaccard) and 1 - edit distance / length.</summary>
    public static int Similarity(string a, string b)
    {
        var ta = a.Split(' ').ToHashSet();
        var tb = b.Split(' ').ToHashSet();
        var jaccard = (double)ta.Intersect(tb).Count() / ta.Union(tb).Count();
        var edit = 1 - ((double)Levenshtein(a, b) / Math.Max(a.Length, b.Length));
        return (int)Math.Round(Math.Max(jaccard, edit) * 100);
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
