using System.CommandLine;
using System.Diagnostics;
using NotebookExperiments.Analyses;
using NotebookExperiments.Native;

namespace NotebookExperiments.Cli.Slurm;

/// <summary>
/// Plans, checks, writes and submits the sbatch scripts of a sharded analysis: the array first, then the merge job with
/// <c>--dependency=afterany:&lt;array&gt;</c>. Slurm does the scheduling, requeueing and dependencies.
/// </summary>
internal static class SlurmSubmitter
{
    /// <summary>Training images the plan assumes (all of MNIST; <c>--train-size</c> limits them as in a run).</summary>
    public const long TrainImages = 60_000;

    /// <summary>How much longer than its measured time a piece of work must fit before the requeue signal.</summary>
    public const double TimeMargin = 1.5;

    /// <summary>Plans and (unless a dry run) submits <paramref name="prepared"/> with its own <paramref name="arguments"/>.</summary>
    /// <param name="prepared">The analysis with its parameters.</param>
    /// <param name="arguments">The analysis's arguments (preset, overrides) to pass on.</param>
    /// <param name="values">The analysis options (output and data folders are made absolute).</param>
    /// <param name="resources">What each task asks for.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="ArgumentException">More shards than the work can fill, or a time limit too short for a piece of work.</exception>
    public static int Submit(IPreparedAnalysis prepared, IReadOnlyList<string> arguments, AnalysisOptions.Values values, SlurmResources resources)
    {
        var analysis = prepared.Analysis.Name;
        var jobs = prepared.Jobs(TrainImages);
        int shards = resources.Shards ?? Math.Max(1, jobs.Count);
        ShardAssignment plan;
        try
        {
            plan = ShardPlan.Plan(jobs, shards);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("--shards: " + e.Message);
        }
        var output = Path.GetFullPath(values.OutputDirectory(analysis));
        Console.WriteLine($"{analysis}: {prepared.Describe()}");
        Console.WriteLine($"{analysis}: {plan.Jobs.Count} job{(plan.Jobs.Count == 1 ? "" : "s")} in {shards} shard{(shards == 1 ? "" : "s")}; " +
                          SbatchScript.DescribeLoads(plan.Loads));
        CheckTime(prepared, plan, values, resources);

        var passed = new List<string>(arguments);
        if (values.DataDirectory is { } data) passed.AddRange(["--data-dir", Path.GetFullPath(data)]);
        passed.AddRange(["--device", values.Device]);
        var script = new SbatchScript(analysis, SbatchScript.CurrentLauncher(), passed, output, Directory.GetCurrentDirectory(), shards, resources);
        Directory.CreateDirectory(Path.Combine(script.Directory, "logs"));
        File.WriteAllText(script.ArrayPath, script.Array());
        File.WriteAllText(script.MergePath, script.Merge());
        Console.WriteLine($"wrote {script.ArrayPath}");
        Console.WriteLine($"wrote {script.MergePath}");
        if (resources.DryRun)
        {
            Console.WriteLine($"dry run: submit with  array=$(sbatch --parsable {SbatchScript.Quote(script.ArrayPath)})  and then  " +
                              $"sbatch --dependency=afterany:$array {SbatchScript.Quote(script.MergePath)}");
            return 0;
        }
        var arrayId = Sbatch(script.ArrayPath);
        var mergeId = Sbatch($"--dependency=afterany:{arrayId}", script.MergePath);
        Console.WriteLine($"submitted array job {arrayId} ({shards} task{(shards == 1 ? "" : "s")}) and merge job {mergeId} (after the array ends)");
        Console.WriteLine($"follow:  squeue -j {arrayId},{mergeId}   sacct -j {arrayId},{mergeId}   tail -f {SbatchScript.Quote(Path.Combine(script.Directory, "logs"))}/*");
        Console.WriteLine($"results: {output} (the merge job writes them, or lists the missing units and the tasks to submit again in its log)");
        Console.WriteLine($"a failed task resumes with  array=$(sbatch --parsable --array=<task> {SbatchScript.Quote(script.ArrayPath)})  and then  " +
                          $"sbatch --dependency=afterany:$array {SbatchScript.Quote(script.MergePath)}");
        return 0;
    }

