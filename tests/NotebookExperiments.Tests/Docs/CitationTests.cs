using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NotebookExperiments.Data;

namespace NotebookExperiments.Tests.Docs;

/// <summary>
/// Citations of the estimators page resolve: every section id that a source file, test or README cites in the form
/// <c>docs/estimators.md, A.8</c> (also <c>B.2–B.6</c>, <c>B.8(d)</c>, <c>section B</c>) is a heading of the page, no file
/// cites the page by a bare name that does not open from the repository root, and the page's links to its own sections
/// and the README's links into it name headings that exist.
/// </summary>
public sealed partial class CitationTests
{
    private const string PageLink = "docs/estimators.md";
    private static readonly string[] PagePath = PageLink.Split('/');

    private static string Root => RepositoryRoot.Find() ?? throw new InvalidOperationException("The repository root was not found.");

    private static string PageText => File.ReadAllText(Path.Combine([Root, .. PagePath]));

    /// <summary>A heading whose text starts with a section id: <c>## B. Properties…</c> or <c>### B.8 GR-MCK…</c>.</summary>
    [GeneratedRegex(@"^#{2,6}[ \t]+(?<id>[A-Z](?:\.\d+)?)[. \t]", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    /// <summary>Any Markdown heading, for the anchors it defines.</summary>
    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex AnyHeading();

    /// <summary>A citation: the page, an optional comma, then one or more ids joined by commas, dashes or "and".</summary>
    [GeneratedRegex(@"docs/estimators\.md,?[ \t]+(?<list>(?:section[ \t]+[A-Z]\b|[A-Z]\.\d+(?:\([a-z]\))?)(?:[ \t]*(?:,|–|-|and)[ \t]*(?:section[ \t]+[A-Z]\b|[A-Z]\.\d+(?:\([a-z]\))?))*)")]
    private static partial Regex Citation();

    /// <summary>One id of a citation's list: <c>section B</c> or <c>B.8</c> (a trailing item letter is not part of the id).</summary>
    [GeneratedRegex(@"section[ \t]+(?<id>[A-Z])\b|(?<id>[A-Z]\.\d+)")]
    private static partial Regex CitedId();

    /// <summary>The page cited with a comma but without a section id after it, e.g. a numbered open question.</summary>
    [GeneratedRegex(@"docs/estimators\.md,(?![ \t]+(?:section[ \t]+[A-Z]\b|[A-Z]\.\d+))")]
    private static partial Regex CommaWithoutId();

    /// <summary>The file name without the <c>docs/</c> folder in front of it.</summary>
    [GeneratedRegex(@"(?<!docs/)\bestimators\.md")]
    private static partial Regex BareName();

    /// <summary>A Markdown link into the page with an anchor, from the README.</summary>
    [GeneratedRegex(@"\]\(docs/estimators\.md#(?<anchor>[^)\s]+)\)")]
    private static partial Regex LinkIntoPage();

    /// <summary>A Markdown link to a section of the same page.</summary>
    [GeneratedRegex(@"\]\(#(?<anchor>[^)\s]+)\)")]
    private static partial Regex LinkWithinPage();

    /// <summary>The ids the page defines: <c>A</c>, <c>A.1</c>, …, from headings that start with an id.</summary>
    private static HashSet<string> SectionIds(string page) =>
        SectionHeading().Matches(page).Select(m => m.Groups["id"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The anchors the page's headings get, by the slug rule of GitHub's Markdown renderer.</summary>
    private static HashSet<string> Anchors(string page) =>
        AnyHeading().Matches(page).Select(m => Slug(m.Groups["text"].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Lower case; letters, marks, digits, connector punctuation, hyphens and spaces kept; spaces become hyphens.</summary>
    internal static string Slug(string heading)
    {
        var slug = new StringBuilder();
        foreach (var ch in heading.Trim().ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(ch);
            if (ch == ' ') slug.Append('-');
            else if (ch == '-' || char.IsLetterOrDigit(ch) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                     or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.OtherNumber
                     or UnicodeCategory.LetterNumber)
                slug.Append(ch);
        }
        return slug.ToString();
    }

    /// <summary>The files scanned: the README, and every .cs and .md file under lib/ and tests/ outside build outputs.</summary>
    private static IEnumerable<string> ScannedFiles()
    {
        var root = Root;
        yield return Path.Combine(root, "README.md");
        foreach (var folder in new[] { "lib", "tests" })
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)) continue;
                if (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".md", StringComparison.Ordinal)) yield return path;
            }
    }

    private sealed record Hit(string File, int Line, string Text);

    private static List<Hit> Find(Regex pattern, Func<Match, IEnumerable<string>> values)
    {
        var hits = new List<Hit>();
        foreach (var path in ScannedFiles())
        {
            var relative = Path.GetRelativePath(Root, path).Replace('\\', '/');
            var lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
                foreach (Match m in pattern.Matches(lines[i]))
                    foreach (var value in values(m))
                        hits.Add(new Hit(relative, i + 1, value));
        }
        return hits;
    }

    private static IEnumerable<string> CitedIds(Match citation) =>
        CitedId().Matches(citation.Groups["list"].Value).Select(m => m.Groups["id"].Value);

    private static string Describe(IEnumerable<Hit> hits) =>
        string.Join(Environment.NewLine, hits.Select(h => $"  {h.File}:{h.Line}: {h.Text}"));

    [Fact]
    public void ThePageHasTheSectionsTheCodeIsWrittenAgainst()
    {
        var ids = SectionIds(PageText);
        string[] expected =
        [
            "A", "B", "C", "D", "E",
            .. Enumerable.Range(1, 13).Select(n => $"A.{n}"),
            .. Enumerable.Range(1, 14).Select(n => $"B.{n}"),
            .. Enumerable.Range(1, 5).Select(n => $"C.{n}"),
            .. Enumerable.Range(1, 10).Select(n => $"D.{n}"),
        ];
        var missing = expected.Where(id => !ids.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"Sections missing from {PageLink}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryCitedSectionIsAHeadingOfThePage()
    {
        var ids = SectionIds(PageText);
        var citations = Find(Citation(), CitedIds);
        Assert.True(citations.Count >= 30, $"Only {citations.Count} cited ids found; the citation pattern no longer matches the code.");
        var missing = citations.Where(c => !ids.Contains(c.Text)).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} citation(s) of {PageLink} name a section that is not a heading of the page:{Environment.NewLine}{Describe(missing)}");
    }

    [Fact]
    public void NoCitationLeavesOutTheSectionId()
    {
        var loose = Find(CommaWithoutId(), m => [m.Value]);
        Assert.True(loose.Count == 0,
            $"Cite {PageLink} as '{PageLink}, A.8' (a section id after the comma):{Environment.NewLine}{Describe(loose)}");
    }

    [Fact]
    public void NoFileCitesTheBareFileName()
    {
        var bare = Find(BareName(), m => [m.Value]);
        Assert.True(bare.Count == 0,
            $"Cite the page by its path from the repository root, {PageLink}:{Environment.NewLine}{Describe(bare)}");
    }

    [Fact]
    public void LinksToSectionsOfThePageOpen()
    {
        var page = PageText;
        var anchors = Anchors(page);
        var pageLines = page.Split('\n');
        var broken = new List<Hit>();
        for (int i = 0; i < pageLines.Length; i++)
            foreach (Match m in LinkWithinPage().Matches(pageLines[i]))
                if (!anchors.Contains(m.Groups["anchor"].Value)) broken.Add(new Hit(PageLink, i + 1, "#" + m.Groups["anchor"].Value));
        broken.AddRange(Find(LinkIntoPage(), m => [m.Groups["anchor"].Value]).Where(h => !anchors.Contains(h.Text)));
        Assert.True(broken.Count == 0, $"Links to headings that do not exist:{Environment.NewLine}{Describe(broken)}");
    }

    [Theory]
    [InlineData("### A.8 ReinMax", "a8-reinmax")]
    [InlineData("### B.3 ST at τ = 1 is unbiased for linear f", "b3-st-at-τ--1-is-unbiased-for-linear-f")]
    [InlineData("### D.5 β-sweep hyperparameters for 8×16 and 4×24", "d5-β-sweep-hyperparameters-for-816-and-424")]
    [InlineData("### D.3 ReinMax-CV's control variate", "d3-reinmax-cvs-control-variate")]
    [InlineData("## C. The VAE, protocols and hyperparameters", "c-the-vae-protocols-and-hyperparameters")]
    public void AnchorsFollowTheRenderersSlugRule(string heading, string anchor) =>
        Assert.Contains(anchor, Anchors(heading));
}
