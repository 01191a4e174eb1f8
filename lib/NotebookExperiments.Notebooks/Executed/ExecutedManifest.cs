using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookExperiments.Notebooks.Executed;

/// <summary>
/// <c>manifest.json</c> beside the executed copies: the command that makes them and, per notebook (by file name), how its copy
/// was made (<see cref="ExecutedManifestEntry"/>). A test compares each entry's digest with the source notebook's, so a copy
/// older than its notebook is noticed. Written in the canonical JSON form of the notebooks (keys sorted, one-space indent),
/// with camel-case keys (<c>sourceSha256</c>, <c>resultsRevision</c>, …) and <c>executed</c> in UTC to the second
/// (<c>2026-01-31T12:00:00Z</c>).
/// </summary>
internal sealed class ExecutedManifest
{
    /// <summary>The manifest's file name in the folder of the executed copies.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new UtcSeconds() } };

    /// <summary>The command that regenerates the copies.</summary>
    public string Command { get; set; } = "";

    /// <summary>The entries by notebook file name.</summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public SortedDictionary<string, ExecutedManifestEntry> Notebooks { get; } = new(StringComparer.Ordinal);

    /// <summary>The manifest of a folder, or an empty one when the folder has none.</summary>
    /// <exception cref="InvalidDataException">The file is not a manifest.</exception>
    public static ExecutedManifest Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return new ExecutedManifest();
        try
        {
            return JsonSerializer.Deserialize<ExecutedManifest>(File.ReadAllText(path), Json) ?? throw new FormatException("the file holds null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a manifest of executed notebooks: {e.Message}", e);
        }
    }

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory) =>
        NotebookFile.WriteText(Path.Combine(directory, FileName), CanonicalJson.Serialize(JsonSerializer.SerializeToNode(this, Json), indent: 1));

    /// <summary>A time as UTC to the second, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    private sealed class UtcSeconds : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString() ?? "", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
