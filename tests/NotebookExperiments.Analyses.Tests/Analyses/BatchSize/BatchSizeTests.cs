using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The batch-size view at the temperature study's checkpoint, on a tiny synthetic data set.</summary>
public sealed class BatchSizeTests : IDisposable
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

    private static BatchSizeParameters View(IReadOnlyList<int> batchSizes, int samples) =>
        BatchSizeParameters.Smoke.At(Study) with { Temperatures = [0.5], BatchSizes = batchSizes, Samples = samples };

    [Fact]
    public void OneRowPerEstimatorTemperatureAndBatchSizeStoredAndFoundFinishedOnARerun()
    {
        var environment = new AnalysisEnvironment(Path.Combine(_dir, "batch-size"), Data, CPU);
        var parameters = View([1, 5, 20], 16);
        var result = new BatchSize().Run(parameters, environment);

        // The model is trained under the name the temperature study's gradient job gives its checkpoint, so that each finds the other's.
        var work = Path.Combine(environment.OutputDirectory, "work");
        var job = new TemperatureStudy().Jobs(new TemperatureStudy().Normalise(Study), Data.Train.shape[0]).OfType<GradientJob>().Single();
        Assert.Equal([Path.GetFileName(job.Directory(work))], Directory.GetDirectories(work, "reference-*").Select(Path.GetFileName));
        var table = result.Table;
        Assert.Equal(BatchSize.ColumnNames, table.Columns.Select(c => c.Name));
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
        foreach (var file in new[] { "batch-size.csv", "figure.html", Provenance.FileName })
            Assert.True(File.Exists(Path.Combine(environment.OutputDirectory, file)), file);
        Assert.Equal((3, 3), (Provenance.ReadFrom(environment.OutputDirectory)!.Units, Provenance.ReadFrom(environment.OutputDirectory)!.UnitsComputed));

        // One unit per estimator and τ in the store: a rerun computes nothing and reads back the same table.
        var again = new BatchSize().Run(parameters, environment);
        Assert.Equal(0, Provenance.ReadFrom(environment.OutputDirectory)!.UnitsComputed);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (double)table["mse"][i]), Enumerable.Range(0, 9).Select(i => (double)again.Table["mse"][i]));

        // What the report reads back from the folder: the parameters from the provenance, the table and the figure from the units.
        var stored = new BatchSize().ReadResults(environment.OutputDirectory);
        Assert.Equal(StoredResultsState.Complete, stored.State);
        Assert.Empty(stored.Problems);
        Assert.Equal(["batch-size.csv", "figure.html"], stored.Files.Select(f => f.Name));
        Assert.Equal(9, Assert.Single(stored.Tables).Frame.Rows.Count);
    }

    [Fact]
    public void ItsProgressEndsFinishedWithItsWorkDoneWhetherTheCheckpointIsTrainedNowOrFoundBesideIt()
    {
        var parameters = View([1, 5], 8);
        // First in a folder named as the temperature study's: trained there; then in the batch-size folder beside it: found there.
        foreach (var (round, folder) in new[] { ("trained now", "temperature-study"), ("found", "batch-size") })
        {
            var reports = new List<AnalysisProgress>();
            var environment = new AnalysisEnvironment(Path.Combine(_dir, folder), Data, CPU, new SynchronousProgress<AnalysisProgress>(reports.Add));
            new BatchSize().Run(parameters, environment);
            var last = reports[^1];
            Assert.True(last.Done == last.Total && last.Total == 3, round);
            Assert.Equal(1.0, last.Progress);
            Assert.Equal(reports.Select(r => r.WorkDone).Order(), reports.Select(r => r.WorkDone));
            // What a notebook keeps once the cell has run: finished, with its units and time, not "estimating the time left".
            var html = ProgressView.Render(last, 77);
            Assert.Contains("finished: 3/3 units", html, StringComparison.Ordinal);
            Assert.Contains("in 1 min 17 s", html, StringComparison.Ordinal);
            Assert.DoesNotContain("estimating", html, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(Path.Combine(_dir, "batch-size", "work")), "the checkpoint beside it was trained again");
    }

    [Fact]
    public void ABatchLargerThanTheStudysBatchIsRefusedBeforeAnyTraining()
    {
        var environment = new AnalysisEnvironment(Path.Combine(_dir, "refused"), Data, CPU);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSize().Run(View([1, 40], 8), environment));
        Assert.Contains("at most 20", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(environment.OutputDirectory, "work")));
    }

    [Fact]
    public void ThePresetsMeasureAtTheTemperatureStudysCheckpointOfTheSamePresetAndTheKnobsReplaceTheirValues()
    {
        foreach (var preset in new[] { "quick", "paper", "smoke" })
        {
            var (view, study) = (BatchSizeParameters.FromPreset(preset), TemperatureStudyParameters.FromPreset(preset));
            Assert.Equal((study.Checkpoint, study.BatchSize, study.Seed), (view.Checkpoint, view.Pool, view.PoolSeed));
            Assert.Equal(preset, view.Preset);
            view.Validate();
        }
        Assert.Equal([1, 2, 5, 10, 20, 50, 100], BatchSizeParameters.Quick.BatchSizes);
        Assert.Equal([0.1, 1.0], BatchSizeParameters.Quick.Temperatures);
        Assert.Equal((256, 1024), (BatchSizeParameters.Quick.Samples, BatchSizeParameters.Paper.Samples));
        var given = BatchSizeParameters.FromPreset("paper").With(new { batchSizes = new[] { 4 }, temperatures = new[] { 0.3 }, samples = 32, checkpointEpoch = 0 });
        Assert.Equal([4], given.BatchSizes);
        Assert.Equal([0.3], given.Temperatures);
        Assert.Equal(32, given.Samples);
        Assert.Equal(TemperatureStudyParameters.Paper.Checkpoint, given.Checkpoint);
    }
}
