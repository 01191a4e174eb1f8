using System.Text;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Cli;

/// <summary>
/// An analysis run that ends without its results: a shard that finished its share while other shards' units are missing (exit 0),
/// or a merge that found units missing (exit 3). The message says what is missing and what to run next: under Slurm, the array
/// tasks to submit again and the merge to submit after them.
/// </summary>
internal sealed class IncompleteRunException(string message, int exitCode) : Exception(message)
{
    /// <summary>The exit code of the command.</summary>
    public int ExitCode { get; } = exitCode;

    public static IncompleteRunException Of(MissingUnitsException missing, RunScope scope, string directory)
    {
        if (scope.Shard is not null && !scope.MergeOnly && Jobs.ShardChannel.IsShard)
            return new IncompleteRunException($"{missing.Analysis}: shard {scope.Shard} done.", 0);   // its parent merges
        if (scope.Shard is { } shard && !scope.MergeOnly)
            return new IncompleteRunException($"{missing.Analysis}: shard {shard} done; {missing.Missing.Count} of {missing.Total} units belong to " +
                                              $"other shards that have not finished yet. When every shard is done, run the same command with " +
                                              $"--merge instead of --shard to write the results in {directory}.", 0);
        var text = new StringBuilder();
        text.AppendLine($"{missing.Analysis}: {missing.Missing.Count} of {missing.Total} units are missing in {directory}.");
        if (missing.Shards.Count > 0)
        {
            text.AppendLine($"They belong to shard{(missing.Shards.Count == 1 ? "" : "s")} {string.Join(", ", missing.Shards)} of {scope.ShardCount}.");
            var scripts = Slurm.SbatchScript.Paths(missing.Analysis, directory);
            if (File.Exists(scripts.Array))
            {
                var tasks = string.Join(",", missing.Shards.Select(s => s - 1));
                text.AppendLine($"Under Slurm these are array tasks {tasks}; submit them again, then the merge after them:");
                text.AppendLine($"  array=$(sbatch --parsable --array={tasks} {Slurm.SbatchScript.Quote(scripts.Array)})");
                text.AppendLine($"  sbatch --dependency=afterany:$array {Slurm.SbatchScript.Quote(scripts.Merge)}");
            }
            else
            {
                text.AppendLine($"Run them (--shard I/{scope.ShardCount}), then this merge again.");
            }
        }
        else
        {
            text.AppendLine("Run the missing shards (or the command without --merge) first.");
        }
        text.AppendLine("Missing:");
        foreach (var key in missing.Missing.Take(20)) text.AppendLine("  " + UnitKey.LabelOf(key));
        if (missing.Missing.Count > 20) text.AppendLine($"  … and {missing.Missing.Count - 20} more");
        return new IncompleteRunException(text.ToString().TrimEnd(), ExitCodes.MissingUnits);
    }
}
