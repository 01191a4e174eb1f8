using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Cli.Process;
using NotebookExperiments.Tests.Reports;

namespace NotebookExperiments.Tests.Slurm;

/// <summary>The single-process runs the Slurm runs are compared with, and a local Slurm cluster shared by the tests.</summary>
public sealed class SlurmSweepFixture : IDisposable
{
    private readonly Lazy<LocalSlurmCluster> _cluster = new(() => OperatingSystem.IsLinux() ? LocalSlurmCluster.Start() : throw new PlatformNotSupportedException());
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The folder of every run of these tests.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("slurm-tests").FullName;

    /// <summary>The cluster, started on first use.</summary>
    public LocalSlurmCluster Cluster => _cluster.Value;

    /// <summary>
    /// A small β sweep (8×4, six β, one seed, two epochs on 20,000 images: a few seconds per run) in ensembles of one run, so that
    /// three shards have two jobs each, and every job checkpoints after its first epoch under Slurm.
    /// </summary>
    public static readonly string[] Sweep =
    [
        "beta-sweep", "--preset", "quick", "--configs", "8x4", "--betas", "0,0.2,0.4,0.6,0.8,1", "--seeds", "0", "--epochs", "2",
        "--train-size", "20000", "--max-ensemble", "1",
    ];

    /// <summary>The folder of a single-process run of <paramref name="arguments"/> (with <c>--threads 1</c>, as the tasks use one core), made on first use.</summary>
    public async Task<string> SingleAsync(string name, params string[] arguments)
    {
        await _gate.WaitAsync();
        try
        {
            var folder = Path.Combine(Root, "single-" + name);
            if (!Directory.Exists(folder))
                (await CliProcess.RunAsync([.. arguments, "--threads", "1", "--out", folder])).Expect(0);
            return folder;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_cluster.IsValueCreated) _cluster.Value.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>
/// The analyses on a real Slurm (<see cref="LocalSlurmCluster"/>), submitted with <c>--slurm</c> as a user would: every analysis,
/// the −ELBO table included, merged by its merge job into the single-process results bit for bit; a task cancelled mid-run
/// and submitted again the way the merge's log says resumes without redoing its finished units; a task warned of its time
/// limit requeues itself and goes on from its ensemble's last epoch checkpoint (in a folder whose name has a space); and a task
/// warned before it saved anything does not requeue.
/// </summary>
/// <remarks>
/// The commands run as separate processes (they inherit the cluster's <c>SLURM_CONF</c>), so these tests need no console of
/// their own and run beside the others: most of their time is spent waiting for the cluster.
/// </remarks>
public sealed class SlurmShardTests(SlurmSweepFixture fixture, SmokeResultsFixture smoke) : IClassFixture<SlurmSweepFixture>, IClassFixture<SmokeResultsFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static async Task<(string Array, string Merge)> SubmitAsync(string output, params string[] arguments)
    {
        var text = (await CliProcess.RunAsync([.. arguments, "--out", output, "--slurm", "--cpus", "1"])).Expect(0).Output;
        var ids = Regex.Match(text, @"submitted array job (\d+) \(\d+ tasks?\) and merge job (\d+)");
        Assert.True(ids.Success, text);
        Assert.Contains("squeue -j", text);
        return (ids.Groups[1].Value, ids.Groups[2].Value);
    }

    private static void AssertSameCsv(string expected, string actual)
    {
        var files = Directory.GetFiles(expected, "*.csv").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file!)).SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file!))), $"{actual}/{file} differs");
    }

    /// <summary>The unit keys recorded by array task <paramref name="task"/> (under any job id and restart), one per line written.</summary>
    private static string[] KeysOfTask(string output, int task) =>
        Directory.GetFiles(output, $"units-slurm-*_{task}-r*.jsonl").Order()
            .SelectMany(f => File.ReadAllLines(f).Skip(1).Where(l => l.Length > 0 && l.EndsWith('}')))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("key").GetString()!).ToArray();

    private static string Logs(string output)
    {
        var logs = Path.Combine(output, "slurm", "logs");
        return Directory.Exists(logs)
            ? string.Join("\n", Directory.GetFiles(logs).Order().Select(f => $"== {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "(no logs)";
    }

    [SlurmFact]
    public async Task EveryAnalysisOnSlurmMergesToTheSingleProcessResultsBitForBit()
    {
        // The single-process run: `reproduce all --preset smoke --threads 1`, made once per test run and read by the report tests too.
        var single = smoke.Results;
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "all");
        var text = (await CliProcess.RunAsync("reproduce", "all", "--preset", "smoke", "--out", output, "--slurm", "--cpus", "1")).Expect(0).Output;
        var jobs = Regex.Matches(text, @"submitted array job (\d+) \(\d+ tasks?\) and merge job (\d+)").Select(m => (Array: m.Groups[1].Value, Merge: m.Groups[2].Value)).ToList();
        Assert.Equal(4, jobs.Count);
        cluster.WaitUntilDone(jobs.SelectMany(j => new[] { j.Array, j.Merge }), Timeout);
        foreach (var (analysis, (_, merge)) in AnalysisRegistry.Main.Select(a => a.Name).Zip(jobs))
        {
            var folder = Path.Combine(output, analysis);
            Assert.True(cluster.StateOf(merge) == "COMPLETED", $"{analysis}: merge job {merge}: {cluster.StateOf(merge)}\n{Logs(folder)}\n{cluster.Log()}");
            CommandProcessTests.AssertResults(analysis, folder);
            AssertSameCsv(Path.Combine(single, analysis), folder);
        }
    }

    [SlurmFact]
    public async Task ATaskCancelledMidRunAndSubmittedAgainAsTheMergeSaysResumesWithoutRedoingFinishedUnits()
    {
        var single = await fixture.SingleAsync("sweep", SlurmSweepFixture.Sweep);
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "cancelled");
        var (array, merge) = await SubmitAsync(output, [.. SlurmSweepFixture.Sweep, "--shards", "3"]);
        cluster.WaitWhileRunning($"{array}_0", () => KeysOfTask(output, 0).Length >= 1, Timeout, "task 0's first unit", () => Logs(output) + cluster.Log());
        LocalSlurmCluster.Run("scancel", $"{array}_0").Require("scancel");
        cluster.WaitUntilDone([$"{array}_0"], Timeout);
        var before = KeysOfTask(output, 0);
        Assert.True(before.Length == 1, $"task 0 finished {before.Length} units before it was cancelled; the test needs it cancelled mid-run");

        cluster.WaitUntilDone([array, merge], Timeout);
        Assert.NotEqual("COMPLETED", cluster.StateOf(merge)); // exit 3: task 0's second unit is missing
        var log = Logs(output);
        Assert.Contains("1 of 6 units are missing", log);
        Assert.Contains("They belong to shard 1 of 3.", log);
        Assert.False(File.Exists(Path.Combine(output, "runs.csv")));

        // What the merge's log says to run, run as written.
        var advice = Regex.Matches(log, @"^  (array=\$\(sbatch .*\)|sbatch --dependency=afterany:\$array .*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, advice.Count);
        var resubmit = LocalSlurmCluster.Run("bash", "-c", string.Join("\n", advice) + "\necho \"array $array\"").Require("the merge's advice");
        var ids = Regex.Match(resubmit.Output, @"Submitted batch job (\d+)\s+array (\d+)");
        Assert.True(ids.Success, resubmit.Output);
        cluster.WaitUntilDone([ids.Groups[1].Value, ids.Groups[2].Value], Timeout);
        var after = KeysOfTask(output, 0);
        Assert.Equal(2, after.Length);
        Assert.Equal(2, after.Distinct().Count());   // the finished unit was kept, not trained again
        Assert.Equal(before[0], after[0]);
        Assert.True(File.Exists(Path.Combine(output, "runs.csv")), Logs(output));
        AssertSameCsv(single, output);
    }

    [SlurmFact]
    public async Task ATaskWarnedOfItsTimeLimitRequeuesItselfAndGoesOnFromItsLastEpoch()
    {
        var single = await fixture.SingleAsync("sweep", SlurmSweepFixture.Sweep);
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "requeued with a space");
        var (array, merge) = await SubmitAsync(output, [.. SlurmSweepFixture.Sweep, "--shards", "1"]);
        cluster.WaitWhileRunning($"{array}_0", () => Directory.Exists(Path.Combine(output, "work")) &&
                                         Directory.GetFiles(Path.Combine(output, "work"), "checkpoint-epoch0001.bin", SearchOption.AllDirectories).Length > 0,
            Timeout, "a first epoch checkpoint", () => Logs(output) + cluster.Log());
        // What --signal=B:USR1@120 does before the time limit: USR1 to the batch shells only.
        LocalSlurmCluster.Run("scancel", "--batch", "--signal=USR1", array).Require("scancel");
        LocalSlurmCluster.WaitFor(() => Logs(output).Contains("requeueing", StringComparison.Ordinal), Timeout, "a requeue", () => Logs(output) + cluster.Log());
        cluster.WaitUntilDone([array, merge], Timeout);
        var log = Logs(output);
        Assert.True(cluster.StateOf(merge) == "COMPLETED", $"merge job {merge}: {cluster.StateOf(merge)}\n{log}\n{cluster.Log()}");
        Assert.Matches(@"resume from the checkpoint checkpoint-epoch000[12]\.bin", log);
        Assert.Equal(6, KeysOfTask(output, 0).Length);
        Assert.Equal(6, KeysOfTask(output, 0).Distinct().Count());
        AssertSameCsv(single, output);
    }

    [SlurmFact]
    public async Task ATaskWarnedBeforeItSavedAnythingDoesNotRequeue()
    {
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "no-progress");
        // One ensemble of six runs, one epoch on all 60,000 images: its first save is a minute away.
        var (array, merge) = await SubmitAsync(output, "beta-sweep", "--preset", "quick", "--betas", "0,0.2,0.4,0.6,0.8,1", "--epochs", "1",
            "--train-size", "60000");
        LocalSlurmCluster.WaitFor(() => Logs(output).Contains("units to run in", StringComparison.Ordinal), Timeout, "the task's plan",
            () => Logs(output) + cluster.Log());
        LocalSlurmCluster.Run("scancel", "--batch", "--signal=USR1", array).Require("scancel");
        cluster.WaitUntilDone([array], Timeout);
        var log = Logs(output);
        Assert.Contains("nothing was saved since this task started", log);
        Assert.DoesNotContain(": requeueing ", log);
        Assert.Equal("FAILED", cluster.StateOf($"{array}_0"));
        LocalSlurmCluster.Run("scancel", merge);
        cluster.WaitUntilDone([merge], Timeout);
    }
}