    /// <summary>
    /// Times each kind of job here (a short warm-up on synthetic images) and prints how long the largest shard takes; with
    /// <c>--time</c>, refuses a limit that leaves less than <see cref="TimeMargin"/> times the longest piece of work that runs
    /// between two saves (an ensemble's epoch, a gradient unit, a reference model's stretch between checkpoints) before the
    /// requeue signal.
    /// </summary>
    private static void CheckTime(IPreparedAnalysis prepared, ShardAssignment plan, AnalysisOptions.Values values, SlurmResources resources)
    {
        var device = CommonOptions.Initialise(values.Device == "cpu" ? "cpu" : "auto", Math.Min(resources.Cpus, Environment.ProcessorCount));
        bool sameDevice = values.Device == "auto" || device.type.ToString().Equals(values.Device, StringComparison.OrdinalIgnoreCase);
        using var timer = new JobTimer(device);
        var seconds = new double[plan.Count];
        (double Seconds, AnalysisJob? Job) longest = (0, null);
        for (int i = 0; i < plan.Jobs.Count; i++)
        {
            var job = plan.Jobs[i];
            double rate = timer.SecondsPerCost(job);
            seconds[plan.Shards[i] - 1] += rate * job.Cost;
            double piece = rate * job.LongestPiece(checkpointEnsembles: true);
            if (piece > longest.Seconds) longest = (piece, job);
        }
        string here = FormattableString.Invariant($"on this machine with {Math.Min(resources.Cpus, Environment.ProcessorCount)} threads on {device.type.ToString().ToLowerInvariant()}") +
            (sameDevice ? "" : $" (the tasks run on {values.Device}, so theirs will differ)");
        Console.WriteLine($"{prepared.Analysis.Name}: the largest shard takes about {PlanEstimate.Duration(seconds.Max())} {here}; " +
                          $"the longest piece between two saves about {PlanEstimate.Duration(longest.Seconds)} ({longest.Job?.Label}).");
        if (resources.TimeLimitSeconds is not double limit) return;
        double usable = limit - SbatchScript.SignalSeconds;
        if (longest.Seconds * TimeMargin > usable)
        {
            var needed = TimeSpan.FromSeconds(Math.Ceiling((longest.Seconds * TimeMargin + SbatchScript.SignalSeconds) / 60) * 60);
            throw new ArgumentException(
                $"--time {resources.Time} leaves {PlanEstimate.Duration(Math.Max(0, usable))} before the requeue signal, but one piece of work that " +
                $"cannot be checkpointed ({longest.Job?.Label}) takes about {PlanEstimate.Duration(longest.Seconds)} {here}: a task could never save it. " +
                $"Give at least --time {(int)needed.TotalHours:00}:{needed.Minutes:00}:00, or more shards.");
        }
    }

    /// <summary>Job ids of the analyses' Slurm jobs: the array and the merge.</summary>
    private static string Sbatch(params string[] arguments)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--parsable");
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidDataException($"sbatch could not be started ({e.Message}); is this a Slurm login node? --dry-run writes the scripts only.");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidDataException($"sbatch {string.Join(" ", arguments)} failed ({process.ExitCode}): {stderr.Trim()}");
            return stdout.Result.Trim().Split(';')[0];
        }
    }

    /// <summary>The tokens given for <paramref name="options"/> on the command line, to pass on to the shards.</summary>
    public static IReadOnlyList<string> Given(ParseResult result, IEnumerable<Option> options)
    {
        var words = new List<string>();
        foreach (var option in options)
            if (result.GetResult(option) is { Implicit: false } given)
                foreach (var token in given.Tokens) words.AddRange([option.Name, token.Value]);
        return words;
    }
}
