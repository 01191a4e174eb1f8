using Microsoft.DotNet.Interactive.Documents;
using Microsoft.Data.Analysis;
using NotebookExperiments.Data;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Packages;
using NotebookExperiments.Notebooks.Running;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>
/// The analysis notebooks of <c>notebooks/</c>: canonical and pinned as committed, and each one runs top to bottom through the
/// kernel-free runner with tiny parameters, showing its table and its chart with finite values.
/// </summary>
[Collection(NotebookRunnerCollection.Name)]
public sealed class AnalysisNotebookTests(NotebookRunnerFixture fixture) : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("notebook-results").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private static string NotebooksDirectory => Path.Combine(RepositoryRoot.Find()!, "notebooks");

    private static readonly string[] Notebooks =
        ["01-beta-sweep.ipynb", "02-temperature-study.ipynb", "03-bias-variance-checkpoints.ipynb", "04-your-own-estimator.ipynb",
         "05-elbo-table.ipynb"];

    public static TheoryData<string> Names => new(Notebooks);

    [Fact]
    public void EveryNotebookIsListed()
    {
        var onDisk = Directory.GetFiles(NotebooksDirectory, "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);
        Assert.Equal(Notebooks.Order(StringComparer.Ordinal), onDisk);
    }

    [Theory, MemberData(nameof(Names))]
    public void IsCanonicalWithoutOutputsAndPinned(string name)
    {
        var path = Path.Combine(NotebooksDirectory, name);
        Assert.True(NotebookFile.IsCanonical(path), NotebookFile.DescribeNonCanonical(path));
        var notebook = NotebookFile.Read(path);
        Assert.All(notebook.Elements, c => Assert.Empty(c.Outputs));
        Assert.Empty(new PackagePins(CentralPackageVersions.ForRepositoryOf(NotebooksDirectory)).Check(notebook));
        Assert.Equal(1, notebook.Elements.Count(c => c.HasTag("parameters")));
        Assert.True(notebook.Elements[0].IsMarkdown);
        Assert.True(notebook.Elements[^1].IsMarkdown);
    }

    private Task<NotebookRunResult> RunAsync(string name, params (string Name, string Value)[] parameters) =>
        RunAsync(NotebookFile.Read(Path.Combine(NotebooksDirectory, name)), name, parameters);

    /// <summary>Runs <paramref name="notebook"/> (notebook <paramref name="name"/>, perhaps with cells added) from <c>notebooks/</c>.</summary>
    private async Task<NotebookRunResult> RunAsync(InteractiveDocument notebook, string name, params (string Name, string Value)[] parameters)
    {
        var values = parameters.Append((Name: "outputDirectory", Value: Path.Combine(_results, name))).ToDictionary(p => p.Name, p => p.Value);
        var result = await fixture.Runner.RunAsync(notebook, new NotebookRunOptions { Parameters = values, BaseDirectory = NotebooksDirectory });
        Assert.True(result.Succeeded, result.Failure?.ToString());
        return result;
    }

    private static void AssertShowsChartsAndTables(NotebookRunResult result, int charts, int tables)
    {
        var html = result.Notebook.Elements.SelectMany(c => c.Outputs).Select(o => o.GetText("text/html")).Where(h => h is not null).ToList();
        Assert.True(html.Count(h => h!.Contains("Plotly.newPlot", StringComparison.Ordinal)) >= charts, "missing chart outputs");
        Assert.True(html.Count(h => h!.Contains("<table", StringComparison.Ordinal)) >= tables, "missing table outputs");
    }

    /// <summary>The notebook printed <paramref name="readings"/> readings computed from its results (<see cref="NotebookExperiments.Analyses.Reading"/>).</summary>
    private static void AssertShowsReadings(NotebookRunResult result, int readings)
    {
        var html = result.Notebook.Elements.SelectMany(c => c.Outputs).Select(o => o.GetText("text/html")).Where(h => h is not null).ToList();
        Assert.Equal(readings, html.Count(h => h!.Contains("<div class=\"reading\"><b>" + NotebookExperiments.Analyses.Reading.Heading, StringComparison.Ordinal)));
    }

    private static void AssertFinite(DataFrame frame, params string[] columns)
    {
        Assert.True(frame.Rows.Count > 0);
        foreach (var column in columns)
            for (long i = 0; i < frame.Rows.Count; i++)
                Assert.True(double.IsFinite(Convert.ToDouble(frame[column][i])), $"{column}[{i}] = {frame[column][i]}");
    }

    [Fact]
    public async Task BetaSweepRuns()
    {
        var result = await RunAsync("01-beta-sweep.ipynb",
            ("configurations", "8x4"), ("betas", "0,0.5"), ("seeds", "0"), ("epochs", "1"), ("trainSize", "300"));
        AssertShowsChartsAndTables(result, charts: 1, tables: 1);
        AssertShowsReadings(result, readings: 1);
        AssertFinite(result.GetVariable<DataFrame>("summary"), "beta", "mean_train_elbo");
        Assert.Equal(2, result.GetVariable<DataFrame>("summary").Rows.Count);
    }

    [Fact]
    public async Task TemperatureStudyRuns()
    {
        // The smoke preset with the quick preset's overrides: the same temperature study, and the batch-size view and the timing at
        // their smoke budgets (under a second each).
        var result = await RunAsync("02-temperature-study.ipynb",
            ("preset", "smoke"), ("temperatures", "0.5,1"), ("samples", "8"), ("checkpointEpoch", "1"), ("checkpointTrainSize", "300"),
            ("trainingTemperatures", "1"), ("epochs", "1"), ("trainSize", "300"), ("batchSizes", "1,10"), ("batchSizeSamples", "8"));
        AssertShowsChartsAndTables(result, charts: 5, tables: 4);
        AssertShowsReadings(result, readings: 2);
        var study = result.GetVariable<NotebookExperiments.Analyses.TemperatureStudyResult>("result");
        AssertFinite(study.Gradients, "cosine", "relative_std");
        Assert.Contains("RF(4)", Enumerable.Range(0, (int)study.Gradients.Rows.Count).Select(i => (string)study.Gradients["estimator"][i]));
        AssertFinite(study.Training, "final_train_elbo");
        var batchSizes = result.GetVariable<NotebookExperiments.Analyses.BatchSizeResult>("batchSizeView").Table;
        Assert.Equal(3 * 2, batchSizes.Rows.Count); // ST-GS, GR-MC10, GR-MC100 at τ = 1 (the smoke preset's), B = 1 and 10
        AssertFinite(batchSizes, "mse", "relative_mse", "vs_st_gs");
        var timing = result.GetVariable<NotebookExperiments.Analyses.StepTimingResult>("timing").Table;
        Assert.Equal(NotebookExperiments.Analyses.StepTimingParameters.DefaultEstimators.Count, timing.Rows.Count);
        AssertFinite(timing, "median_ms", "vs_st");
    }

    [Fact]
    public async Task BiasVarianceCheckpointsRuns()
    {
        var result = await RunAsync("03-bias-variance-checkpoints.ipynb",
            ("seeds", "0,1"), ("epochs", "2"), ("trainSize", "300"), ("checkpointEpochs", "1,2"), ("samples", "8"), ("estimators", "st:tau=1,zgr"),
            ("gridEtas", "0.7"), ("gridTau2s", "0.1,1"), ("gridSamples", "8"));
        AssertShowsChartsAndTables(result, charts: 2, tables: 2);
        AssertShowsReadings(result, readings: 2);
        var statistics = result.GetVariable<DataFrame>("statistics");
        Assert.Equal(2 * 4, statistics.Rows.Count); // 2 seeds × 2 checkpoints × 2 estimators
        AssertFinite(statistics, "cosine", "relative_std", "mse");
        // The map: ReinMax and 1 η × 2 τ₂ × 3 control variates at the last checkpoint of seed 0, with 8 estimates each.
        var grid = result.GetVariable<NotebookExperiments.Analyses.ControlVariateGridResult>("grid").Statistics;
        Assert.Equal(1 + 6, grid.Rows.Count);
        AssertFinite(grid, "cosine", "relative_std");
    }

    [Fact]
    public async Task YourOwnEstimatorRunsNextToTheBuiltIns()
    {
        var result = await RunAsync("04-your-own-estimator.ipynb",
            ("samples", "8"), ("trainSize", "300"), ("epochs", "1"), ("temperatures", "0.5,1"));
        AssertShowsChartsAndTables(result, charts: 2, tables: 2);
        var statistics = result.GetVariable<DataFrame>("statistics");
        Assert.Contains("tempered-zgr:tau=0.5", Enumerable.Range(0, (int)statistics.Rows.Count).Select(i => (string)statistics["estimator"][i]));
        var gradients = result.GetVariable<NotebookExperiments.Analyses.TemperatureStudyResult>("temperature").Gradients;
        AssertFinite(gradients, "cosine", "relative_std");
        Assert.Contains("tempered ZGR (yours)", Enumerable.Range(0, (int)gradients.Rows.Count).Select(i => (string)gradients["estimator"][i]));
        // The check that the rule at τ = 1 is ZGR, and the judgement at the other temperature, read from the study's gradients.
        var plain = result.Notebook.Elements.SelectMany(c => c.Outputs).Select(o => o.GetText("text/plain") ?? o.GetText("text/html")).Where(t => t is not null).ToList();
        Assert.Contains(plain, t => t!.Contains("tempered ZGR (yours) at τ = 1 is ZGR (the same rule at τ = 1), drawn with other samples", StringComparison.Ordinal));
        Assert.Contains(plain, t => t!.Contains("at the other temperatures: tempered ZGR (yours) has both a higher cosine", StringComparison.Ordinal));
    }

    /// <summary>
    /// Cells run after notebook 05's: they record each run's units computed and train −ELBO per row, add a second row of your
    /// estimator (at τ = 1), load <c>your-estimator.csx</c> again unchanged (another cell compiles the same rule) and run again, then
    /// register an edited rule under its name (as loading the edited file does) and run again.
    /// </summary>
    private static readonly string[] AfterTheElboTable =
    [
        """
        var unitsComputed = new List<int>();
        var trainElbo = new List<Dictionary<string, double>>();
        void Record(Microsoft.Data.Analysis.DataFrame table)
        {
            unitsComputed.Add(NotebookExperiments.Analyses.Provenance.ReadFrom(outputDirectory)!.UnitsComputed);
            trainElbo.Add(Enumerable.Range(0, (int)table.Rows.Count)
                .ToDictionary(i => (string)table["estimator"][i], i => Convert.ToDouble(table["mean_train_elbo"][i])));
        }
        Record(summary);
        """,
        """
        parameters = parameters.WithEstimator(YourEstimator.At(1), "tempered ZGR at τ = 1");
        Record(session.Run(new ElboTable(), parameters).Summary);
        """,
        """
        #load "your-estimator.csx"
        Record(session.Run(new ElboTable(), parameters).Summary);
        """,
        """
        EstimatorCatalog.Default.Register(new BackwardRuleEstimator(YourEstimator.Name,
            (pi, d, g, tau) => SoftmaxJacobian.Vjp(nn.functional.softmax(pi.log() / tau, -1), g) / tau), YourEstimator.Title);
        Record(session.Run(new ElboTable(), parameters).Summary);
        var storedKeys = NotebookExperiments.Analyses.ResultStore.Open(outputDirectory, "elbo-table").Keys.ToList();
        """,
    ];

    [Fact]
    public async Task ElboTableRunsWithYourEstimatorAsARowAndTrainsAgainOnlyWhatChanged()
    {
        var notebook = NotebookFile.Read(Path.Combine(NotebooksDirectory, "05-elbo-table.ipynb"));
        foreach (var cell in AfterTheElboTable) notebook.AddCode(cell);
        var result = await RunAsync(notebook, "05-elbo-table.ipynb",
            ("configurations", "8x4"), ("estimators", "ST,ReinMax"), ("seeds", "0,1"), ("epochs", "1"), ("trainSize", "300"));
        AssertShowsChartsAndTables(result, charts: 1, tables: 3);
        AssertShowsReadings(result, readings: 1);
        var summary = result.GetVariable<DataFrame>("summary");
        string[] rows = ["ST", "ReinMax", "tempered ZGR (yours)"];
        Assert.Equal(rows, Enumerable.Range(0, (int)summary.Rows.Count).Select(i => (string)summary["estimator"][i]));
        AssertFinite(summary, "mean_train_elbo", "se_train_elbo", "mean_test_elbo");

        // The notebook's run trains 3 rows × 2 seeds; a second row of yours trains only its 2 runs; the file loaded again trains
        // nothing; your rule edited under the same name trains both of your rows again and nothing else.
        Assert.Equal(new[] { 6, 2, 0, 4 }, result.GetVariable<List<int>>("unitsComputed"));
        var elbo = result.GetVariable<List<Dictionary<string, double>>>("trainElbo");
        Assert.Equal([.. rows, "tempered ZGR at τ = 1"], elbo[3].Keys);
        foreach (var builtIn in new[] { "ST", "ReinMax" })
            Assert.Equal(new[] { elbo[0][builtIn], elbo[0][builtIn], elbo[0][builtIn] }, new[] { elbo[1][builtIn], elbo[2][builtIn], elbo[3][builtIn] });
        Assert.Equal(elbo[0]["tempered ZGR (yours)"], elbo[1]["tempered ZGR (yours)"]);
        Assert.NotEqual(elbo[2]["tempered ZGR (yours)"], elbo[3]["tempered ZGR (yours)"]);
        Assert.NotEqual(elbo[2]["tempered ZGR at τ = 1"], elbo[3]["tempered ZGR at τ = 1"]);
        // Stored: each built-in run once, each run of your rows twice (one key per version of the rule's code).
        var keys = result.GetVariable<List<string>>("storedKeys");
        Assert.Equal(4, keys.Count(k => k.Contains("|ST|", StringComparison.Ordinal) || k.Contains("|ReinMax|", StringComparison.Ordinal)));
        Assert.Equal(8, keys.Count(k => k.Contains("|tempered ZGR", StringComparison.Ordinal)));
        Assert.Equal(12, keys.Count);
    }
}
