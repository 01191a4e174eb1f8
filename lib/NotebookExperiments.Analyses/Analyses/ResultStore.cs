using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The finished units of one analysis under one set of parameters, kept in an append-only JSON-lines file so that a long
/// run loses nothing: every unit is appended (one line, flushed to disk) as it finishes, and a new run with the same
/// parameters skips the units already there.
/// </summary>
/// <remarks>
/// <para>The file is <c>units-&lt;fingerprint&gt;.jsonl</c> in the analysis folder, the fingerprint being the first 16 hex digits of
/// the SHA-256 of the parameters' JSON. Changed parameters therefore open another file and never mix with old results;
/// <c>parameters-&lt;fingerprint&gt;.json</c> beside it says what the fingerprint stands for.</para>
/// <para>Line 1 is a header (analysis, fingerprint, parameters); each further line is <c>{"key": …, "unit": …}</c>. A line cut
/// short by a crash is ignored when reading and removed before the next append.</para>
/// <para>A shard (<see cref="Shard"/>) appends to its own <c>units-&lt;fingerprint&gt;.shard-I-of-N.jsonl</c>, so that concurrent
/// shards on a network file system never write the same file; every store reads all <c>units-&lt;fingerprint&gt;*.jsonl</c>
/// files of the folder, so a unit finished by any shard (or by a single process) is skipped and merged.</para>
/// </remarks>
public sealed class ResultStore
{
    private readonly Dictionary<string, JsonElement> _units = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    private ResultStore(string path, string fingerprint)
    {
        Path = path;
        Fingerprint = fingerprint;
    }

    /// <summary>The JSON-lines file.</summary>
    public string Path { get; }

    /// <summary>The parameters' fingerprint.</summary>
    public string Fingerprint { get; }

    /// <summary>The number of finished units.</summary>
    public int Count => _order.Count;

    /// <summary>The keys of the finished units, in the order they finished.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>JSON conventions of stored units: snake_case names, NaN and ∞ allowed.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The fingerprint of a parameters object: the first 16 hex digits of the SHA-256 of its JSON.</summary>
    public static string FingerprintOf(object parameters) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parameters, parameters.GetType(), JsonOptions))))[..16];

    /// <summary>Opens (or creates) the store of <paramref name="analysis"/> for <paramref name="parameters"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The file exists but its header is not this analysis's or its fingerprint differs.</exception>
    public static ResultStore Open(string directory, string analysis, object parameters) => Open(directory, analysis, parameters, null);

    /// <summary>
    /// Opens the store of <paramref name="analysis"/> for <paramref name="parameters"/> in <paramref name="directory"/> as
    /// <paramref name="shard"/> (null: a single process): reads the units of every shard's file and appends to this shard's own.
    /// </summary>
    /// <exception cref="InvalidDataException">A units file's header is not this analysis's or its fingerprint differs.</exception>
    public static ResultStore Open(string directory, string analysis, object parameters, Shard? shard)
    {
        Directory.CreateDirectory(directory);
        var fingerprint = FingerprintOf(parameters);
        var path = System.IO.Path.Combine(directory, shard is null ? $"units-{fingerprint}.jsonl" : $"units-{fingerprint}.{shard.FileTag}.jsonl");
        var store = new ResultStore(path, fingerprint);
        var parametersJson = JsonSerializer.Serialize(parameters, parameters.GetType(), new JsonSerializerOptions(JsonOptions) { WriteIndented = true });
        var parametersPath = System.IO.Path.Combine(directory, $"parameters-{fingerprint}.json");
        var temporary = parametersPath + "." + (shard?.FileTag ?? "single") + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temporary, parametersJson);
        File.Move(temporary, parametersPath, overwrite: true);
        foreach (var other in Directory.GetFiles(directory, $"units-{fingerprint}*.jsonl").Order(StringComparer.Ordinal))
            if (other != path) store.Load(other, analysis);
        if (!File.Exists(path))
        {
            var header = new JsonObject
            {
                ["analysis"] = analysis,
                ["fingerprint"] = fingerprint,
                ["parameters"] = JsonNode.Parse(JsonSerializer.Serialize(parameters, parameters.GetType(), JsonOptions)),
            };
            File.WriteAllText(path, header.ToJsonString() + "\n");
            return store;
        }
        store.Load(path, analysis);
        return store;
    }

    private void Load(string path, string analysis)
    {
        var lines = File.ReadAllText(path).Split('\n');
        if (lines.Length == 1) return; // another shard's file whose header is still being written
        using (var header = JsonDocument.Parse(lines[0]))
        {
            var root = header.RootElement;
            if (root.GetProperty("analysis").GetString() != analysis || root.GetProperty("fingerprint").GetString() != Fingerprint)
                throw new InvalidDataException($"{path} holds results of another analysis or parameter set; move it away to start over.");
        }
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var key = doc.RootElement.GetProperty("key").GetString()!;
                if (_units.TryAdd(key, doc.RootElement.GetProperty("unit").Clone())) _order.Add(key);
            }
            catch (JsonException)
            {
                // A line cut short by a crash: only possible as the last line; it is dropped before the next append.
            }
        }
    }

    /// <summary>Whether the unit with this key has finished.</summary>
    public bool Contains(string key) => _units.ContainsKey(key);

    /// <summary>A finished unit.</summary>
    public T Get<T>(string key) => _units[key].Deserialize<T>(JsonOptions)!;

    /// <summary>Every finished unit of type T, in finishing order (units of other shapes are skipped by key prefix).</summary>
    public IReadOnlyList<T> All<T>(string keyPrefix = "") =>
        _order.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)).Select(Get<T>).ToList();

    /// <summary>The keys among <paramref name="keys"/> not finished (by any shard), in the given order.</summary>
    public IReadOnlyList<string> MissingOf(IEnumerable<string> keys) => keys.Where(k => !_units.ContainsKey(k)).ToList();

    /// <summary>Records a finished unit: one line, written and flushed to disk in one call.</summary>
    /// <exception cref="InvalidOperationException">A unit with this key is already recorded.</exception>
    public void Append<T>(string key, T unit)
    {
        if (_units.ContainsKey(key)) throw new InvalidOperationException($"Unit '{key}' is already recorded in {Path}.");
        var element = JsonSerializer.SerializeToElement(unit, JsonOptions);
        var line = JsonSerializer.Serialize(new { key, unit = element }, JsonOptions) + "\n";
        RepairTail();
        using (var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }
        _units[key] = element;
        _order.Add(key);
    }

    /// <summary>Cuts a partial last line (no trailing newline) left by a crash.</summary>
    private void RepairTail()
    {
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite);
        if (stream.Length == 0) return;
        stream.Seek(-1, SeekOrigin.End);
        if (stream.ReadByte() == '\n') return;
        long position = stream.Length - 1;
        while (position > 0)
        {
            stream.Seek(position - 1, SeekOrigin.Begin);
            if (stream.ReadByte() == '\n') break;
            position--;
        }
        stream.SetLength(position);
    }
}
