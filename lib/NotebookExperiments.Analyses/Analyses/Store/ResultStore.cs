using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The finished units of one analysis in one result folder, kept in append-only JSON-lines files so that a long run loses
/// nothing: every unit is appended (one line, flushed to disk) as it finishes, and a later run skips the units already there.
/// </summary>
/// <remarks>
/// <para><b>Identity.</b> A unit's key names everything its numbers depend on (<see cref="UnitKey"/>: a readable label and a hash of
/// its inputs — configuration, optimiser, learning rate, epochs, data, the estimator's canonical spec and, for an estimator
/// written in a notebook, a hash of its code). Units are therefore reused by any parameter set that needs them (adding an
/// estimator to a table reuses the runs of the others) and never by one that needs something else. What the key cannot name —
/// the code that computed it and the device — is in each file's header: a file written under another
/// <see cref="ResultsRevision"/> or on another device is not read (<see cref="Ignored"/> says which and why).</para>
/// <para><b>Files.</b> Every writer (a process; under Slurm a job, array task and restart) appends to its own
/// <c>units-&lt;writer&gt;.jsonl</c>, created on its first unit, so that two processes, a requeued task and the instance it
/// replaced, or two clients of a network file system never append to one file. A store reads every <c>units-*.jsonl</c> file
/// of the folder. Line 1 is a header (format, analysis, revision, device, writer), written to a temporary file, flushed to disk
/// and renamed into place, so that a file is either absent or has its header; each further line is
/// <c>{"key": …, "unit": …}</c>. A line cut short by a crash is ignored; a file whose header is unreadable is skipped.</para>
/// </remarks>
public sealed class ResultStore
{
    /// <summary>The format of the files this class writes (the header's <c>format</c>).</summary>
    public const int Format = 2;

    private readonly Dictionary<string, JsonElement> _units = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<IgnoredFile> _ignored = [];
    private readonly string _writer;
    private bool _created;

    private ResultStore(string directory, string analysis, string device, string writer)
    {
        Directory = directory;
        Analysis = analysis;
        Device = device;
        _writer = writer;
        Path = System.IO.Path.Combine(directory, $"units-{writer}.jsonl");
    }

    /// <summary>The result folder.</summary>
    public string Directory { get; }

    /// <summary>The analysis whose units these are.</summary>
    public string Analysis { get; }

    /// <summary>The device kind the units were computed on (<c>cpu</c>, <c>cuda</c>): units of other devices are not read.</summary>
    public string Device { get; }

    /// <summary>This writer's file (created with its first unit).</summary>
    public string Path { get; }

    /// <summary>The number of finished units.</summary>
    public int Count => _order.Count;

    /// <summary>The keys of the finished units, in the order they were read and recorded.</summary>
    public IReadOnlyList<string> Keys => _order;

    /// <summary>Units files of the folder that were not read, with the reason (another revision, device or analysis, an unreadable header).</summary>
    public IReadOnlyList<IgnoredFile> Ignored => _ignored;

    /// <summary>JSON conventions of stored units: snake_case names, NaN and ∞ allowed.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Opens the store of <paramref name="analysis"/> in <paramref name="directory"/> (created when missing): reads the units of every
    /// units file written by the current <see cref="ResultsRevision"/> on <paramref name="device"/>, and appends new units to a file
    /// of this writer's own.
    /// </summary>
    /// <param name="directory">The result folder.</param>
    /// <param name="analysis">The analysis name.</param>
    /// <param name="device">The device kind of the units (<c>cpu</c> or <c>cuda</c>); null to accept the one device the folder's units
    /// were computed on (a merge, which computes nothing).</param>
    /// <param name="writer">This writer's name (<see cref="StoreWriter.Current"/> when null).</param>
    /// <exception cref="InvalidDataException"><paramref name="device"/> is null and the folder holds units of several devices.</exception>
    public static ResultStore Open(string directory, string analysis, string? device = "cpu", string? writer = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        var files = System.IO.Directory.GetFiles(directory, "units-*.jsonl").Order(StringComparer.Ordinal).ToList();
        var headers = files.Select(f => (File: f, Header: ReadHeader(f))).ToList();
        if (device is null)
        {
            var devices = headers.Where(h => h.Header is { } x && x.Analysis == analysis && x.Revision == ResultsRevision.Current)
                .Select(h => h.Header!.Device).Distinct().ToList();
            if (devices.Count > 1)
                throw new InvalidDataException($"{directory} holds {analysis} units computed on {string.Join(" and ", devices)}; " +
                                               "give --device to say which to use.");
            device = devices.Count == 1 ? devices[0] : "cpu";
        }
        var store = new ResultStore(directory, analysis, device, writer ?? StoreWriter.Current());
        foreach (var (file, header) in headers)
        {
            var reason = header is null ? "its header is missing or unreadable (a crash while it was created)"
                : header.Format != Format ? $"it is in format {header.Format} of an earlier version"
                : header.Analysis != analysis ? $"it holds units of {header.Analysis}"
                : header.Revision != ResultsRevision.Current ? $"it was computed by results revision {header.Revision}, not {ResultsRevision.Current}"
                : header.Device != device ? $"it was computed on {header.Device}, not {device}"
                : null;
            if (reason is null) store.Load(file);
            else store._ignored.Add(new IgnoredFile(file, reason));
        }
        return store;
    }

