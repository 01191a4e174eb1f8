using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookExperiments.Analyses;

/// <summary>
/// How a result folder's files were made, written beside them as <c>provenance.json</c> by every run that writes them: the
/// analysis and its parameters, whether they are the paper's protocol, the command, the code (commit and results revision), the
/// machine and device, when and how long, and how many units this run computed against those it found finished.
/// </summary>
/// <param name="Analysis">The analysis.</param>
/// <param name="Description">The parameters in one line (<see cref="IPreparedAnalysis.Describe"/>).</param>
/// <param name="Preset">The preset the parameters started from (<c>quick</c>, <c>paper</c>, <c>custom</c>).</param>
/// <param name="PaperProtocol">Whether the parameters are the published protocol (null where no paper fixes one).</param>
/// <param name="Parameters">The parameters as JSON.</param>
/// <param name="Command">The command line, or a notebook's name.</param>
/// <param name="Commit">The repository's commit (with <c>+changes</c> when the work tree differs from it), or null outside a repository.</param>
/// <param name="ResultsRevision">The <see cref="Analyses.ResultsRevision"/> the units were computed under.</param>
/// <param name="Machine">Host, operating system, processor and cores.</param>
/// <param name="Device">The device kind of the units.</param>
/// <param name="Threads">TorchSharp's intra-op threads the run had alone: the user's count, or all cores (a run that shared the cores
/// with others ran fewer at times, which changes no number; <c>--jobs N</c>: the threads of each process).</param>
/// <param name="Started">When this run started (UTC).</param>
/// <param name="Seconds">How long this run took.</param>
/// <param name="Units">All units of the analysis.</param>
/// <param name="UnitsComputed">Units this run computed (the others were found finished).</param>
public sealed record Provenance(string Analysis, string Description, string Preset, bool? PaperProtocol, JsonNode? Parameters, string Command,
    string? Commit, int ResultsRevision, string Machine, string Device, int Threads, DateTimeOffset Started, double Seconds, int Units, int UnitsComputed)
{
    /// <summary>The file name in the result folder.</summary>
    public const string FileName = "provenance.json";

    /// <summary>
    /// The file a run writes when it starts and deletes once it has written its files and <see cref="FileName"/>: while it is there,
    /// a run with these parameters has started and not finished (it is running, was stopped, or is a shard or a merge still waiting
    /// for other shards' units). Its <see cref="Seconds"/> and <see cref="UnitsComputed"/> are 0.
    /// </summary>
    public const string StartedFileName = "provenance-started.json";

    /// <summary>The command that started this process as a user would type it (program name and arguments).</summary>
    public static string CurrentCommand()
    {
        var args = Environment.GetCommandLineArgs();
        var program = Path.GetFileNameWithoutExtension(args.Length > 0 ? args[0] : "notebook-experiments");
        return string.Join(" ", new[] { program }.Concat(args.Skip(1).Select(a => a.Contains(' ') ? $"\"{a}\"" : a)));
    }

    /// <summary>This machine in one line: host, operating system, processor model and cores.</summary>
    public static string CurrentMachine() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Environment.MachineName}; {RuntimeInformation.OSDescription}; {CpuName()}; {Environment.ProcessorCount} cores");

    /// <summary>The processor's model name (from <c>/proc/cpuinfo</c> where there is one), else the process architecture.</summary>
    internal static string CpuName()
    {
        string? cpu = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
        }
        return cpu ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The commit of the repository at <paramref name="root"/> (<c>git rev-parse HEAD</c>, with <c>+changes</c> when the
    /// tracked files differ from it), or null when git or the repository is not there.</summary>
    public static string? CommitOf(string? root)
    {
        if (root is null || !Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git"))) return null;
        var head = Git(root, "rev-parse", "HEAD");
        if (head is null) return null;
        var changes = Git(root, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(changes) ? head.Trim() : head.Trim() + "+changes";
    }

    private static string? Git(string root, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000)) return null;
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Writes <c>provenance.json</c> into <paramref name="directory"/> (atomically) and returns its path.</summary>
    public string WriteTo(string directory) => Write(Path.Combine(directory, FileName));

    /// <summary>Writes this provenance of a run that has just started into <paramref name="directory"/> as <see cref="StartedFileName"/> (atomically).</summary>
    public string WriteStartedTo(string directory) => Write(Path.Combine(directory, StartedFileName));

    private string Write(string path)
    {
        CsvFile.WriteAtomically(path, JsonSerializer.Serialize(this, new JsonSerializerOptions(ResultStore.JsonOptions) { WriteIndented = true }) + "\n");
        return path;
    }

    /// <summary>Reads a result folder's provenance, or null when it has none or it is unreadable.</summary>
    public static Provenance? ReadFrom(string directory) => Read(Path.Combine(directory, FileName));

    /// <summary>Reads the provenance of a run that started in the folder and has not finished (<see cref="StartedFileName"/>), or null.</summary>
    public static Provenance? ReadStartedFrom(string directory) => Read(Path.Combine(directory, StartedFileName));

    private static Provenance? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Provenance>(File.ReadAllText(path), ResultStore.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
