using System.CommandLine;
using System.Diagnostics;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Cli.Slurm;

/// <summary>
/// Writes the sbatch scripts of a sharded analysis and submits them: the array first, then the merge job with
/// <c>--dependency=afterany:&lt;array&gt;</c>. Slurm does the scheduling, requeueing and dependencies.
/// </summary>
internal static class SlurmSubmitter
{
    /// <summary>Training images the member-step estimates assume (all of MNIST).</summary>
    public const long TrainImages = 60_000;

    /// <summary>
    /// Plans, writes and (unless a dry run) submits <paramref name="analysis"/> with its own <paramref name="arguments"/>.
    /// </summary>
    /// <param name="analysis">The analysis command.</param>
    /// <param name="jobs">The analysis's jobs (for the default number of shards and the printed plan).</param>
    /// <param name="arguments">The analysis's arguments (preset, overrides, device) to pass on.</param>
    /// <param name="values">The analysis options (output and data folders are made absolute).</param>
    /// <param name="resources">What each task asks for.</param>
    /// <returns>The exit code.</returns>
    public static int Submit(string analysis, IReadOnlyList<ShardJob> jobs, IReadOnlyList<string> arguments, AnalysisOptions.Values values,
        SlurmResources resources)
    {
        if (values.Scope is { Shard: not null } or { MergeOnly: true })
            throw new ArgumentException("--slurm chooses the shards itself; leave out --shard and --merge.");
        int shards = resources.Shards ?? Math.Max(1, jobs.Count);
        var output = Path.GetFullPath(AnalysisConsole.OutputDirectory(analysis, values.Output));
        var passed = new List<string>(arguments);
        if (values.DataDirectory is { } data) passed.AddRange(["--data-dir", Path.GetFullPath(data)]);
        passed.AddRange(["--device", values.Device]);
        var script = new SbatchScript(analysis, SbatchScript.CurrentLauncher(), passed, output, Directory.GetCurrentDirectory(), shards, resources);
        Directory.CreateDirectory(Path.Combine(script.Directory, "logs"));
        File.WriteAllText(script.ArrayPath, script.Array());
        File.WriteAllText(script.MergePath, script.Merge());
        Console.WriteLine($"{analysis}: {jobs.Count} job{(jobs.Count == 1 ? "" : "s")} in {shards} shard{(shards == 1 ? "" : "s")}; " +
                          SbatchScript.DescribeLoads(ShardPlan.Loads(jobs, shards)) + $" (on {TrainImages:N0} training images)");
        Console.WriteLine($"wrote {script.ArrayPath}");
        Console.WriteLine($"wrote {script.MergePath}");
        if (resources.DryRun)
        {
            Console.WriteLine($"dry run: submit with  sbatch --parsable {script.ArrayPath}  and then  sbatch --dependency=afterany:<array job id> {script.MergePath}");
            return 0;
        }
        var arrayId = Sbatch(script.ArrayPath);
        var mergeId = Sbatch($"--dependency=afterany:{arrayId}", script.MergePath);
        Console.WriteLine($"submitted array job {arrayId} ({shards} task{(shards == 1 ? "" : "s")}) and merge job {mergeId} (after the array ends)");
        Console.WriteLine($"follow:  squeue -j {arrayId},{mergeId}   sacct -j {arrayId},{mergeId}   tail -f {Path.Combine(script.Directory, "logs")}/*");
        Console.WriteLine($"results: {output} (the merge job writes the CSVs and figure, or lists the missing units in its log)");
        Console.WriteLine($"a failed shard resumes with  sbatch --array=<task> {script.ArrayPath}  and then  sbatch {script.MergePath}");
        return 0;
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
