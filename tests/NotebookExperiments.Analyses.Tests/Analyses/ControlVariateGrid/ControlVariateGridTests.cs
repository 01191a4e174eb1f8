using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Estimators;
using NotebookExperiments.Tests.Charts;
using NotebookExperiments.Tests.Support;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// ReinMax-CV's η × τ₂ grid (docs/estimators.md, C.2) run through the bias/variance study and summarised against ReinMax (τ = 1):
/// the specs of the grid, their addition to the study's estimators, the summary's arithmetic, and on a trained model that our
/// mean-zero control variate does not lower ReinMax's relative std (B.15).
/// </summary>
public sealed class ControlVariateGridTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cv-grid-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TheGridIsTheAuthorsSearchGridInCanonicalSpecsVariantByVariant()
    {
        Assert.Equal([0.1, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0], ControlVariateGrid.Etas);
        Assert.Equal([0.1, 0.3, 0.5, 0.7, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5], ControlVariateGrid.Tau2s);
        var all = ControlVariateGrid.Specs(ControlVariateGrid.Etas, ControlVariateGrid.Tau2s, ReinMaxCv.ControlVariateNames);
        Assert.Equal(3 * 7 * 10, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, s => Assert.Equal(s, EstimatorCatalog.Default.Create(s).Spec));
        Assert.Equal("reinmax-cv:eta=0.1,k=100,tau2=0.1", all[0]);
        Assert.Equal("reinmax-cv:cv=forward,eta=0.1,k=100,tau2=0.1", all[70]);
        Assert.Equal("reinmax-cv:cv=code,eta=2,k=100,tau2=1.5", all[^1]);
        Assert.Throws<EstimatorSpecException>(() => ControlVariateGrid.Specs([0.5], [0.0], ["conditional"]));
        Assert.Throws<EstimatorSpecException>(() => ControlVariateGrid.Specs([0.5], [0.5], ["fresh"]));
        Assert.Throws<ArgumentException>(() => ControlVariateGrid.Specs([], [0.5], ["code"]));
    }

    [Fact]
    public void TheGridJoinsTheStudysEstimatorsOnceWithReinMaxAsItsReference()
    {
        var quick = BiasVarianceParameters.Quick;
        var grid = quick.WithControlVariateGrid([0.7, 1.5], [0.1], ["conditional", "code"], k: 10);
        // The study's own estimators first, unchanged; ReinMax (already there) not twice; then the new cells.
        Assert.Equal(quick.Estimators, grid.Estimators.Take(quick.Estimators.Count));
        Assert.Equal(["reinmax-cv:eta=0.7,k=10,tau2=0.1", "reinmax-cv:eta=1.5,k=10,tau2=0.1", "reinmax-cv:cv=code,eta=0.7,k=10,tau2=0.1",
            "reinmax-cv:cv=code,eta=1.5,k=10,tau2=0.1"], grid.Estimators.Skip(quick.Estimators.Count));
        // At K = 100 the preset's three ReinMax-CV (η = 0.7, τ₂ = 0.1) are cells of the grid and are not added again.
        var full = quick.WithControlVariateGrid([0.7], [0.1]);
        Assert.Equal(quick.Estimators, full.Estimators);
        // ReinMax is added when the study lacks it.
        Assert.Equal(["reinmax:tau=1", "reinmax-cv:cv=forward,eta=0.3,k=100,tau2=0.5"],
            (quick with { Estimators = ["st:tau=1"] }).WithControlVariateGrid([0.3], [0.5], ["forward"]).Estimators.Skip(1));
        Assert.Equal(3 * 70 + quick.Estimators.Count - 3, quick.WithControlVariateGrid().Estimators.Count);
    }

    [Fact]
    public void TheSummarySetsEachCellAgainstReinMaxAtTheChosenCheckpointCountingNonFiniteSeeds()
    {
        // Two seeds; at epoch 3, ReinMax has cosine 0.8/0.9 and relative std 1/2; the cell (0.5, 0.1) of ours 0.7/0.8 and 2/4; the
        // code cell's second seed has a NaN relative std. Epoch 1 must be ignored.
        string rm = "reinmax:tau=1", ours = "reinmax-cv:eta=0.5,tau2=0.1,k=100", code = "reinmax-cv:cv=code,eta=0.5,tau2=0.1,k=100";
        var frame = new DataFrame(
            new Int32DataFrameColumn("epoch", [1, 3, 3, 3, 3, 3, 3, 3]),
            new Int64DataFrameColumn("seed", [0, 0, 1, 0, 1, 0, 1, 0]),
            new StringDataFrameColumn("estimator", [rm, rm, rm, ours, ours, code, code, "st:tau=1"]),
            new DoubleDataFrameColumn("cosine", [0.1, 0.8, 0.9, 0.7, 0.8, 0.95, 0.85, 0.5]),
            new DoubleDataFrameColumn("relative_std", [9, 1, 2, 2, 4, 1.2, double.NaN, 3]));
        var summary = ControlVariateGrid.Summarise(frame);
        Assert.Equal(2, summary.Rows.Count);
        Assert.Equal(["conditional", "code"], summary["variant"].Cast<string>());
        Assert.Equal([3, 3], summary["epoch"].Cast<int>());
        Assert.Equal(0.85, (double)summary["reference_cosine"][0], 12);
        Assert.Equal(1.5, (double)summary["reference_relative_std"][0], 12);
        Assert.Equal(0.75 - 0.85, (double)summary["cosine_difference"][0], 12);
        Assert.Equal(3.0 / 1.5, (double)summary["relative_std_ratio"][0], 12);
        Assert.Equal((2, 0), ((int)summary["seeds"][0], (int)summary["nonfinite_seeds"][0]));
        // The NaN seed is left out of the code cell's relative std and counted.
        Assert.Equal(1.2 / 1.5, (double)summary["relative_std_ratio"][1], 12);
        Assert.Equal((2, 1), ((int)summary["seeds"][1], (int)summary["nonfinite_seeds"][1]));
        Assert.Equal("reinmax-cv:cv=code,eta=0.5,k=100,tau2=0.1", (string)summary["spec"][1]);

        Assert.Throws<ArgumentException>(() => ControlVariateGrid.Summarise(frame, epoch: 1));  // no ReinMax-CV at epoch 1
        Assert.Throws<ArgumentException>(() => ControlVariateGrid.Summarise(frame, epoch: 2));  // no such checkpoint
        var noReference = new DataFrame(new StringDataFrameColumn("estimator", [ours]), new DoubleDataFrameColumn("cosine", [0.5]),
            new DoubleDataFrameColumn("relative_std", [1.0]));
        Assert.Contains("reinmax:tau=1", Assert.Throws<ArgumentException>(() => ControlVariateGrid.Summarise(noReference)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnATrainedModelOurControlVariateDoesNotLowerReinMaxsRelativeStd()
    {
        // A 3×2 VAE trained one epoch with ReinMax; at its checkpoint, 256 estimates of ReinMax and of ReinMax-CV with our
        // control variate at η = 1.5. B.15: Var(g_RM + η c) = Var(g_RM) + η² E[Var(c | D)], so its relative std is at least
        // ReinMax's (their means agree, B.12). The two estimators draw independently: each relative std has a relative standard
        // error of about 1/√(2N) (a sample sd over N draws, before averaging over elements and examples, which shrinks it
        // further), so their ratio one of about 1/√N; the test allows 3 of those below 1.
        const int samples = 256;
        var data = TinyData.Create(train: 300, test: 50);
        var parameters = new ControlVariateGridParameters
        {
            Study = BiasVarianceParameters.Quick with
            {
                Training = BiasVarianceParameters.Quick.Training with { Configuration = "3x2", Epochs = 1, TrainSize = 200 },
                CheckpointEpochs = [1],
                BatchSize = 20,
            },
            Etas = [1.5],
            Tau2s = [0.1, 1.0],
            Variants = ["conditional", "code"],
            K = 20,
            Samples = samples,
        };
        var environment = new AnalysisEnvironment(Path.Combine(_dir, "grid"), data, CPU);
        var result = new ControlVariateGrid().Run(parameters, environment);
        var summary = result.Summary;
        Assert.Equal(ControlVariateGrid.Summarise(result.Statistics).Columns.Select(c => c.Name), summary.Columns.Select(c => c.Name));
        Assert.Equal(4, summary.Rows.Count);
        double margin = 3 / Math.Sqrt(samples);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal("conditional", (string)summary["variant"][i]);
            double ratio = (double)summary["relative_std_ratio"][i];
            Assert.True(ratio > 1 - margin, $"τ₂ = {summary["tau2"][i]}: relative std ratio {ratio} below 1 − {margin}");
        }
        // The figure draws the map of this very run: one heatmap per variant and measure.
        var figure = new Charts.FigureJson(ControlVariateGridFigure.Create(result.Statistics, parameters.GridStudy().Describe()));
        Assert.Equal(4, figure.Traces.Count(t => Charts.FigureJson.String(t, "type") == "heatmap"));

        // Its result folder: the statistics, the summary, the map and the provenance; the units in its store, found on a rerun.
        foreach (var file in new[] { "statistics.csv", "summary.csv", "figure.html", Provenance.FileName })
            Assert.True(File.Exists(Path.Combine(environment.OutputDirectory, file)), file);
        Assert.Equal((5, 5), (Provenance.ReadFrom(environment.OutputDirectory)!.Units, Provenance.ReadFrom(environment.OutputDirectory)!.UnitsComputed));
        var again = new ControlVariateGrid().Run(parameters, environment);
        Assert.Equal(0, Provenance.ReadFrom(environment.OutputDirectory)!.UnitsComputed);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (double)summary["relative_std_ratio"][i]),
            Enumerable.Range(0, 4).Select(i => (double)again.Summary["relative_std_ratio"][i]));
        var stored = new ControlVariateGrid().ReadResults(environment.OutputDirectory);
        Assert.Equal(StoredResultsState.Complete, stored.State);
        Assert.Empty(stored.Problems);
        Assert.Equal(["statistics.csv", "summary.csv", "figure.html"], stored.Files.Select(f => f.Name));
        Assert.Equal(4, Assert.Single(stored.Tables).Frame.Rows.Count);
    }

    [Fact]
    public void ThePresetChoosesTheGridQuickAThreeByThreeAndPaperTheAuthors()
    {
        var quick = ControlVariateGridParameters.Quick;
        Assert.Equal([0.3, 0.7, 1.5], quick.Etas);
        Assert.Equal([0.1, 0.5, 1.0], quick.Tau2s);
        Assert.Equal(ReinMaxCv.ControlVariateNames, quick.Variants);
        Assert.Equal(128, quick.Samples);
        var paper = ControlVariateGridParameters.FromPreset("paper");
        Assert.Equal(ControlVariateGrid.Etas, paper.Etas);
        Assert.Equal(ControlVariateGrid.Tau2s, paper.Tau2s);
        Assert.Equal(BiasVarianceParameters.Paper.Samples, paper.Samples);

        // The study it runs: the preset study's first seed, its last checkpoint, ReinMax and the cells (as notebook 03 built it).
        foreach (var (grid, study) in new[] { (quick, BiasVarianceParameters.Quick), (paper, BiasVarianceParameters.Paper) })
        {
            var run = grid.GridStudy();
            Assert.Equal([study.Seeds[0]], run.Seeds);
            Assert.Equal([study.CheckpointEpochs.Max()], run.CheckpointEpochs);
            Assert.Equal((study with { Estimators = [ControlVariateGrid.Reference], Seeds = [study.Seeds[0]], CheckpointEpochs = [study.CheckpointEpochs.Max()], Samples = grid.Samples })
                .WithControlVariateGrid(grid.Etas, grid.Tau2s, grid.Variants).Estimators, run.Estimators);
            Assert.Equal(1 + 3 * grid.Etas.Count * grid.Tau2s.Count, run.Estimators.Count);
        }
        Assert.Equal(3, ControlVariateGridParameters.Quick.With(new { checkpointEpoch = 3 }).GridStudy().CheckpointEpochs.Single());
        Assert.Throws<ArgumentOutOfRangeException>(() => (quick with { Samples = 1 }).Validate());
    }
}
