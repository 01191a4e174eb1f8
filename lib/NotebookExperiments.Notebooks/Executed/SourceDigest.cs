using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookExperiments.Notebooks.Executed;

/// <summary>
/// A SHA-256 of what a notebook runs, sources only: each cell's type and source, in order, and the text of every script its
/// code cells <c>#load</c> (such as <c>setup.csx</c>) by path relative to the notebook's folder, and of the scripts those name in turn
/// (<c>session.csx</c>, which setup.csx hands to the kernel once the library is built). Outputs, execution
/// counts and metadata do not count, so the digest changes whenever a cell or a loaded script is edited, or a cell is added,
/// removed or moved, and never when a notebook is merely run.
/// </summary>
internal static partial class SourceDigest
{
    /// <summary>The digest of the notebook file at <paramref name="path"/>, with the scripts it loads from its folder.</summary>
    public static string OfFile(string path) => Of(NotebookFile.Read(path), Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <summary>
    /// The digest of the cells (alone without <paramref name="directory"/>; with it, and of the scripts loaded relative to it,
    /// a missing one counting as missing), as 64 lowercase hexadecimal digits.
    /// </summary>
    public static string Of(InteractiveDocument notebook, string? directory = null)
    {
        // The cell type as nbformat names it ("markdown" or "code"), then the source: the definition the manifests' digests use.
        var parts = notebook.Elements.Select(c => new[] { c.IsMarkdown ? "markdown" : "code", Normalise(c.Contents) }).ToList();
        if (directory is not null)
        {
            // The scripts the cells #load, then the scripts those name (a #load, or a "name.csx" the script hands to the kernel
            // itself, as setup.csx does with session.csx once the library is built), each once, in the order first met.
            var pending = new Queue<string>(notebook.Elements.Where(c => !c.IsMarkdown)
                .SelectMany(c => LoadDirective().Matches(c.Contents).Select(m => m.Groups["path"].Value)));
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (pending.TryDequeue(out var load))
            {
                if (!seen.Add(load)) continue;
                var file = Path.Combine(directory, load);
                var text = File.Exists(file) ? Normalise(File.ReadAllText(file)) : null;
                parts.Add(["load", load, text ?? "(missing)"]);
                if (text is null) continue;
                foreach (Match m in LoadDirective().Matches(text)) pending.Enqueue(m.Groups["path"].Value);
                foreach (Match m in ScriptName().Matches(text)) pending.Enqueue(m.Groups["path"].Value);
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parts))));
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n");

    [GeneratedRegex("\"(?<path>[A-Za-z0-9_.-]+\\.csx)\"")]
    private static partial Regex ScriptName();

    [GeneratedRegex("^\\s*#load\\s+\"(?<path>[^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex LoadDirective();
}
