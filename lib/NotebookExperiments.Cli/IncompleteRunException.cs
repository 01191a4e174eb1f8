using System.Text;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Cli;

/// <summary>
/// An analysis run that ends without its table: a shard that finished its share while other shards' units are missing (exit 0),
/// or a merge that found units missing (exit 3). The message says what is missing and what to run next.
/// </summary>
internal sealed class IncompleteRunException(string message, int exitCode) : Exception(message)
{
    /// <summary>The exit code of the command.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The exit code of a merge with missing units.</summary>
    public const int MissingUnitsExitCode = 3;

    public static IncompleteRunException Of(MissingUnitsException missing, RunScope scope, string directory)
    {
        var text = new StringBuilder();
        if (scope.Shard is { } shard && !scope.MergeOnly)
        {
            text.AppendLine($"{missing.Analysis}: shard {shard} done; {missing.Missing.Count} of {missing.Total} units belong to other shards " +
                            $"that have not finished yet. When every shard is done, run the same command with --merge instead of --shard " +
                            $"to write the CSVs and figure in {directory}.");
            return new IncompleteRunException(text.ToString().TrimEnd(), 0);
        }
        text.AppendLine($"{missing.Analysis}: {missing.Missing.Count} of {missing.Total} units are missing in {directory}; " +
                        "run the missing shards (or the command without --merge) first. Missing:");
        foreach (var key in missing.Missing.Take(20)) text.AppendLine("  " + key);
        if (missing.Missing.Count > 20) text.AppendLine($"  … and {missing.Missing.Count - 20} more");
        return new IncompleteRunException(text.ToString().TrimEnd(), MissingUnitsExitCode);
    }
}
