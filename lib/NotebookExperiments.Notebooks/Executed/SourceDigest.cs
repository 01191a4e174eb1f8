using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace NotebookExperiments.Notebooks.Executed;

/// <summary>
/// A SHA-256 of a notebook's cells, sources only: each cell's type and source, in order. Outputs, execution counts and
/// metadata do not count, so the digest of a notebook equals that of its executed copy made from the same cells, and changes
/// whenever a cell is edited, added, removed or moved.
/// </summary>
public static class SourceDigest
{
    /// <summary>The digest as 64 lowercase hexadecimal digits.</summary>
    public static string Of(Notebook notebook)
    {
        var cells = notebook.Cells.Select(c => new[] { c.Kind.ToString().ToLowerInvariant(), c.Source.ReplaceLineEndings("\n") }).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(cells))));
    }

    /// <summary>The digest of the notebook file at <paramref name="path"/>.</summary>
    public static string OfFile(string path) => Of(NotebookFile.Read(path));
}
