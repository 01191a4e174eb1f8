using NotebookExperiments.Tests.Cli;

namespace NotebookExperiments.Tests.Slurm;

/// <summary>The scripts <c>--slurm --dry-run</c> writes, and what a submission refuses, without a cluster.</summary>
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
        Assert.Contains("the largest shard takes about", output);
        Assert.Contains("(the tasks run on cuda, so theirs will differ)", output);
        var array = File.ReadAllText(Path.Combine(_dir, "beta-sweep", "slurm", "beta-sweep-shards.sbatch"));
        var merge = File.ReadAllText(Path.Combine(_dir, "beta-sweep", "slurm", "beta-sweep-merge.sbatch"));
        Assert.StartsWith("#!/bin/bash\n", array);
        foreach (var line in new[] { "#SBATCH --array=0-14%4", "#SBATCH --requeue", "#SBATCH --signal=B:USR1@120", "#SBATCH --partition=gpu",
                     "#SBATCH --time=12:00:00", "#SBATCH --cpus-per-task=8", "#SBATCH --gpus=1", "trap requeue USR1", "scontrol requeue",
                     "if [ \"$status\" -eq 76 ]; then", "if [ \"$restarts\" -ge 20 ]; then" })
            Assert.Contains(line, array);
        Assert.Contains("notebook-experiments.dll beta-sweep --preset paper --device cuda --shard \"$shard/15\" --checkpoint-ensembles --out " +
                        Path.Combine(_dir, "beta-sweep"), array);
        // The merge computes nothing: one core, no GPU, no time limit of the tasks; it reads the units the shards computed on cuda.
        Assert.Contains("beta-sweep --preset paper --device cuda --merge --shards 15 --out", merge);
        Assert.Contains("#SBATCH --cpus-per-task=1", merge);
        foreach (var absent in new[] { "--array", "--gpus", "--time" }) Assert.DoesNotContain("#SBATCH " + absent, merge);
    }

    [Fact]
    public async Task AnAnalysisCommandPassesItsOverridesToEveryShard()
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("beta-sweep", "--betas", "0,0.5", "--epochs", "2", "--max-ensemble", "1",
            "--slurm", "--dry-run", "--out", _dir);
        Assert.True(exit == 0, output);
        Assert.Contains("2 jobs in 2 shards", output);
        Assert.Contains("quick preset — not the paper's protocol: 8x4; 2 values of β, 1 seed, 2 epochs on 10,000 training images", output);
        Assert.DoesNotContain("60,000 training images", output);
        var array = File.ReadAllText(Path.Combine(_dir, "slurm", "beta-sweep-shards.sbatch"));
        Assert.Contains("beta-sweep --preset quick --betas 0,0.5 --epochs 2 --max-ensemble-size 1 --device cpu --shard \"$shard/2\"", array);
    }

    [Fact]
    public async Task TheElboTableAndReproduceAllGoToSlurmWithEveryAnalysis()
    {
        // One configuration keeps the warm-up short (it times each ensemble here); its 70 runs split into 30 shards.
        var (exit, output) = await ConsoleCollection.RunCliAsync("elbo-table", "--preset", "paper", "--configs", "8x4", "--slurm", "--dry-run", "--shards", "30", "--out", _dir);
        Assert.True(exit == 0, output);
        Assert.Contains("in 30 shards", output);
        Assert.DoesNotContain("not matched", output);
        Assert.Contains("elbo-table --preset paper --configurations 8x4 --device cpu --shard \"$shard/30\"", File.ReadAllText(Path.Combine(_dir, "slurm", "elbo-table-shards.sbatch")));

        var all = Path.Combine(_dir, "all");
        (exit, output) = await ConsoleCollection.RunCliAsync("reproduce", "all", "--preset", "smoke", "--slurm", "--dry-run", "--out", all);
        Assert.True(exit == 0, output);
        foreach (var name in new[] { "beta-sweep", "bias-variance", "temperature-study", "elbo-table" })
        {
            Assert.True(File.Exists(Path.Combine(all, name, "slurm", $"{name}-shards.sbatch")), name);
            Assert.True(File.Exists(Path.Combine(all, name, "slurm", $"{name}-merge.sbatch")), name);
        }
        Assert.DoesNotContain("left out", output);
    }

    [Fact]
    public async Task AFolderWithSpacesIsQuotedWhereverTheScriptsNameIt()
    {
        var folder = Path.Combine(_dir, "results with spaces");
        var (exit, output) = await ConsoleCollection.RunCliAsync("beta-sweep", "--preset", "smoke", "--slurm", "--dry-run", "--out", folder);
        Assert.True(exit == 0, output);
        var array = File.ReadAllText(Path.Combine(folder, "slurm", "beta-sweep-shards.sbatch"));
        Assert.Contains($"#SBATCH --output='{Path.Combine(folder, "slurm", "logs")}/shards-%A_%a.out'", array);
        Assert.Contains("#SBATCH --chdir=", array);
        Assert.Contains($"--out '{folder}'", array);
    }

    [Fact]
    public async Task ATimeLimitShorterThanAPieceThatCannotBeCheckpointedIsRefused()
    {
        // One epoch of a 29-run ensemble of the paper's β sweep (8×4) takes minutes here: a task of 2 min 30 s could never save it.
        var (exit, output) = await ConsoleCollection.RunCliAsync("beta-sweep", "--preset", "paper", "--configs", "8x4", "--slurm", "--dry-run", "--time", "00:02:30", "--out", _dir);
        Assert.Equal(2, exit);
        Assert.Contains("error: --time 00:02:30 leaves 30 s before the requeue signal, but one piece of work that cannot be checkpointed", output);
        Assert.Contains("Give at least --time", output);
        Assert.False(File.Exists(Path.Combine(_dir, "slurm", "beta-sweep-shards.sbatch")));
    }

    [Theory]
    [InlineData("--shards", "3", "--shards goes with --slurm")]
    [InlineData("--shard", "4/3", "--shard takes I/N")]
    [InlineData("--merge", "--shard=1/2", "give either --shard or --merge")]
    [InlineData("--gpus", "1", "--gpus is an option of --slurm")]
    public async Task MisusedOptionsAreReported(string option, string value, string message)
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("beta-sweep", option, value, "--out", _dir);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
    }

    [Theory]
    [InlineData("--gpus 1 with --device cpu", "--gpus", "1")]
    [InlineData("--device cuda without --gpus", "--device", "cuda")]
    [InlineData("--max-requeues must be at least 0", "--max-requeues", "-1")]
    public async Task ResourcesThatCannotWorkAreRefusedBeforeSubmitting(string message, params string[] options)
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync(["beta-sweep", "--preset", "smoke", "--slurm", "--dry-run", .. options, "--out", _dir]);
        Assert.Equal(2, exit);
        Assert.Contains(message, output);
    }
}
