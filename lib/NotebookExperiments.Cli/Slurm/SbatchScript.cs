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
    public string ArrayPath => Path.Combine(Directory, $"{Analysis}-shards.sbatch");

    /// <summary>The merge script's path.</summary>
    public string MergePath => Path.Combine(Directory, $"{Analysis}-merge.sbatch");

    /// <summary>The command line of one shard (<c>$shard</c> set by the script) or of the merge.</summary>
    private string Command(string scope) =>
        $"{Launcher} {Analysis} {string.Join(" ", Arguments.Select(Quote))} {scope} --out {Quote(OutputDirectory)} --threads \"${{SLURM_CPUS_PER_TASK:-{Resources.Cpus}}}\"";

    /// <summary>The job array: task k runs shard k+1 of N, resumes its own units, and requeues itself before the time limit.</summary>
    public string Array()
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# {Analysis} in {Shards} shards: one array task per shard (notebook-experiments --shard I/{Shards}).");
        text.AppendLine("# Each shard appends its finished units to its own units-<fingerprint>.shard-I-of-N.jsonl in the result folder and skips");
        text.AppendLine("# those already there, so a requeued or resubmitted task resumes (an ensemble also resumes from its last epoch checkpoint).");
        text.AppendLine($"#SBATCH --job-name=ne-{Analysis}");
        text.AppendLine(FormattableString.Invariant($"#SBATCH --array=0-{Shards - 1}{(Resources.ArrayParallelism is int k ? "%" + k : "")}"));
        Common(text, "shards-%A_%a.out");
        text.AppendLine("#SBATCH --requeue");
        text.AppendLine(FormattableString.Invariant($"#SBATCH --signal=B:USR1@{SignalSeconds}"));
        text.AppendLine("set -uo pipefail");
        text.AppendLine("shard=$((SLURM_ARRAY_TASK_ID + 1))");
        text.AppendLine("# Near the time limit Slurm sends USR1 to this shell: stop the analysis (finished units are on disk) and put the task back");
        text.AppendLine("# in the queue, where it resumes its remaining units.");
        text.AppendLine("requeue() {");
        text.AppendLine("  echo \"shard $shard: time limit near, requeueing ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"");
        text.AppendLine("  kill -TERM \"$child\" 2>/dev/null; wait \"$child\"");
        text.AppendLine("  scontrol requeue \"${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"");
        text.AppendLine("  exit 0");
        text.AppendLine("}");
        text.AppendLine("trap requeue USR1");
        text.AppendLine($"{Command($"--shard \"$shard/{Shards}\"")} &");
        text.AppendLine("child=$!");
        text.AppendLine("wait \"$child\"");
        text.AppendLine("status=$?");
        text.AppendLine("echo \"shard $shard: exit $status\"");
        text.AppendLine("exit $status");
        return text.ToString();
    }

    /// <summary>The merge job: reads every shard's units, writes the CSVs and figure, and lists missing units (exit 3).</summary>
    public string Merge()
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine($"# Merges the shards of {Analysis}: submitted with --dependency=afterany:<array job>, so it runs once every task has ended,");
        text.AppendLine("# whether it finished, failed or timed out; it runs nothing itself and exits 3 when units are missing.");
        text.AppendLine($"#SBATCH --job-name=ne-{Analysis}-merge");
        Common(text, "merge-%j.out", merge: true);
        text.AppendLine("set -uo pipefail");
        text.AppendLine(Command("--merge"));
        return text.ToString();
    }

    private void Common(StringBuilder text, string log, bool merge = false)
    {
        text.AppendLine($"#SBATCH --output={Path.Combine(Directory, "logs", log)}");
        text.AppendLine("#SBATCH --open-mode=append");
        text.AppendLine($"#SBATCH --chdir={WorkingDirectory}");
        text.AppendLine(FormattableString.Invariant($"#SBATCH --cpus-per-task={(merge ? 1 : Resources.Cpus)}"));
        if (!merge && Resources.Gpus > 0) text.AppendLine(FormattableString.Invariant($"#SBATCH --gpus={Resources.Gpus}"));
        if (Resources.Partition is { } p) text.AppendLine($"#SBATCH --partition={p}");
        if (Resources.Time is { } t) text.AppendLine($"#SBATCH --time={t}");
    }

    /// <summary>Quotes a word for bash when it needs it.</summary>
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
