using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks;

/// <summary>
/// Reads and writes <c>.ipynb</c> files (nbformat 4). Writing always produces the canonical form VS Code writes:
/// keys sorted recursively, one-space indent, every multiline string (cell <c>source</c>, stream <c>text</c>,
/// <c>text/*</c> output data) as a list of lines each ending in <c>\n</c> except the last, and a trailing newline.
/// A notebook committed in that form is left byte-for-byte unchanged when VS Code saves it.
/// </summary>
public static class NotebookFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    public static Notebook Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>Parses notebook JSON.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">Where the text came from, for error messages.</param>
    /// <exception cref="InvalidDataException">The text is not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string source = "notebook")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message}).", e);
        }
        if (root is not JsonObject obj) throw new InvalidDataException($"{source}: a notebook is a JSON object.");
        try
        {
            return FromJson(obj, source);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{source}: not an nbformat 4 notebook ({e.Message}).", e);
        }
    }

    /// <summary>Writes a notebook in canonical form (UTF-8 without byte order mark).</summary>
    public static void Write(Notebook notebook, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToCanonicalJson(notebook), Utf8NoBom);
    }

    /// <summary>The canonical text of a notebook, as <see cref="Write"/> writes it.</summary>
    public static string ToCanonicalJson(Notebook notebook) => CanonicalJson.Serialize(ToJson(notebook), indent: 1);

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

    private static Notebook FromJson(JsonObject root, string source)
    {
        var notebook = new Notebook();
        foreach (var (key, value) in root)
        {
            switch (key)
            {
                case "nbformat": notebook.FormatVersion = value!.GetValue<int>(); break;
                case "nbformat_minor": notebook.FormatMinorVersion = value!.GetValue<int>(); break;
                case "metadata": notebook.Metadata = (JsonObject)value!.DeepClone(); break;
                case "cells": break;
                default: notebook.ExtraProperties[key] = value?.DeepClone(); break;
            }
        }
        if (notebook.FormatVersion != 4)
            throw new InvalidDataException($"{source}: nbformat {notebook.FormatVersion} is not supported (only 4).");
        if (root["cells"] is not JsonArray cells) throw new InvalidDataException($"{source}: no \"cells\" array.");
        foreach (var cell in cells) notebook.Cells.Add(CellFromJson((JsonObject)cell!, source));
        return notebook;
    }

    private static NotebookCell CellFromJson(JsonObject json, string source)
    {
        var kind = json["cell_type"]?.GetValue<string>() switch
        {
            "markdown" => CellKind.Markdown,
            "code" => CellKind.Code,
            "raw" => CellKind.Raw,
            var other => throw new InvalidDataException($"{source}: unknown cell_type '{other}'."),
        };
        var cell = new NotebookCell(kind, MultilineText.Read(json["source"]) ?? "");
        foreach (var (key, value) in json)
        {
            switch (key)
            {
                case "cell_type" or "source": break;
                case "metadata": cell.Metadata = (JsonObject)value!.DeepClone(); break;
                case "id": cell.Id = value?.GetValue<string>(); break;
                case "execution_count" when kind == CellKind.Code: cell.ExecutionCount = value?.GetValue<int>(); break;
                case "outputs" when kind == CellKind.Code:
                    foreach (var output in (JsonArray)value!) cell.Outputs.Add(OutputFromJson((JsonObject)output!, source));
                    break;
                default: cell.ExtraProperties[key] = value?.DeepClone(); break;
            }
        }
        return cell;
    }

    private static CellOutput OutputFromJson(JsonObject json, string source)
    {
        var kind = json["output_type"]?.GetValue<string>() switch
        {
            "stream" => CellOutputKind.Stream,
            "display_data" => CellOutputKind.DisplayData,
            "execute_result" => CellOutputKind.ExecuteResult,
            "error" => CellOutputKind.Error,
            var other => throw new InvalidDataException($"{source}: unknown output_type '{other}'."),
        };
        var output = CellOutput.Empty(kind);
        foreach (var (key, value) in json)
        {
            switch (key)
            {
                case "output_type": break;
                case "name" when kind == CellOutputKind.Stream: output.StreamName = value?.GetValue<string>(); break;
                case "text" when kind == CellOutputKind.Stream: output.Text = MultilineText.Read(value) ?? ""; break;
                case "data" when kind is CellOutputKind.DisplayData or CellOutputKind.ExecuteResult:
                    foreach (var (mime, data) in (JsonObject)value!)
                        output.Data[mime] = data is JsonArray lines && lines.All(l => l is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                            ? JsonValue.Create(MultilineText.Read(lines))
                            : data?.DeepClone();
                    break;
                case "metadata" when kind is CellOutputKind.DisplayData or CellOutputKind.ExecuteResult: output.Metadata = (JsonObject)value!.DeepClone(); break;
                case "execution_count" when kind == CellOutputKind.ExecuteResult: output.ExecutionCount = value?.GetValue<int>(); break;
                case "ename" when kind == CellOutputKind.Error: output.ErrorName = value?.GetValue<string>(); break;
                case "evalue" when kind == CellOutputKind.Error: output.ErrorValue = value?.GetValue<string>(); break;
                case "traceback" when kind == CellOutputKind.Error:
                    output.Traceback.AddRange(((JsonArray)value!).Select(l => l?.GetValue<string>() ?? ""));
                    break;
                default: output.ExtraProperties[key] = value?.DeepClone(); break;
            }
        }
        return output;
    }

    /// <summary>The notebook as a JSON object in nbformat 4 layout (unsorted; the writer sorts).</summary>
    internal static JsonObject ToJson(Notebook notebook)
    {
        var root = (JsonObject)notebook.ExtraProperties.DeepClone();
        root["cells"] = new JsonArray(notebook.Cells.Select(c => (JsonNode?)CellToJson(c)).ToArray());
        root["metadata"] = notebook.Metadata.DeepClone();
        root["nbformat"] = notebook.FormatVersion;
        root["nbformat_minor"] = notebook.FormatMinorVersion;
        return root;
    }

    private static JsonObject CellToJson(NotebookCell cell)
    {
        var json = (JsonObject)cell.ExtraProperties.DeepClone();
        json["cell_type"] = cell.Kind switch
        {
            CellKind.Markdown => "markdown",
            CellKind.Code => "code",
            _ => "raw",
        };
        json["metadata"] = cell.Metadata.DeepClone();
        json["source"] = MultilineText.Write(cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal));
        if (cell.Id is not null) json["id"] = cell.Id;
        if (cell.Kind == CellKind.Code)
        {
            json["execution_count"] = cell.ExecutionCount is int n ? JsonValue.Create(n) : null;
            json["outputs"] = new JsonArray(cell.Outputs.Select(o => (JsonNode?)OutputToJson(o)).ToArray());
        }
        return json;
    }

    private static JsonObject OutputToJson(CellOutput output)
    {
        var json = (JsonObject)output.ExtraProperties.DeepClone();
        switch (output.Kind)
        {
            case CellOutputKind.Stream:
                json["output_type"] = "stream";
                json["name"] = output.StreamName ?? "stdout";
                json["text"] = MultilineText.Write(output.Text ?? "");
                break;
            case CellOutputKind.DisplayData:
            case CellOutputKind.ExecuteResult:
                json["output_type"] = output.Kind == CellOutputKind.DisplayData ? "display_data" : "execute_result";
                var data = new JsonObject();
                foreach (var (mime, value) in output.Data)
                {
                    data[mime] = mime.StartsWith("text/", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out var text)
                        ? MultilineText.Write(text)
                        : value?.DeepClone();
                }
                json["data"] = data;
                json["metadata"] = output.Metadata.DeepClone();
                if (output.Kind == CellOutputKind.ExecuteResult)
                    json["execution_count"] = output.ExecutionCount is int n ? JsonValue.Create(n) : null;
                break;
            case CellOutputKind.Error:
                json["output_type"] = "error";
                json["ename"] = output.ErrorName ?? "";
                json["evalue"] = output.ErrorValue ?? "";
                json["traceback"] = new JsonArray(output.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
                break;
        }
        return json;
    }
}
