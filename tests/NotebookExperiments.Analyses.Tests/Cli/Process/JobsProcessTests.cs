using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;
using NotebookExperiments.Native;
using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// <c>--jobs N</c> and the share of the cores, as users run them: shards in processes of their own whose merged files equal one
/// process with the same threads per process, one progress bar, Ctrl+C to the parent stopping every shard with its progress kept,
/// and a user's <c>--threads</c> or <c>OMP_NUM_THREADS</c> winning over the share.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class JobsProcessTests(MnistFixture mnist) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-jobs").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DataDirectory => mnist.Files.Directory;

    /// <summary>The threads of each of two processes on this machine: what one process must run to compute what they compute.</summary>
    private static int ThreadsPerJob => Math.Max(1, Environment.ProcessorCount / 2);

    [Theory]
    [InlineData("beta-sweep", "runs.csv", "summary.csv")]                                     // an ensemble split in two
    [InlineData("bias-variance", "statistics.csv", "summary.csv", "--seeds", "0,1")]     // two seeds; its MSE sums depend on the threads
    public async Task TwoJobsWriteTheFilesOfOneProcessWithTheirThreadsUnderOneBar(string analysis, string first, string second, params string[] overrides)
    {
        string[] common = [analysis, "--preset", "smoke", .. overrides, "--data-dir", DataDirectory];
        var jobsFolder = Path.Combine(_dir, "jobs");
        var oneFolder = Path.Combine(_dir, "one");
        var jobs = await CliProcess.RunAsync([.. common, "--jobs", "2", "--out", jobsFolder]);
        jobs.Expect(0);
        var one = await CliProcess.RunAsync([.. common, "--threads", ThreadsPerJob.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", oneFolder]);
        one.Expect(0);

        foreach (var file in new[] { first, second })
            Assert.Equal(File.ReadAllBytes(Path.Combine(oneFolder, file)), File.ReadAllBytes(Path.Combine(jobsFolder, file)));
        var provenance = CommandProcessTests.AssertResults(analysis, jobsFolder);
        Assert.Equal((provenance.Units, ThreadsPerJob), (provenance.UnitsComputed, provenance.Threads));
        Assert.Contains("--jobs 2", provenance.Command, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(jobsFolder, "units-*.jsonl").Length);

        // One bar, drawn by the parent: the shards' progress reached it as lines it read, never as bars of their own.
        Assert.Contains($"{analysis}: 2 shards in 2 processes here", jobs.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(NotebookExperiments.Cli.Jobs.ShardChannel.ProgressPrefix.Trim(), jobs.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("%", string.Join("\n", jobs.Output.Split('\n').Where(l => l.StartsWith("[1/2]", StringComparison.Ordinal) || l.StartsWith("[2/2]", StringComparison.Ordinal))));
        Assert.Contains("[1/2] " + analysis + ": shard 1/2 done.", jobs.Output, StringComparison.Ordinal);
        Assert.Contains("[2/2] " + analysis + ": shard 2/2 done.", jobs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlCToTheParentStopsEveryShardWithItsProgressKept()
    {
        // Two shards (runs of 2 and 1 β), 100 steps an epoch: each checkpoints within a few seconds of its start, and the faster
        // one would need 20 epochs to finish before the other's first checkpoint (the resumed run trains the rest of them all).
        string[] command = ["beta-sweep", "--preset", "smoke", "--train-size", "10000", "--epochs", "20", "--checkpoint-ensembles",
            "--data-dir", DataDirectory, "--out", _dir, "--jobs", "2"];
        IReadOnlyList<int> shards = [];
        var stopped = await CliProcess.RunWhileAsync(null, async parent =>
        {
            // Once both shards have saved an epoch's checkpoint, Ctrl+C goes to the parent alone (a terminal would send it to all).
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (CheckpointedEnsembles() < 2 && DateTime.UtcNow < deadline && !parent.HasExited) await Task.Delay(200);
            Assert.Equal(2, CheckpointedEnsembles());
            shards = NotebookExperiments.Native.ShardSiblings.ChildrenOf(parent.Id);
            Assert.Equal(2, shards.Count);
            Assert.True(ProcessSignal.Send(parent.Id, ProcessSignal.Interrupt));
        }, command);

        stopped.Expect(75);
        Assert.Contains("stopping every shard after its current step", stopped.Output, StringComparison.Ordinal);
        Assert.Contains("stopped; the shards' finished units and checkpoints are kept", stopped.Output, StringComparison.Ordinal);
        Assert.All(shards, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"shard process {pid} still runs"));
        Assert.Equal(2, CheckpointedEnsembles());
        Assert.False(File.Exists(Path.Combine(_dir, "summary.csv")));

        // The same command goes on from the checkpoints and merges.
        var resumed = await CliProcess.RunAsync(command);
        resumed.Expect(0);
        Assert.Equal(2, Regex.Matches(resumed.Output, @"resume from the checkpoint checkpoint-epoch\d+").Count);
        var provenance = CommandProcessTests.AssertResults("beta-sweep", _dir);
        Assert.Equal(3, provenance.UnitsComputed);
    }

    private int CheckpointedEnsembles() =>
        Directory.Exists(Path.Combine(_dir, "work"))
            ? Directory.GetDirectories(Path.Combine(_dir, "work"), "ensemble-*").Count(d =>
                Directory.Exists(Path.Combine(d, "checkpoints")) && Directory.GetFiles(Path.Combine(d, "checkpoints"), "checkpoint-epoch*").Length > 0)
            : 0;

    [Fact]
    public async Task TheUsersThreadsWinOverTheShare()
    {
        int cores = Environment.ProcessorCount;
        if (cores < 2) return;   // one core: nothing to share
        var leases = Path.Combine(_dir, "cores");
        // Another run of ours, active while the commands run: it holds a lease on the cores and keeps it fresh.
        using var other = new CoreLeases(leases, () => DateTimeOffset.UtcNow).Take(null);
        using var fresh = new Timer(_ => other.Touch(), null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var environment = new Dictionary<string, string> { [CoreLeases.FolderVariable] = leases };
        string[] run = ["beta-sweep", "--preset", "smoke", "--data-dir", DataDirectory];

        var shared = await CliProcess.RunAsync(null, environment, [.. run, "--out", Path.Combine(_dir, "shared")]);
        shared.Expect(0);
        Assert.Contains("beside 1 other run here", shared.Output, StringComparison.Ordinal);
        var threads = ThreadsOfWarmUp().Match(shared.Output);
        Assert.True(threads.Success, shared.Output);
        Assert.True(int.Parse(threads.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < cores, shared.Output);

        var flag = await CliProcess.RunAsync(null, environment, [.. run, "--threads", $"{cores}", "--out", Path.Combine(_dir, "flag")]);
        var omp = await CliProcess.RunAsync(null, new Dictionary<string, string>(environment) { ["OMP_NUM_THREADS"] = $"{cores}" },
            [.. run, "--out", Path.Combine(_dir, "omp")]);
        foreach (var fixedRun in new[] { flag, omp })
        {
            fixedRun.Expect(0);
            Assert.Contains("beside 1 other run here", fixedRun.Output, StringComparison.Ordinal);
            Assert.False(ThreadsOfWarmUp().IsMatch(fixedRun.Output), fixedRun.Output);   // every core, however many runs there are
        }
        foreach (var name in new[] { "shared", "flag", "omp" })
            Assert.Equal(cores, Provenance.ReadFrom(Path.Combine(_dir, name))!.Threads);
    }

    /// <summary>The warm-up's threads when it ran on a share of the cores: <c>, 1 of 2 threads</c>.</summary>
    [GeneratedRegex(@", (\d+) of \d+ threads")]
    private static partial Regex ThreadsOfWarmUp();
}
