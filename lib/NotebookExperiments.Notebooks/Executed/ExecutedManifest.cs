using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Notebooks.Executed;

/// <summary>
/// <c>manifest.json</c> beside the executed copies: the command that makes them and, per notebook (by file name), how its copy
/// was made (<see cref="ExecutedManifestEntry"/>). A test compares each entry's digest with the source notebook's, so a copy
/// older than its notebook is noticed. Written in the canonical JSON form of the notebooks (keys sorted, one-space indent).
/// </summary>
internal sealed class ExecutedManifest
{
    /// <summary>The manifest's file name in the folder of the executed copies.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The command that regenerates the copies.</summary>
    public string Command { get; set; } = "";

    /// <summary>The entries by notebook file name.</summary>
    public SortedDictionary<string, ExecutedManifestEntry> Notebooks { get; } = new(StringComparer.Ordinal);

    /// <summary>The manifest of a folder, or an empty one when the folder has none.</summary>
    /// <exception cref="InvalidDataException">The file is not a manifest.</exception>
    public static ExecutedManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var manifest = new ExecutedManifest();
        if (!File.Exists(path)) return manifest;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            manifest.Command = (string?)root["command"] ?? "";
            foreach (var (name, node) in root["notebooks"]?.AsObject() ?? [])
            {
                var entry = node!.AsObject();
                var parameters = (entry["parameters"]?.AsObject() ?? []).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
                manifest.Notebooks[name] = new ExecutedManifestEntry(
                    (string)entry["sourceSha256"]!, (string)entry["preset"]!, parameters, (int?)entry["resultsRevision"],
                    DateTimeOffset.Parse((string)entry["executed"]!, CultureInfo.InvariantCulture), (double)entry["seconds"]!, (int)entry["charts"]!);
            }
            return manifest;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a manifest of executed notebooks: {e.Message}", e);
        }
    }

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory)
    {
        var notebooks = new JsonObject();
        foreach (var (name, entry) in Notebooks)
        {
            var parameters = new JsonObject();
            foreach (var (key, value) in entry.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) parameters[key] = value;
            notebooks[name] = new JsonObject
            {
                ["sourceSha256"] = entry.SourceSha256,
                ["preset"] = entry.Preset,
                ["parameters"] = parameters,
                ["resultsRevision"] = entry.ResultsRevision,
                ["executed"] = entry.Executed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["seconds"] = Math.Round(entry.Seconds, 1),
                ["charts"] = entry.Charts,
            };
        }
        var root = new JsonObject { ["command"] = Command, ["notebooks"] = notebooks };
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, FileName), CanonicalJson.Serialize(root, indent: 1), new UTF8Encoding(false));
    }
}
