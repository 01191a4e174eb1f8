using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The batch-size view at the temperature study's checkpoint, on a tiny synthetic data set.</summary>
public sealed class BatchSizeStudyTests : IDisposable
{
    private static readonly TrainingData Data = TinyData.Create(train: 300, test: 50);
    private readonly string _dir = Directory.CreateTempSubdirectory("batch-size-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The gradient part only, with ZGR alone; no training part.</summary>
    private static TemperatureStudyParameters Study => TemperatureStudyParameters.Quick with
    {
        Checkpoint = TemperatureStudyParameters.Quick.Checkpoint with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
        Temperatures = [1.0],
        Families = [],
        GradientReferences = [],
        Samples = 4,
        BatchSize = 20,
        TrainingTemperatures = [],
        Seeds = [],
    };

    [Fact]
    public void OneRowPerEstimatorTemperatureAndBatchSizeAtTheStudysOwnCheckpoint()
    {
        var environment = new AnalysisEnvironment(Path.Combine(_dir, "temperature"), Data, CPU);
        var parameters = BatchSizeParameters.Smoke with { Temperatures = [0.5], BatchSizes = [1, 5, 20], Samples = 16 };
        var result = BatchSizeStudy.Run(Study, parameters, environment);

        // The model is trained where the temperature study's gradient job keeps its checkpoint, so that each finds the other's.
        var work = Path.Combine(environment.OutputDirectory, "work");
        var job = new TemperatureStudy().Jobs(new TemperatureStudy().Normalise(Study), Data.Train.shape[0]).OfType<GradientJob>().Single();
        Assert.Equal([job.Directory(work)], Directory.GetDirectories(work, "reference-*"));
        var table = result.Table;
        Assert.Equal(BatchSizeStudy.ColumnNames, table.Columns.Select(c => c.Name));
        Assert.Equal(9, table.Rows.Count);
        Assert.Equal(["ST-GS", "ST-GS", "ST-GS", "GR-MC10", "GR-MC10", "GR-MC10", "GR-MC100", "GR-MC100", "GR-MC100"],
            Enumerable.Range(0, 9).Select(i => (string)table["estimator"][i]));
        Assert.Equal("gr-mc:k=100,tau=0.5", (string)table["spec"][6]);
        Assert.Equal([1, 5, 20], Enumerable.Range(0, 3).Select(i => (int)table["batch_size"][i]));
        Assert.Equal([20, 4, 1], Enumerable.Range(0, 3).Select(i => (int)table["batches"][i]));
        for (int i = 0; i < 9; i++)
        {
            foreach (var column in new[] { "mse", "mse_se", "variance", "exact_squared_norm", "relative_mse", "vs_st_gs" })
                Assert.True(double.IsFinite((double)table[column][i]) && (double)table[column][i] >= 0, $"{column}[{i}] = {table[column][i]}");
            Assert.Equal((double)table["mse"][i], (double)table["squared_bias"][i] + (double)table["variance"][i], 1e-9 * (double)table["mse"][i]);
        }
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1.0, (double)table["vs_st_gs"][i]));
        Assert.Contains("epoch 1 of reinmax:tau=1 on 3x2", result.Description, StringComparison.Ordinal);
        Assert.Contains("batch of 20 images", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ItsProgressEndsFinishedWithItsWorkDoneWhetherTheCheckpointIsTrainedNowOrFound()
    {
        var parameters = BatchSizeParameters.Smoke with { Temperatures = [0.5], BatchSizes = [1, 5], Samples = 8 };
        foreach (var round in new[] { "trained now", "found" })
        {
            var reports = new List<AnalysisProgress>();
            var environment = new AnalysisEnvironment(Path.Combine(_dir, "progress"), Data, CPU, new SynchronousProgress<AnalysisProgress>(reports.Add));
            BatchSizeStudy.Run(Study, parameters, environment);
            var last = reports[^1];
            Assert.True(last.Done == last.Total && last.Total == 1, round);
            Assert.Equal(1.0, last.Progress);
            Assert.Equal(reports.Select(r => r.WorkDone).Order(), reports.Select(r => r.WorkDone));
            // What a notebook keeps once the cell has run: finished, with its units and time, not "estimating the time left".
            var html = ProgressView.Render(last, 77);
            Assert.Contains("finished: 1/1 units", html, StringComparison.Ordinal);
            Assert.Contains("in 1 min 17 s", html, StringComparison.Ordinal);
            Assert.DoesNotContain("estimating", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ABatchLargerThanTheStudysBatchIsRefusedBeforeAnyTraining()
    {
        var environment = new AnalysisEnvironment(Path.Combine(_dir, "refused"), Data, CPU);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            BatchSizeStudy.Run(Study, BatchSizeParameters.Smoke with { BatchSizes = [1, 40] }, environment));
        Assert.Contains("at most 20", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(environment.OutputDirectory, "work")));
        Assert.Equal([1, 2, 5, 10, 20, 50, 100], BatchSizeParameters.FromPreset("quick", [], [], 0).BatchSizes);
        var given = BatchSizeParameters.FromPreset("paper", [4], [0.3], 32);
        Assert.Equal([4], given.BatchSizes);
        Assert.Equal([0.3], given.Temperatures);
        Assert.Equal(32, given.Samples);
    }
}
