using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Shards;

/// <summary>Sharded runs: the plan, the per-shard units files, and merged tables identical to a single process.</summary>
public sealed class ShardTests : IDisposable
{
    private static readonly TrainingData Data = TinyData.Create(train: 300, test: 50);
    private readonly string _dir = Directory.CreateTempSubdirectory("shard-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private AnalysisEnvironment Environment(string name, RunScope? scope = null) => new(Path.Combine(_dir, name), Data, CPU, Scope: scope);

    private static BetaSweepParameters TinySweep => BetaSweepParameters.Quick with
    {
        Configurations = [new("3x2", OptimizerKind.Adam, 1e-3), new("2x3", OptimizerKind.RAdam, 1e-3)],
        Betas = [0.0, 0.5, 1.0],
        Seeds = [0, 1],
        Epochs = 1,
        TrainSize = 200,
        MaxEnsembleSize = 4,
    };

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("2/3", 2, 3)]
    public void ShardParsesIOfN(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("3")]
    [InlineData("a/b")]
    public void ShardRejectsOtherForms(string text) => Assert.Throws<ArgumentException>(() => Shard.Parse(text));

    [Fact]
    public void ThePlanIsAGreedyBalanceOnCostThatNeverSplitsAJob()
    {
        var jobs = new[] { 5.0, 3, 3, 2, 2, 1 }.Select((c, i) => new ShardJob($"job{i}", c, [$"u{i}"])).ToList();
        var shards = ShardPlan.Assign(jobs, 2);
        Assert.Equal([1, 2, 2, 1, 2, 1], shards); // loads 5|0, 5|3, 5|6, 7|6, 7|8, 8|8
        Assert.Equal([8.0, 8.0], ShardPlan.Loads(jobs, 2));
        Assert.Equal(shards, ShardPlan.Assign(jobs.AsEnumerable().Reverse().ToList(), 2).Reverse());
        Assert.All(ShardPlan.Assign(jobs, 10), s => Assert.InRange(s, 1, 10));
    }

    [Fact]
    public void TheSweepsJobsAreItsEnsemblesWithTheirMemberSteps()
    {
        var jobs = BetaSweep.Jobs(TinySweep, 300);
        Assert.Equal(["3x2|ensemble=0", "3x2|ensemble=1", "2x3|ensemble=0", "2x3|ensemble=1"], jobs.Select(j => j.Key));
        Assert.Equal([4, 2, 4, 2], jobs.Select(j => j.Units.Count));
        Assert.Equal(4 * 2.0, jobs[0].Cost); // 4 members × 2 steps (200 images, batch 100, 1 epoch)
    }

    [Fact]
    public void ThreeShardsOfTheBetaSweepMergeToExactlyTheSingleProcessResult()
    {
        var single = BetaSweep.Run(TinySweep, Environment("single"));
        for (int i = 1; i <= 2; i++)
        {
            var shard = new RunScope(new Shard(i, 3));
            var error = Assert.Throws<MissingUnitsException>(() => BetaSweep.Run(TinySweep, Environment("sharded", shard)));
            Assert.NotEmpty(error.Missing);
        }
        // The last shard to finish finds every unit and returns the table.
        AssertIdentical(single, BetaSweep.Run(TinySweep, Environment("sharded", new RunScope(new Shard(3, 3)))));
        var files = Directory.GetFiles(Path.Combine(_dir, "sharded"), "units-*.jsonl").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Matches(@"^units-[0-9a-f]{16}\.shard-[123]-of-3\.jsonl$", f!));
        var merged = BetaSweep.Run(TinySweep, Environment("sharded", new RunScope(MergeOnly: true)));
        AssertIdentical(single, merged);
        AssertIdentical(BetaSweep.Summarise(single), BetaSweep.Summarise(merged));
        // A later single-process run with the same parameters finds everything and trains nothing.
        AssertIdentical(single, BetaSweep.Run(TinySweep, Environment("sharded")));
    }

    [Fact]
    public void AMergeRunsNothingAndReportsEveryMissingUnit()
    {
        var error = Assert.Throws<MissingUnitsException>(() => BetaSweep.Run(TinySweep, Environment("empty", new RunScope(MergeOnly: true))));
        Assert.Equal(12, error.Missing.Count);
        Assert.Equal(12, error.Total);
        Assert.Contains("3x2|beta=0|seed=0", error.Missing);
    }

    [Fact]
    public void ShardsOfTheOtherAnalysesMergeToTheSingleProcessResult()
    {
        var bias = BiasVarianceParameters.Quick with
        {
            Training = BiasVarianceParameters.Quick.Training with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
            Seeds = [0, 1],
            CheckpointEpochs = [1],
            Estimators = ["st:tau=1", "zgr"],
            Samples = 16,
            BatchSize = 20,
        };
        var singleBias = BiasVarianceStudy.Run(bias, Environment("bias-single"));
        for (int i = 1; i <= 2; i++)
        {
            try { BiasVarianceStudy.Run(bias, Environment("bias", new RunScope(new Shard(i, 2)))); }
            catch (MissingUnitsException) { Assert.Equal(1, i); }
        }
        AssertIdentical(singleBias, BiasVarianceStudy.Run(bias, Environment("bias", new RunScope(MergeOnly: true))));

        var temperature = TemperatureStudyParameters.Quick with
        {
            Checkpoint = TemperatureStudyParameters.Quick.Checkpoint with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
            Temperatures = [1.0],
            Families = [new("ST", "st")],
            Samples = 16,
            BatchSize = 20,
            TrainingTemperatures = [0.5, 2.0],
            Training = new SweepConfiguration("3x2", OptimizerKind.Adam, 1e-3),
            TrainingEpochs = 1,
            TrainingSize = 200,
            TrainingSeeds = [0],
            MaxEnsembleSize = 2,
        };
        var singleTemperature = TemperatureStudy.Run(temperature, Environment("temperature-single"));
        for (int i = 1; i <= 3; i++)
        {
            try { TemperatureStudy.Run(temperature, Environment("temperature", new RunScope(new Shard(i, 3)))); }
            catch (MissingUnitsException) { Assert.NotEqual(3, i); }
        }
        var merged = TemperatureStudy.Run(temperature, Environment("temperature", new RunScope(MergeOnly: true)));
        AssertIdentical(singleTemperature.Gradients, merged.Gradients);
        AssertIdentical(singleTemperature.Training, merged.Training);
    }

    /// <summary>Same columns, same rows, every value bit for bit (NaN equal to NaN).</summary>
    internal static void AssertIdentical(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        foreach (var column in expected.Columns)
            for (long r = 0; r < expected.Rows.Count; r++)
            {
                object? a = column[r], b = actual[column.Name][r];
                if (a is double x && b is double y) Assert.Equal(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(y));
                else Assert.Equal(a, b);
            }
    }
}
