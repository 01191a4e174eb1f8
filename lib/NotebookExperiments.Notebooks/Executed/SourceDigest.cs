using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookExperiments.Notebooks.Executed;

/// <summary>
/// A SHA-256 of what a notebook runs, sources only: each cell's type and source, in order, and the text of every script its
/// code cells <c>#load</c> (such as <c>setup.csx</c>) by path relative to the notebook's folder. Outputs, execution
/// counts and metadata do not count, so the digest changes whenever a cell or a loaded script is edited, or a cell is added,
/// removed or moved, and never when a notebook is merely run.
/// </summary>
internal static partial class SourceDigest
{
    /// <summary>The digest of the cells alone, as 64 lowercase hexadecimal digits.</summary>
    public static string Of(InteractiveDocument notebook) => Of(notebook, directory: null);

    /// <summary>The digest of the notebook file at <paramref name="path"/>, with the scripts it loads from its folder.</summary>
    public static string OfFile(string path) => Of(NotebookFile.Read(path), Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>The digest of the cells, and with <paramref name="directory"/> of the scripts loaded relative to it (a missing one counts as missing).</summary>
    public static string Of(InteractiveDocument notebook, string? directory)
    {
        // The cell type as nbformat names it ("markdown" or "code"), then the source: the definition the manifests' digests use.
        var parts = notebook.Elements.Select(c => new[] { c.IsMarkdown ? "markdown" : "code", Normalise(c.Contents) }).ToList();
        if (directory is not null)
        {
            var loads = notebook.Elements.Where(c => !c.IsMarkdown)
                .SelectMany(c => LoadDirective().Matches(c.Contents).Select(m => m.Groups["path"].Value))
                .Distinct(StringComparer.Ordinal);
            foreach (var load in loads)
            {
                var file = Path.Combine(directory, load);
                parts.Add(["load", load, File.Exists(file) ? Normalise(File.ReadAllText(file)) : "(missing)"]);
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parts))));
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n");

    [GeneratedRegex("^\\s*#load\\s+\"(?<path>[^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex LoadDirective();
}
