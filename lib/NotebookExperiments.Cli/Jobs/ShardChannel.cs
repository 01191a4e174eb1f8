using System.Globalization;
using System.Text.Json;
using NotebookExperiments.Analyses;
using NotebookExperiments.Native;

namespace NotebookExperiments.Cli.Jobs;

/// <summary>
/// How a shard started by <c>--jobs</c> talks to the process that started it: the parent sets <see cref="ShardSiblings.ParentVariable"/> to its
/// process id; the shard then writes its progress to standard output as lines that start with <see cref="ProgressPrefix"/> (one JSON
/// object each) instead of drawing a bar, leaves Ctrl-C to the parent (which stops every shard with SIGTERM), and stops by itself
/// when the parent is gone.
/// </summary>
internal static class ShardChannel
{
    /// <summary>The start of a progress line.</summary>
    public const string ProgressPrefix = "\u001eprogress ";

    /// <summary>Whether this process is a shard of a <c>--jobs</c> run.</summary>
    public static bool IsShard => ShardSiblings.ParentProcessId is not null;

    /// <summary>Whether the parent still runs (checked through <c>/proc</c> on Linux; assumed elsewhere).</summary>
    public static bool ParentAlive() =>
        ShardSiblings.ParentProcessId is not int pid || !Directory.Exists("/proc") || Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The line that carries <paramref name="progress"/>.</summary>
    public static string Format(AnalysisProgress progress) => ProgressPrefix + JsonSerializer.Serialize(progress);

    /// <summary>The progress a line carries, or null when it is an ordinary line.</summary>
    public static AnalysisProgress? Parse(string line)
    {
        if (!line.StartsWith(ProgressPrefix, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize<AnalysisProgress>(line.AsSpan(ProgressPrefix.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
