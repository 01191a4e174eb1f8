using System.Globalization;
using System.Text;

namespace NotebookExperiments.Cli.Slurm;

/// <summary>
/// A sharded analysis on Slurm: the command that runs it, its shards and resources, and the two batch scripts that run it — a
/// job array with one task per shard and a merge job.
/// </summary>
/// <param name="Analysis">The analysis command, e.g. <c>beta-sweep</c>.</param>
/// <param name="Launcher">How to start the command line, e.g. <c>/usr/bin/dotnet /opt/ne/notebook-experiments.dll</c> (already quoted).</param>
/// <param name="Arguments">The analysis's own arguments (preset, overrides, data folder, device), without shard, merge, output or threads.</param>
/// <param name="OutputDirectory">The shared result folder (absolute).</param>
/// <param name="WorkingDirectory">Where the tasks start (absolute).</param>
/// <param name="Shards">Array tasks.</param>
/// <param name="Resources">What each task asks for.</param>
internal sealed record SbatchScript(string Analysis, string Launcher, IReadOnlyList<string> Arguments, string OutputDirectory,
    string WorkingDirectory, int Shards, SlurmResources Resources)
{
    /// <summary>Seconds before the time limit at which Slurm sends USR1 to the batch shell, which then requeues the task.</summary>
    public const int SignalSeconds = 120;

    /// <summary>The folder of the scripts and logs: <c>&lt;out&gt;/slurm</c>.</summary>
    public string Directory => Path.Combine(OutputDirectory, "slurm");

    /// <summary>The array script's path.</summary>
    public string ArrayPath => Paths(Analysis, OutputDirectory).Array;

    /// <summary>The merge script's path.</summary>
    public string MergePath => Paths(Analysis, OutputDirectory).Merge;

    /// <summary>Where the scripts of <paramref name="analysis"/> with results in <paramref name="outputDirectory"/> are written.</summary>
    public static (string Array, string Merge) Paths(string analysis, string outputDirectory) =>
        (Path.Combine(outputDirectory, "slurm", $"{analysis}-shards.sbatch"), Path.Combine(outputDirectory, "slurm", $"{analysis}-merge.sbatch"));

    /// <summary>The command line of one shard (<c>$shard</c> set by the script) or of the merge.</summary>
    private string Command(string scope) =>
        $"{Launcher} {Analysis} {string.Join(" ", Arguments.Select(Quote))} {scope} --out {Quote(OutputDirectory)} --threads \"${{SLURM_CPUS_PER_TASK:-{Resources.Cpus}}}\"";

    /// <summary>
    /// The job array: task k runs shard k+1 of N with every ensemble checkpointing each epoch, resumes its own units and checkpoints,
    /// and requeues itself before the time limit — unless it saved nothing since it started (a time limit too short for one epoch
    /// or one unit would requeue it forever) or it was requeued <see cref="SlurmResources.MaxRequeues"/> times already.
    /// </summary>
    public string Array()
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# {Analysis} in {Shards} shards: one array task per shard (notebook-experiments --shard I/{Shards}).");
        text.AppendLine("# Each task appends its finished units to a units file of its own in the result folder and skips those already there, and");
        text.AppendLine("# every ensemble checkpoints after each epoch, so a requeued or resubmitted task goes on where it stopped.");
        text.AppendLine($"#SBATCH --job-name=ne-{Analysis}");
        text.AppendLine(FormattableString.Invariant($"#SBATCH --array=0-{Shards - 1}{(Resources.ArrayParallelism is int k ? "%" + k : "")}"));
        Common(text, "shards-%A_%a.out");
        text.AppendLine("#SBATCH --requeue");
        text.AppendLine(FormattableString.Invariant($"#SBATCH --signal=B:USR1@{SignalSeconds}"));
        text.AppendLine("set -uo pipefail");
        text.AppendLine("shard=$((SLURM_ARRAY_TASK_ID + 1))");
        text.AppendLine("task=\"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"");
        text.AppendLine("restarts=\"${SLURM_RESTART_COUNT:-0}\"");
        text.AppendLine("# Near the time limit Slurm sends USR1 to this shell: stop the analysis (SIGTERM: it stops after the current step, with its");
        text.AppendLine($"# finished units and last epoch checkpoints on disk) and put the task back in the queue, where it goes on. Exit {ExitCodes.StoppedWithoutProgress}");
        text.AppendLine("# means nothing was saved since the task started: requeueing would only repeat that.");
        text.AppendLine("requeue() {");
        text.AppendLine("  echo \"shard $shard: time limit near; stopping $task\"");
        text.AppendLine("  kill -TERM \"$child\" 2>/dev/null; wait \"$child\"; status=$?");
        text.AppendLine("  if [ \"$status\" -eq 0 ]; then echo \"shard $shard: finished\"; exit 0; fi");
        text.AppendLine($"  if [ \"$status\" -eq {ExitCodes.StoppedWithoutProgress} ]; then");
        text.AppendLine("    echo \"shard $shard: nothing was saved since this task started (the time limit is shorter than one epoch or one unit); not requeueing. Submit it again with a longer --time.\"");
        text.AppendLine("    exit 1");
        text.AppendLine("  fi");
        text.AppendLine(FormattableString.Invariant($"  if [ \"$restarts\" -ge {Resources.MaxRequeues} ]; then"));
        text.AppendLine(FormattableString.Invariant($"    echo \"shard $shard: requeued $restarts times already (--max-requeues {Resources.MaxRequeues}); not requeueing again.\""));
        text.AppendLine("    exit 1");
        text.AppendLine("  fi");
        text.AppendLine("  echo \"shard $shard: requeueing $task (restart $((restarts + 1)))\"");
        text.AppendLine("  scontrol requeue \"$task\"");
        text.AppendLine("  exit 0");
        text.AppendLine("}");
        text.AppendLine("trap requeue USR1");
        text.AppendLine("# --threads fixes LibTorch's threads to the task's CPUs, which Slurm gives to this task alone: it shares them with no other run.");
        text.AppendLine($"{Command($"--shard \"$shard/{Shards}\" --checkpoint-ensembles")} &");
        text.AppendLine("child=$!");
        text.AppendLine("wait \"$child\"");
        text.AppendLine("status=$?");
        text.AppendLine("echo \"shard $shard: exit $status\"");
        text.AppendLine("exit $status");
        return text.ToString();
    }

    /// <summary>
    /// The merge job: reads every shard's units, writes the results, and lists missing units with the array tasks to submit again
    /// (exit 3). It computes nothing, so it asks for one core and no GPU and runs on the CPU, reading the units of the shards' device.
    /// </summary>
    public string Merge()
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# Merges the shards of {Analysis}: submitted with --dependency=afterany:<array job>, so it runs once every task has ended,");
        text.AppendLine("# whether it finished, failed or timed out; it runs nothing itself and exits 3 when units are missing, naming the tasks to submit again.");
        text.AppendLine($"#SBATCH --job-name=ne-{Analysis}-merge");
        Common(text, "merge-%j.out", merge: true);
        text.AppendLine("set -uo pipefail");
        text.AppendLine(Command(FormattableString.Invariant($"--merge --shards {Shards}")));
        return text.ToString();
    }

    private void Common(StringBuilder text, string log, bool merge = false)
    {
        // sbatch reads #SBATCH values with shell-like quoting; '%' starts a file-name pattern, so a literal one is doubled.
        text.AppendLine($"#SBATCH --output={Quote(Path.Combine(Directory, "logs").Replace("%", "%%") + "/" + log)}");
        text.AppendLine("#SBATCH --open-mode=append");
        text.AppendLine($"#SBATCH --chdir={Quote(WorkingDirectory)}");
        text.AppendLine(FormattableString.Invariant($"#SBATCH --cpus-per-task={(merge ? 1 : Resources.Cpus)}"));
        if (!merge && Resources.Gpus > 0) text.AppendLine(FormattableString.Invariant($"#SBATCH --gpus={Resources.Gpus}"));
        if (Resources.Partition is { } p) text.AppendLine($"#SBATCH --partition={p}");
        if (!merge && Resources.Time is { } t) text.AppendLine($"#SBATCH --time={t}");
    }

    /// <summary>Quotes a word for bash (and for sbatch's #SBATCH lines) when it needs it.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+%@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>How this program starts: the dotnet host and this assembly.</summary>
    public static string CurrentLauncher()
    {
        var dll = typeof(SbatchScript).Assembly.Location;
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : FindOnPath("dotnet") ?? "dotnet";
        return $"{Quote(host)} {Quote(dll)}";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>The shards' member-steps, for the plan printed before submitting.</summary>
    public static string DescribeLoads(IReadOnlyList<double> loads) =>
        string.Format(CultureInfo.InvariantCulture, "{0:N0} member-steps in all, {1:N0}–{2:N0} per shard", loads.Sum(), loads.Min(), loads.Max());
}
