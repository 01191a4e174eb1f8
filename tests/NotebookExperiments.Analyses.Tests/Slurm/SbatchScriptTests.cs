using NotebookExperiments.Tests.Cli;

namespace NotebookExperiments.Tests.Slurm;

/// <summary>The scripts <c>--slurm --dry-run</c> writes, without a cluster.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SbatchScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sbatch-script").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReproduceWritesAnArrayWithOneTaskPerShardThatRequeuesItselfAndAMergeScript()
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("reproduce", "beta-sweep", "--preset", "paper", "--slurm", "--dry-run",
            "--out", _dir, "--partition", "gpu", "--time", "12:00:00", "--cpus", "8", "--gpus", "1", "--array-parallelism", "4", "--device", "cuda");
        Assert.True(exit == 0, output);
        Assert.Contains("15 jobs in 15 shards; 13,050,000 member-steps in all, 870,000–870,000 per shard", output);
        var array = File.ReadAllText(Path.Combine(_dir, "beta-sweep", "slurm", "beta-sweep-shards.sbatch"));
        var merge = File.ReadAllText(Path.Combine(_dir, "beta-sweep", "slurm", "beta-sweep-merge.sbatch"));
        Assert.StartsWith("#!/bin/bash\n", array);
        foreach (var line in new[] { "#SBATCH --array=0-14%4", "#SBATCH --requeue", "#SBATCH --signal=B:USR1@120", "#SBATCH --partition=gpu",
                     "#SBATCH --time=12:00:00", "#SBATCH --cpus-per-task=8", "#SBATCH --gpus=1", "trap requeue USR1", "scontrol requeue" })
            Assert.Contains(line, array);
        Assert.Contains("notebook-experiments.dll beta-sweep --preset paper --device cuda --shard \"$shard/15\" --out " + Path.Combine(_dir, "beta-sweep"), array);
        Assert.Contains("beta-sweep --preset paper --device cuda --merge --out", merge);
        Assert.DoesNotContain("--array", merge);
        Assert.DoesNotContain("--gpus", merge);
    }

    [Fact]
    public async Task AnAnalysisCommandPassesItsOverridesToEveryShard()
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("beta-sweep", "--betas", "0,0.5", "--epochs", "2", "--max-ensemble", "1",
            "--slurm", "--dry-run", "--out", _dir);
        Assert.True(exit == 0, output);
        Assert.Contains("2 jobs in 2 shards", output);
        var array = File.ReadAllText(Path.Combine(_dir, "slurm", "beta-sweep-shards.sbatch"));
        Assert.Contains("beta-sweep --preset quick --betas 0,0.5 --epochs 2 --max-ensemble 1 --device cpu --shard \"$shard/2\"", array);
    }

    [Theory]
    [InlineData("--shards", "3", "--shards is an option of --slurm")]
    [InlineData("--shard", "4/3", "--shard takes I/N")]
    [InlineData("--merge", "--shard=1/2", "give either --shard or --merge")]
    public async Task MisusedOptionsAreReported(string option, string value, string message)
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("beta-sweep", option, value, "--out", _dir);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
    }
}
