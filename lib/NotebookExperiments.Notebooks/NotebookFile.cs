using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// Reads and writes <c>.ipynb</c> files (nbformat 4) with .NET Interactive's own notebook model and Jupyter converter
/// (Microsoft.DotNet.Interactive.Documents: <see cref="InteractiveDocument"/>, <see cref="Notebook.Parse"/>,
/// <see cref="Notebook.ToJupyterJson"/>), and writes them in the canonical form VS Code writes: keys sorted recursively,
/// one-space indent, every multiline string (cell <c>source</c>, stream <c>text</c>, <c>text/*</c> output data) as a list of
/// lines each ending in <c>\n</c> except the last, and a trailing newline. A notebook committed in that form is left
/// byte-for-byte unchanged when VS Code saves it.
/// </summary>
/// <remarks>
/// <para>The library's writer produces the structure (cells, outputs, line lists, the kernel keys of code cells); what it
/// cannot do is done here, on its JSON: it keeps metadata keys in the order read or set (VS Code sorts them), writes
/// <c>nbformat_minor</c> 5 always (notebooks here are 4.4: 4.5 requires cell ids, and ids made afresh would change on every
/// regeneration; a notebook whose cells carry ids stays 4.5), splits every MIME value into lines (VS Code keeps base64 images
/// one string), writes as System.Text.Json does (astral characters as surrogate-pair escapes, <c>\u001B</c>, <c>1E-07</c>; VS Code
/// writes them as <c>JSON.stringify</c> does: 😀, <c>\u001b</c>, <c>1e-7</c>) and ends without a newline. <see cref="CanonicalJson"/> writes the result.</para>
/// <para>What the library's model does not keep is lost on a round trip: <c>raw</c> cells (read as code, so they are refused
/// here), cell <c>attachments</c>, unknown top-level properties, and JSON-valued output data (which its writer refuses).
/// Notebooks here use none of them.</para>
/// </remarks>
internal static class NotebookFile
{
    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook, or has raw cells.</exception>
    public static InteractiveDocument Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">Where the text came from, for error messages.</param>
    /// <exception cref="InvalidDataException">The text is not an nbformat 4 notebook, or has raw cells.</exception>
    public static InteractiveDocument Parse(string json, string source = "notebook")
    {
        try
        {
            // The library reads neither nbformat nor raw cells (it reads them as code): check both first.
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{source}: a notebook is a JSON object.");
                if (!root.TryGetProperty("nbformat", out var format) || !format.TryGetInt32(out var version) || version != 4)
                    throw new InvalidDataException($"{source}: only nbformat 4 notebooks are supported.");
                if (root.TryGetProperty("cells", out var cells) && cells.ValueKind == JsonValueKind.Array
                    && cells.EnumerateArray().Any(c => c.TryGetProperty("cell_type", out var type) && type.ValueEquals("raw")))
                    throw new InvalidDataException($"{source}: raw cells are not supported.");
            }
            return Notebook.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not an nbformat 4 notebook ({e.Message}).", e);
        }
    }

    /// <summary>Writes a notebook in canonical form (UTF-8 without byte order mark).</summary>
    public static void Write(InteractiveDocument notebook, string path) => WriteText(path, ToCanonicalJson(notebook));

    /// <summary>Writes text as UTF-8 without byte order mark (<see cref="File.WriteAllText(string, string)"/>), creating its folder.</summary>
    internal static void WriteText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }

    /// <summary>The canonical text of a notebook, as <see cref="Write"/> writes it.</summary>
    public static string ToCanonicalJson(InteractiveDocument notebook)
    {
        var root = JsonNode.Parse(notebook.ToJupyterJson())!.AsObject();
        var cells = root["cells"]!.AsArray();
        root["nbformat_minor"] = cells.Any(c => c!.AsObject().ContainsKey("id")) ? 5 : 4;
        foreach (var data in cells.SelectMany(c => c!["outputs"]?.AsArray() ?? []).Select(o => o!["data"]).OfType<JsonObject>())
            foreach (var (mime, value) in data.ToList())
                if (!mime.StartsWith("text/", StringComparison.Ordinal) && value is JsonArray lines)
                    data[mime] = string.Concat(lines.Select(l => l!.GetValue<string>()));
        return CanonicalJson.Serialize(root, indent: 1);
    }

    /// <summary>Whether a file is already in canonical form (reading and writing it again changes no byte).</summary>
    public static bool IsCanonical(string path) => DescribeNonCanonical(path) is null;

    /// <summary>Null when a file is in canonical form; otherwise where it first differs from it, for a test's message.</summary>
    public static string? DescribeNonCanonical(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            return $"{path}: starts with a UTF-8 byte order mark.";
        var text = Encoding.UTF8.GetString(bytes);
        var canonical = ToCanonicalJson(Parse(text, path));
        if (text == canonical) return null;
        var actualLines = text.Split('\n');
        var expectedLines = canonical.Split('\n');
        for (int i = 0; i < Math.Max(actualLines.Length, expectedLines.Length); i++)
        {
            var actual = i < actualLines.Length ? actualLines[i] : "<end of file>";
            var expected = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            if (actual != expected)
                return $"{path}: line {i + 1} is `{Shorten(actual)}`; the canonical form has `{Shorten(expected)}`.";
        }
        return $"{path}: differs from its canonical form.";
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
