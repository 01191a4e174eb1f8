using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Timing;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// The ZGR paper's Fig. 5 on this machine: the shape of the table only. Times depend on the machine and its load, so no test
/// asserts a time or an order of estimators.
/// </summary>
public class StepTimingTests
{
    private static StepTimingParameters Tiny => StepTimingParameters.Smoke with
    {
        Configuration = "4x3",
        BatchSize = 20,
        Estimators = [new("GR-MC10", "gr-mc:k=10,tau=1"), new("ST", "st:tau=1"), new("RF(4)", "reinforce-loo:m=4"), new("ZGR", "zgr")],
        Plan = new RunPlan(1, TimeSpan.Zero, 3, TimeSpan.Zero),
    };

    [Fact]
    public void EveryEstimatorHasAFinitePositiveTimeAndItsRatioToStOfTheSameRounds()
    {
        using var generator = new Generator(4);
        using var images = rand([50, 784], generator: generator);
        var lines = new List<string>();
        var unit = StepTiming.Measure(Tiny, images, CPU, new NotebookExperiments.SynchronousProgress<string>(lines.Add));
        var result = Collected(Tiny, unit);
        var table = result.Table;

        Assert.Equal(StepTiming.ColumnNames, table.Columns.Select(c => c.Name));
        Assert.Equal(["GR-MC10", "ST", "RF(4)", "ZGR"], Enumerable.Range(0, 4).Select(i => (string)table["estimator"][i]));
        Assert.Equal([1, 1, 4, 1], Enumerable.Range(0, 4).Select(i => (int)table["nfe"][i]));
        for (int i = 0; i < 4; i++)
        {
            foreach (var column in new[] { "median_ms", "q1_ms", "q3_ms", "vs_st", "vs_st_q1", "vs_st_q3", "samples_per_s" })
                Assert.True(double.IsFinite((double)table[column][i]) && (double)table[column][i] > 0, $"{column}[{i}] = {table[column][i]}");
            Assert.True((double)table["q1_ms"][i] <= (double)table["median_ms"][i] && (double)table["median_ms"][i] <= (double)table["q3_ms"][i]);
            Assert.Equal(3, (int)table["rounds"][i]);
            Assert.Equal(1, (int)table["passes_per_block"][i]);
        }
        // ST over itself in every round: exactly 1. The ratios are per round, so they are not the ratio of the medians.
        Assert.Equal((1.0, 1.0, 1.0), ((double)table["vs_st"][1], (double)table["vs_st_q1"][1], (double)table["vs_st_q3"][1]));
        Assert.Equal(20 / ((double)table["median_ms"][0] / 1e3), (double)table["samples_per_s"][0], 1e-9 * (double)table["samples_per_s"][0]);

        Assert.Equal(("cpu", get_num_threads()), (result.Device, result.Threads));
        Assert.Contains("round 3/3", lines);
        var line = result.Describe();
        Assert.Contains("4x3 VAE, batch 20, CPU", line, StringComparison.Ordinal);
        Assert.Contains("3 interleaved rounds", line, StringComparison.Ordinal);
        Assert.Contains("Tesla P100", line, StringComparison.Ordinal);
    }

    [Fact]
    public void PresetsAndTheirChecks()
    {
        Assert.Contains(StepTimingParameters.Quick.Estimators, e => e.Spec == "reinforce-loo:m=4");
        Assert.Equal(["GR-MC10", "GR-MC100", "GR-MC1000"],
            StepTimingParameters.Quick.Estimators.Select(e => e.Title).Where(t => t.StartsWith("GR-MC", StringComparison.Ordinal)));
        Assert.Equal(RunPlan.Fast, StepTimingParameters.Paper.Plan);
        Assert.Equal(4, StepTimingParameters.FromPreset("quick").With(new { rounds = 4 }).Plan.Rounds);
        Assert.Equal(StepTimingParameters.Quick.Plan, StepTimingParameters.FromPreset("quick").With(new { rounds = 0 }).Plan);
        StepTimingParameters.Quick.Validate();

        var withoutSt = Assert.Throws<ArgumentException>(() => (Tiny with { Estimators = [new("ZGR", "zgr")] }).Validate());
        Assert.Contains("include an ST estimator", withoutSt.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (Tiny with { Estimators = [new("ST", "st"), new("ST", "st:tau=0.5")] }).Validate());
        using var few = zeros(10, 784);
        Assert.Throws<ArgumentException>(() => StepTiming.Measure(Tiny, few, CPU));
    }

    [Fact]
    public void ItsOneUnitIsStoredAndARerunReadsTheTimingBackInsteadOfTimingAgain()
    {
        using var dir = new TempDirectory();
        var data = NotebookExperiments.Tests.Support.TinyData.Create(train: 60, test: 10);
        var environment = new AnalysisEnvironment(dir.Path, data, CPU);
        var first = new StepTiming().Run(Tiny, environment);
        Assert.Equal((1, 1), (Provenance.ReadFrom(dir.Path)!.Units, Provenance.ReadFrom(dir.Path)!.UnitsComputed));
        foreach (var file in new[] { "step-timing.csv", "figure.html" }) Assert.True(File.Exists(Path.Combine(dir.Path, file)), file);
        var again = new StepTiming().Run(Tiny, environment);
        Assert.Equal(0, Provenance.ReadFrom(dir.Path)!.UnitsComputed);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (double)first.Table["median_ms"][i]), Enumerable.Range(0, 4).Select(i => (double)again.Table["median_ms"][i]));
        Assert.Equal((first.Hardware, first.Threads), (again.Hardware, again.Threads));
        // One job of one unit: no shard plan splits the interleaved rounds.
        var jobs = new StepTiming().Jobs(Tiny, data.Train.shape[0]);
        Assert.Equal(1, Assert.Single(jobs).MaxParts);
        Assert.Single(jobs[0].Units);
    }

    /// <summary>The result as the descriptor reads it from a store holding <paramref name="unit"/>.</summary>
    private static StepTimingResult Collected(StepTimingParameters parameters, StepTimingUnit unit)
    {
        using var dir = new TempDirectory();
        var store = ResultStore.Open(dir.Path, "step-timing", "cpu");
        var timing = new StepTiming();
        store.Append(timing.Jobs(parameters, 60_000)[0].Units[0], unit);
        return timing.Collect(parameters, store, 60_000);
    }
}
