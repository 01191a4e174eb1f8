using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Models;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Shards;

/// <summary>Sharded runs: the plan and its balance, the writers' units files, and merged tables identical to a single process.</summary>
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

    /// <summary>A job that only has a cost, for the plan's tests.</summary>
    private sealed class CostJob(string key, double cost, int parts = 1) : AnalysisJob(key, Enumerable.Range(0, parts).Select(i => $"{key}/u{i}").ToList())
    {
        public override double Cost => cost;

        public override string Label => Key;

        public override int MaxParts => parts;

        public override IReadOnlyList<AnalysisJob> Split(int n) => n == 1 ? [this]
            : Enumerable.Range(0, n).Select(i => (AnalysisJob)new CostJob($"{Key}/{i}", cost / n)).ToList();

        public override double LongestPiece(bool checkpointEnsembles) => cost;

        internal override double FinishedCost(ResultStore store) => 0;

        internal override void Run(JobContext context) => throw new NotSupportedException();

        internal override double MeasureSecondsPerCost(JobTimer context) => throw new NotSupportedException();

        internal override string ProbeSignature => Key;
    }

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
    public void TheAssignmentIsAGreedyBalanceOnCost()
    {
        var jobs = new[] { 5.0, 3, 3, 2, 2, 1 }.Select((c, i) => (AnalysisJob)new CostJob($"job{i}", c)).ToList();
        var shards = ShardPlan.Assign(jobs, 2);
        Assert.Equal([1, 2, 2, 1, 2, 1], shards); // loads 5|0, 5|3, 5|6, 7|6, 7|8, 8|8
        Assert.Equal([8.0, 8.0], ShardPlan.Loads(jobs, shards, 2));
        Assert.Equal(shards, ShardPlan.Assign(jobs.AsEnumerable().Reverse().ToList(), 2).Reverse());
        // Jobs that cannot split are never split, even when the balance is poor.
        var plan = ShardPlan.Plan(jobs, 6);
        Assert.Equal(jobs, plan.Jobs);
    }

    [Fact]
    public void ThePlanSplitsEnsemblesOnlyAsFarAsTheBalanceNeeds()
    {
        // Four ensembles of 29 runs and a small unsplittable job (the temperature study's paper preset in miniature).
        var jobs = new AnalysisJob[] { new CostJob("a", 29, 29), new CostJob("b", 29, 29), new CostJob("c", 29, 29), new CostJob("d", 13, 13), new CostJob("g", 1.6) };
        Assert.Equal(jobs, ShardPlan.Plan(jobs, 4).Jobs);          // 29 | 29 | 29 | 14.6: balanced as they are
        foreach (int n in new[] { 2, 3, 5, 6, 10, 40 })
        {
            var plan = ShardPlan.Plan(jobs, n);
            double mean = plan.Loads.Sum() / n;
            Assert.True(plan.Loads.Max() <= ShardPlan.Tolerance * mean + 1e-9, $"{n} shards: {string.Join(", ", plan.Loads)}");
            Assert.True(plan.Loads.Min() >= ShardPlan.MinimumShare * mean - 1e-9, $"{n} shards: {string.Join(", ", plan.Loads)}");
            Assert.Equal(jobs.Sum(j => j.Cost), plan.Loads.Sum(), 9);
        }
        // As many shards as runs: every ensemble is split down to one run (the small job then outweighs the others, as it must).
        Assert.Equal(101, ShardPlan.MaxShards(jobs));
        Assert.Equal(101, ShardPlan.Plan(jobs, 101).Jobs.Count);
        var e = Assert.Throws<ArgumentException>(() => ShardPlan.Plan(jobs, 102));
        Assert.Contains("use at most 101", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePaperPresetsShardEvenlyAtTheirDefaultShardCounts()
    {
        foreach (var (name, jobs) in new (string, IReadOnlyList<AnalysisJob>)[]
                 {
                     ("beta-sweep", new BetaSweep().Jobs(BetaSweepParameters.Paper, 60_000)),
                     ("bias-variance", new BiasVarianceStudy().Jobs(BiasVarianceParameters.Paper, 60_000)),
                     ("temperature-study", new TemperatureStudy().Jobs(TemperatureStudyParameters.Paper, 60_000)),
                     ("elbo-table", new ElboTable().Jobs(ElboTableParameters.Paper, 60_000)),
                 })
            foreach (int n in new[] { jobs.Count, 4, Math.Min(16, ShardPlan.MaxShards(jobs)) })
            {
                var loads = ShardPlan.Plan(jobs, n).Loads;
                double mean = loads.Sum() / n;
                Assert.True(loads.Max() <= ShardPlan.Tolerance * mean && loads.Min() >= ShardPlan.MinimumShare * mean,
                    $"{name}, {n} shards: {string.Join(", ", loads.Select(l => l.ToString("N0")))}");
            }
    }

    [Fact]
    public void TheSweepsJobsAreItsEnsemblesWithTheirMemberSteps()
    {
        var jobs = new BetaSweep().Jobs(TinySweep, 300);
        Assert.Equal(["3x2|ensemble=0", "3x2|ensemble=1", "2x3|ensemble=0", "2x3|ensemble=1"], jobs.Select(j => j.Key));
        Assert.Equal([4, 2, 4, 2], jobs.Select(j => j.Units.Count));
        Assert.Equal(4 * 2.0, jobs[0].Cost); // 4 members × 2 steps (200 images, batch 100, 1 epoch)
        Assert.Equal(4 * 2.0, jobs[0].LongestPiece(checkpointEnsembles: false));
        Assert.Equal(4 * 2.0, jobs[0].LongestPiece(checkpointEnsembles: true)); // one epoch
        var parts = jobs[0].Split(3);
        Assert.Equal(["3x2|ensemble=0/part=1of3", "3x2|ensemble=0/part=2of3", "3x2|ensemble=0/part=3of3"], parts.Select(j => j.Key));
        Assert.Equal(jobs[0].Units, parts.SelectMany(j => j.Units));
    }

    [Fact]
    public void ThreeShardsOfTheBetaSweepMergeToExactlyTheSingleProcessResult()
    {
        var single = new BetaSweep().Run(TinySweep, Environment("single")).Runs;
        for (int i = 1; i <= 2; i++)
        {
            var shard = new RunScope(new Shard(i, 3));
            var error = Assert.Throws<MissingUnitsException>(() => new BetaSweep().Run(TinySweep, Environment("sharded", shard)));
            Assert.NotEmpty(error.Missing);
            Assert.DoesNotContain(i, error.Shards);
        }
        // The last shard to finish finds every unit and returns the table.
        AssertIdentical(single, new BetaSweep().Run(TinySweep, Environment("sharded", new RunScope(new Shard(3, 3)))).Runs);
        var files = Directory.GetFiles(Path.Combine(_dir, "sharded"), "units-*.jsonl");
        Assert.Equal(3, files.Length);
        var merged = new BetaSweep().Run(TinySweep, Environment("sharded", new RunScope(MergeOnly: true)));
        AssertIdentical(single, merged.Runs);
        AssertIdentical(BetaSweep.Summarise(single), merged.Summary);
        // A later single-process run with the same parameters finds everything and trains nothing.
        AssertIdentical(single, new BetaSweep().Run(TinySweep, Environment("sharded")).Runs);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_dir, "sharded"), "units-*.jsonl").Length);
    }

    [Fact]
    public void MoreShardsThanEnsemblesSplitThemAndGiveTheSameRunsUpToRounding()
    {
        var single = new BetaSweep().Run(TinySweep, Environment("single")).Runs;
        for (int i = 1; i <= 6; i++)
        {
            try { new BetaSweep().Run(TinySweep, Environment("split", new RunScope(new Shard(i, 6)))); }
            catch (MissingUnitsException) { Assert.NotEqual(6, i); }
        }
        var merged = new BetaSweep().Run(TinySweep, Environment("split", new RunScope(MergeOnly: true, MergeShards: 6))).Runs;
        for (int r = 0; r < 12; r++)
        {
            Assert.Equal((double)single["beta"][r], (double)merged["beta"][r]);
            Assert.Equal((double)single["final_train_elbo"][r], (double)merged["final_train_elbo"][r], 1e-4 * (double)single["final_train_elbo"][r]);
        }
    }

    [Fact]
    public void AMergeRunsNothingAndReportsEveryMissingUnitWithItsShard()
    {
        var error = Assert.Throws<MissingUnitsException>(() => new BetaSweep().Run(TinySweep, Environment("empty", new RunScope(MergeOnly: true))));
        Assert.Equal(12, error.Missing.Count);
        Assert.Equal(12, error.Total);
        Assert.Contains("3x2|beta=0|seed=0", error.Missing.Select(UnitKey.LabelOf));
        Assert.Empty(error.Shards);
        var withShards = Assert.Throws<MissingUnitsException>(() => new BetaSweep().Run(TinySweep, Environment("empty", new RunScope(MergeOnly: true, MergeShards: 3))));
        Assert.Equal([1, 2, 3], withShards.Shards);
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
        var singleBias = new BiasVarianceStudy().Run(bias, Environment("bias-single")).Statistics;
        for (int i = 1; i <= 2; i++)
        {
            try { new BiasVarianceStudy().Run(bias, Environment("bias", new RunScope(new Shard(i, 2)))); }
            catch (MissingUnitsException) { Assert.Equal(1, i); }
        }
        AssertIdentical(singleBias, new BiasVarianceStudy().Run(bias, Environment("bias", new RunScope(MergeOnly: true))).Statistics);

        var temperature = TemperatureStudyParameters.Quick with
        {
            Checkpoint = TemperatureStudyParameters.Quick.Checkpoint with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
            Temperatures = [1.0],
            Families = [new("ST", "st")],
            Samples = 16,
            BatchSize = 20,
            TrainingTemperatures = [0.5, 2.0],
            Training = new SweepConfiguration("3x2", OptimizerKind.Adam, 1e-3),
            Epochs = 1,
            TrainSize = 200,
            Seeds = [0],
            MaxEnsembleSize = 2,
        };
        var singleTemperature = new TemperatureStudy().Run(temperature, Environment("temperature-single"));
        for (int i = 1; i <= 3; i++)
        {
            try { new TemperatureStudy().Run(temperature, Environment("temperature", new RunScope(new Shard(i, 3)))); }
            catch (MissingUnitsException) { Assert.NotEqual(3, i); }
        }
        var merged = new TemperatureStudy().Run(temperature, Environment("temperature", new RunScope(MergeOnly: true)));
        AssertIdentical(singleTemperature.Gradients, merged.Gradients);
        AssertIdentical(singleTemperature.Training, merged.Training);

        var table = ElboTableParameters.Quick with
        {
            Configurations = ["8x4"],
            Seeds = [0],
            Epochs = 1,
            TrainSize = 200,
            MaxEnsembleSize = 2,
        };
        table = table.WithEstimators(["ST", "ReinMax", "GST-1.0"]);
        var singleTable = new ElboTable().Run(table, Environment("table-single"));
        for (int i = 1; i <= 2; i++)
        {
            try { new ElboTable().Run(table, Environment("table", new RunScope(new Shard(i, 2)))); }
            catch (MissingUnitsException) { Assert.Equal(1, i); }
        }
        var mergedTable = new ElboTable().Run(table, Environment("table", new RunScope(MergeOnly: true)));
        AssertIdentical(singleTable.Runs, mergedTable.Runs);
        AssertIdentical(singleTable.Summary, mergedTable.Summary);
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
                if (a is double x && b is double y)
                    Assert.True(BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y), $"{column.Name}[{r}]: {x:R} against {y:R}");
                else Assert.Equal(a, b);
            }
    }
}
