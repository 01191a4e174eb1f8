using System.Text.RegularExpressions;
using NotebookExperiments.Tests.Cli;

namespace NotebookExperiments.Tests.Slurm;

/// <summary>The single-process β sweep the sharded runs are compared with, and a local Slurm cluster shared by the tests.</summary>
public sealed class SlurmSweepFixture : IDisposable
{
    private readonly Lazy<LocalSlurmCluster> _cluster = new(() => OperatingSystem.IsLinux() ? LocalSlurmCluster.Start() : throw new PlatformNotSupportedException());

    /// <summary>The folder of every run of these tests.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("slurm-tests").FullName;

    /// <summary>The cluster, started on first use.</summary>
    public LocalSlurmCluster Cluster => _cluster.Value;

    /// <summary>
    /// A tiny β sweep (8×4, six β, one seed, one epoch on 30,000 images: a few seconds per run) in ensembles of one run, so
    /// that three shards have two jobs each.
    /// </summary>
    public static readonly string[] Sweep =
    [
        "beta-sweep", "--preset", "quick", "--configs", "8x4", "--betas", "0,0.2,0.4,0.6,0.8,1", "--seeds", "0", "--epochs", "1",
        "--train-size", "30000", "--max-ensemble", "1",
    ];

    /// <summary>The folder of the single-process run, made on first use.</summary>
    public async Task<string> SingleAsync()
    {
        var single = Path.Combine(Root, "single");
        if (!File.Exists(Path.Combine(single, "runs.csv")))
        {
            var (exit, output) = await ConsoleCollection.RunCliAsync([.. Sweep, "--threads", "1", "--out", single]);
            Assert.True(exit == 0, output);
        }
        return single;
    }

