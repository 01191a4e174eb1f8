using NotebookExperiments.Analyses;
using NotebookExperiments.Cli;
using NotebookExperiments.Cli.Jobs;

namespace NotebookExperiments.Tests.Cli.Jobs;

public sealed class ShardChannelTests
{
    [Fact]
    public void ProgressCrossesToTheParentAsOneLine()
    {
        var progress = new AnalysisProgress("beta-sweep", 3, 13, "8x4: 7 runs together, epoch 2/18, batch 40/100", 0, 1234.5, 12_600,
            "2.0× slower than planned: nothing else seen running here", true);
        var line = ShardChannel.Format(progress);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(progress, ShardChannel.Parse(line));
        Assert.Null(ShardChannel.Parse("beta-sweep: shard 1/2 done."));
        Assert.Null(ShardChannel.Parse(ShardChannel.ProgressPrefix + "{not json"));
    }

    [Fact]
    public void AShardRunsTheSameCommandWithItsShardAndFolder()
    {
        var values = new AnalysisOptions.Values(null, "data/mnist", "cpu", null, CheckpointEnsembles: true, Jobs: 2);
        var words = LocalShards.ShardArguments("beta-sweep", "/r/beta-sweep", values, ["--preset", "quick", "--betas", "0.5"], 2, 3);
        Assert.Equal(["beta-sweep", "--preset", "quick", "--betas", "0.5", "--data-dir", Path.GetFullPath("data/mnist"), "--device", "cpu",
            "--out", "/r/beta-sweep", "--shard", "2/3", "--checkpoint-ensembles"], words);
        var fixedThreads = LocalShards.ShardArguments("beta-sweep", "/r", values with { Threads = 1, DataDirectory = null, CheckpointEnsembles = false }, [], 1, 2);
        Assert.Equal(["beta-sweep", "--device", "cpu", "--out", "/r", "--shard", "1/2", "--threads", "1"], fixedThreads);
    }
}