    private sealed record Header(int Format, string Analysis, int Revision, string Device);

    private static Header? ReadHeader(string path)
    {
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var line = reader.ReadLine();
            if (string.IsNullOrWhiteSpace(line)) return null;
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            int format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : 1;
            string analysis = root.TryGetProperty("analysis", out var a) ? a.GetString() ?? "" : "";
            int revision = root.TryGetProperty("revision", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0;
            string device = root.TryGetProperty("device", out var d) ? d.GetString() ?? "" : "";
            return new Header(format, analysis, revision, device);
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private void Load(string path)
    {
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var key = doc.RootElement.GetProperty("key").GetString()!;
                if (_units.TryAdd(key, doc.RootElement.GetProperty("unit").Clone())) _order.Add(key);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // A line cut short by a crash: only possible as the last line of a file whose writer died.
            }
        }
    }

    /// <summary>Whether the unit with this key has finished.</summary>
    public bool Contains(string key) => _units.ContainsKey(key);

    /// <summary>A finished unit.</summary>
    /// <exception cref="KeyNotFoundException">No unit with this key.</exception>
    public T Get<T>(string key) => _units.TryGetValue(key, out var unit)
        ? unit.Deserialize<T>(JsonOptions)!
        : throw new KeyNotFoundException($"No unit '{key}' in {Directory}.");

    /// <summary>The keys among <paramref name="keys"/> not finished (by any writer), in the given order.</summary>
    public IReadOnlyList<string> MissingOf(IEnumerable<string> keys) => keys.Where(k => !_units.ContainsKey(k)).ToList();

    /// <summary>Records a finished unit: one line, written and flushed to disk in one call (the file is created first when needed).</summary>
    /// <exception cref="InvalidOperationException">A unit with this key is already recorded.</exception>
    public void Append<T>(string key, T unit)
    {
        if (_units.ContainsKey(key)) throw new InvalidOperationException($"Unit '{key}' is already recorded in {Directory}.");
        var element = JsonSerializer.SerializeToElement(unit, JsonOptions);
        var line = JsonSerializer.Serialize(new { key, unit = element }, JsonOptions) + "\n";
        if (!_created) CreateFile();
        WriteToDisk(Path, FileMode.Append, line);
        _units[key] = element;
        _order.Add(key);
    }

    /// <summary>Creates this writer's file with its header: written to a temporary file, flushed to disk, renamed into place.</summary>
    private void CreateFile()
    {
        if (File.Exists(Path)) throw new InvalidOperationException($"{Path} exists already: two writers were given the same name.");
        var header = new JsonObject
        {
            ["format"] = Format,
            ["analysis"] = Analysis,
            ["revision"] = ResultsRevision.Current,
            ["device"] = Device,
            ["writer"] = _writer,
            ["created"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        var temporary = System.IO.Path.Combine(Directory, $".{System.IO.Path.GetFileName(Path)}.tmp");
        WriteToDisk(temporary, FileMode.Create, header.ToJsonString() + "\n");
        File.Move(temporary, Path, overwrite: false);
        _created = true;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> in one call and flushes it to disk.</summary>
    private static void WriteToDisk(string path, FileMode mode, string text)
    {
        using var stream = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }
}

/// <summary>A units file a store did not read, and why.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, e.g. <c>it was computed on cuda, not cpu</c>.</param>
public sealed record IgnoredFile(string Path, string Reason);