    public void Dispose()
    {
        if (_cluster.IsValueCreated) _cluster.Value.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>
/// The β sweep on a real Slurm (<see cref="LocalSlurmCluster"/>), submitted with <c>--slurm</c> as a user would: three shards
/// as an array job and a dependent merge job give the single-process CSVs bit for bit, and a shard cancelled mid-run and
/// resubmitted resumes without redoing its finished units.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SlurmShardTests(SlurmSweepFixture fixture) : IClassFixture<SlurmSweepFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private async Task<(string Array, string Merge, string Output)> SubmitAsync(string output)
    {
        var (exit, text) = await ConsoleCollection.RunCliAsync([.. SlurmSweepFixture.Sweep, "--out", output, "--slurm", "--shards", "3", "--cpus", "1"]);
        Assert.True(exit == 0, text);
        var ids = Regex.Match(text, @"submitted array job (\d+) \(3 tasks\) and merge job (\d+)");
        Assert.True(ids.Success, text);
        Assert.Contains("squeue -j", text);
        return (ids.Groups[1].Value, ids.Groups[2].Value, text);
    }

    private static void AssertSameCsv(string expected, string actual)
    {
        foreach (var file in new[] { "runs.csv", "summary.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, file)), File.ReadAllBytes(Path.Combine(actual, file)));
    }

    private static string ShardFile(string output, int shard) =>
        Directory.GetFiles(output, $"units-*.shard-{shard}-of-3.jsonl").SingleOrDefault() ?? "";

    private static string[] Units(string file) => File.Exists(file) ? File.ReadAllLines(file).Skip(1).Where(l => l.Length > 0).ToArray() : [];

    [SlurmFact]
    public async Task ThreeShardsAndTheMergeJobGiveTheSingleProcessCsvBitForBit()
    {
        var single = await fixture.SingleAsync();
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "sharded");
        var (array, merge, _) = await SubmitAsync(output);
        cluster.WaitUntilDone([array, merge], Timeout);
        Assert.True(cluster.StateOf(merge) == "COMPLETED", $"merge job {merge}: {cluster.StateOf(merge)}\n{Logs(output)}\n{cluster.Log()}");
        for (int shard = 1; shard <= 3; shard++) Assert.Equal(2, Units(ShardFile(output, shard)).Length);
        AssertSameCsv(single, output);
    }

    [SlurmFact]
    public async Task AShardCancelledMidRunAndResubmittedResumesWithoutRedoingFinishedUnits()
    {
        var single = await fixture.SingleAsync();
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "cancelled");
        var (array, merge, _) = await SubmitAsync(output);
        LocalSlurmCluster.WaitFor(() => Units(ShardFile(output, 1)).Length >= 1, Timeout, "shard 1's first unit", () => Logs(output) + cluster.Log());
        LocalSlurmCluster.Run("scancel", $"{array}_0").Require("scancel");
        cluster.WaitUntilDone([$"{array}_0"], Timeout);
        var before = Units(ShardFile(output, 1));
        Assert.True(before.Length == 1, $"shard 1 finished {before.Length} units before it was cancelled; the test needs it cancelled mid-run");

        cluster.WaitUntilDone([array, merge], Timeout);
        Assert.NotEqual("COMPLETED", cluster.StateOf(merge)); // exit 3: shard 1's second unit is missing
        Assert.Contains("units are missing", Logs(output));
        Assert.False(File.Exists(Path.Combine(output, "runs.csv")));

        var scripts = Path.Combine(output, "slurm");
        var again = LocalSlurmCluster.Run("sbatch", "--parsable", "--array=0", Path.Combine(scripts, "beta-sweep-shards.sbatch")).Require("sbatch").Output.Trim();
        var mergeAgain = LocalSlurmCluster.Run("sbatch", "--parsable", $"--dependency=afterany:{again}", Path.Combine(scripts, "beta-sweep-merge.sbatch"))
            .Require("sbatch").Output.Trim();
        cluster.WaitUntilDone([again, mergeAgain], Timeout);
        Assert.True(cluster.StateOf(mergeAgain) == "COMPLETED", $"merge job {mergeAgain}: {cluster.StateOf(mergeAgain)}\n{Logs(output)}");
        var after = Units(ShardFile(output, 1));
        Assert.Equal(2, after.Length);
        Assert.Equal(before[0], after[0]); // the finished unit was kept, not trained again (a second record of its key would fail the task)
        AssertSameCsv(single, output);
    }

    [SlurmFact]
    public async Task AShardWarnedOfItsTimeLimitRequeuesItselfAndResumes()
    {
        var single = await fixture.SingleAsync();
        var cluster = fixture.Cluster;
        var output = Path.Combine(fixture.Root, "requeued");
        var (array, merge, _) = await SubmitAsync(output);
        LocalSlurmCluster.WaitFor(() => Units(ShardFile(output, 1)).Length >= 1, Timeout, "shard 1's first unit", () => Logs(output) + cluster.Log());
        var before = Units(ShardFile(output, 1));
        // What --signal=B:USR1@120 does before the time limit: USR1 to the batch shell only.
        LocalSlurmCluster.Run("scancel", "--batch", "--signal=USR1", $"{array}_0").Require("scancel");
        LocalSlurmCluster.WaitFor(() => Logs(output).Contains("time limit near, requeueing", StringComparison.Ordinal), Timeout, "the requeue",
            () => Logs(output) + cluster.Log());
        cluster.WaitUntilDone([array, merge], Timeout);
        Assert.True(cluster.StateOf(merge) == "COMPLETED", $"merge job {merge}: {cluster.StateOf(merge)}\n{Logs(output)}\n{cluster.Log()}");
        var after = Units(ShardFile(output, 1));
        Assert.Equal(2, after.Length);
        Assert.Equal(before[0], after[0]);
        AssertSameCsv(single, output);
    }

    private static string Logs(string output)
    {
        var logs = Path.Combine(output, "slurm", "logs");
        return Directory.Exists(logs)
            ? string.Join("\n", Directory.GetFiles(logs).Order().Select(f => $"== {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "(no logs)";
    }
}
