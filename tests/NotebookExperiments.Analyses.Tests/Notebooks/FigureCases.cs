using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;
using NotebookExperiments.Published;
using Plotly.NET;

namespace NotebookExperiments.Tests.Notebooks;

/// <summary>One figure the project draws, built from realistic data (<c>TestData/figures/README.md</c>).</summary>
/// <param name="Name">What it is and which situation it shows, e.g. <c>bias-variance-quick</c>.</param>
/// <param name="Build">Builds the figure through its public builder, as the analyses, notebooks and report do.</param>
public sealed record FigureCase(string Name, Func<GenericChart> Build)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every figure the project draws, each in the situations the quick and the paper presets produce: the β sweep with the published
/// sweep (one seed, and five seeds on three configurations), bias/variance over checkpoints with the published cosines (our epochs
/// 1–6 against the published 1–50, and a paper-length run), the temperature study's three figures (one seed and three), the
/// η × τ₂ map, the −ELBO table's learning curves (3 epochs and 50), the batch-size view and the step timing.
/// </summary>
internal static class FigureCases
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Notebooks", "TestData", "figures");

    public static IReadOnlyList<FigureCase> All { get; } =
    [
        new("beta-sweep-quick", () => BetaSweepFigure.Create(Csv("beta-sweep-summary.csv"), BetaSweepParameters.Quick.Describe(),
            PublishedOverlay.For(BetaSweepParameters.Quick))),
        new("beta-sweep-paper", () => BetaSweepFigure.Create(PaperBetaSweep(), BetaSweepParameters.Paper.Describe(),
            PublishedOverlay.For(BetaSweepParameters.Paper))),
        new("bias-variance-quick", () => BiasVarianceFigure.Create(QuickBiasVariance(), BiasVarianceParameters.Quick.Describe(),
            PublishedOverlay.For(BiasVarianceParameters.Quick))),
        new("bias-variance-quick-without-published", () => BiasVarianceFigure.Create(QuickBiasVariance(), BiasVarianceParameters.Quick.Describe())),
        new("bias-variance-paper", () => BiasVarianceFigure.Create(PaperBiasVariance(), BiasVarianceParameters.Paper.Describe(),
            PublishedOverlay.For(BiasVarianceParameters.Paper))),
        new("temperature-gradients", () => TemperatureFigures.GradientVersusTemperature(Csv("temperature-gradients.csv"), TemperatureSubtitle)),
        new("temperature-tradeoff", () => TemperatureFigures.BiasVarianceTradeoff(Csv("temperature-gradients.csv"), TemperatureSubtitle)),
        new("temperature-tradeoff-yours", () => TemperatureFigures.BiasVarianceTradeoff(Csv("yours-temperature-gradients.csv"), TemperatureSubtitle)),
        new("temperature-training-one-seed", () => TemperatureFigures.TrainingVersusTemperature(Csv("temperature-training.csv"), TemperatureSubtitle)),
        new("temperature-training-three-seeds", () => TemperatureFigures.TrainingVersusTemperature(ThreeSeedTraining(),
            (TemperatureStudyParameters.Quick with { Seeds = [0, 1, 2] }).Describe())),
        new("control-variate-grid", () => ControlVariateGridFigure.Create(GridStatistics(), BiasVarianceParameters.Quick.Describe())),
        new("elbo-learning-curves-quick", () => ElboTableFigure.LearningCurves(Csv("elbo-table-curves.csv"), ElboTableParameters.Quick.Describe())),
        new("elbo-learning-curves-paper", () => ElboTableFigure.LearningCurves(PaperCurves(), ElboTableParameters.Paper.Describe())),
        new("batch-size", () => BatchSizeFigure.Create(Csv("batch-size.csv"),
            "quick preset: epoch 4 of reinmax:tau=1 on 8x4 (the temperature study's checkpoint), its batch of 100 images cut into batches of B, 256 estimates")),
        new("step-timing", () => StepTimingFigure.Create(new StepTimingResult(Csv("step-timing.csv"), "cpu", "AMD EPYC 7B13 (2 cores)", 2,
            StepTimingParameters.Quick))),
    ];

    private static string TemperatureSubtitle => TemperatureStudyParameters.Quick.Describe();

    /// <summary>The columns of the fixtures that are not numbers.</summary>
    private static readonly HashSet<string> TextColumns = ["config", "estimator", "title", "spec", "variant"];

    private static readonly HashSet<string> IntegerColumns =
        ["runs", "diverged_runs", "samples", "all_zero_examples", "seed", "epoch", "seeds", "cosine_seeds", "relative_std_seeds",
         "nonfinite_seeds", "k", "batch_size", "batches", "nfe", "rounds", "passes_per_block"];

    /// <summary>A fixture as a frame: text, whole-number, truth-value (<c>diverged</c>) and double columns, <c>NaN</c> read as NaN.</summary>
    public static DataFrame Csv(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file)).Where(l => l.Length > 0).Select(Fields).ToList();
        var header = lines[0];
        var rows = lines.Skip(1).ToList();
        var columns = header.Select((name, c) =>
        {
            var values = rows.Select(r => r[c]).ToArray();
            return name switch
            {
                _ when TextColumns.Contains(name) => (DataFrameColumn)new StringDataFrameColumn(name, values),
                "diverged" => new BooleanDataFrameColumn(name, values.Select(bool.Parse)),
                _ when IntegerColumns.Contains(name) => new Int32DataFrameColumn(name, values.Select(v => int.Parse(v, CultureInfo.InvariantCulture))),
                _ => new DoubleDataFrameColumn(name, values.Select(v => double.Parse(v, CultureInfo.InvariantCulture))),
            };
        });
        return new DataFrame(columns);
    }

    /// <summary>The fields of one CSV line (double quotes around fields with commas).</summary>
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    /// <summary>
    /// The quick bias/variance study per seed: for each checkpoint and estimator of the summary, three seeds at mean − s.e.·√3,
    /// mean and mean + s.e.·√3 (their mean and standard error are the summary's).
    /// </summary>
    private static DataFrame QuickBiasVariance()
    {
        var summary = Csv("bias-variance-summary.csv");
        var rows = new List<(int Epoch, string Spec, string Title, int Seed, double Cosine, double RelativeStd)>();
        for (int i = 0; i < summary.Rows.Count; i++)
        {
            double cosine = (double)summary["cosine_mean"][i], cosineSe = (double)summary["cosine_se"][i];
            double std = (double)summary["relative_std_mean"][i], stdSe = (double)summary["relative_std_se"][i];
            for (int seed = 0; seed < 3; seed++)
            {
                double step = (seed - 1) * Math.Sqrt(3);
                rows.Add(((int)summary["epoch"][i], (string)summary["estimator"][i], (string)summary["title"][i], seed,
                    cosine + step * cosineSe, std + step * stdSe));
            }
        }
        return BiasVarianceFrame(rows, samples: 256);
    }

    /// <summary>
    /// A paper-length study (10 seeds, checkpoints 1, 5, 10, …, 50): the six published estimators a little below their published
    /// cosines, ZGR and our ReinMax-CV beside ReinMax, the authors' forward-noise variant on it, and their code's variant near
    /// −0.85 as in the quick run; relative std as in the quick run.
    /// </summary>
    private static DataFrame PaperBiasVariance()
    {
        var quick = Csv("bias-variance-summary.csv");
        var specs = Enumerable.Range(0, 10).Select(i => ((string)quick["estimator"][i], (string)quick["title"][i], (double)quick["relative_std_mean"][i])).ToList();
        int[] epochs = [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50];
        var published = PublishedResults.BiasVarianceCosine;
        double PublishedOr(string spec, int epoch, string fallback)
        {
            var canonical = Comparability.Canonical(spec);
            var points = published.Where(q => Comparability.Canonical(q.Estimator) == canonical).OrderBy(q => Math.Abs(q.Epoch - epoch)).ToList();
            return points.Count > 0 ? points[0].Cosine.Mean : PublishedOr(fallback, epoch, fallback);
        }
        var rows = new List<(int, string, string, int, double, double)>();
        foreach (var (spec, title, std) in specs)
            foreach (int epoch in epochs)
                for (int seed = 0; seed < 10; seed++)
                {
                    double noise = 0.02 * Math.Sin(7 * seed + epoch + spec.Length);
                    double cosine = title switch
                    {
                        "ReinMax-CV (authors' code)" => -0.85,
                        "ZGR" or "ReinMax-CV (authors' forward noise)" => PublishedOr("reinmax:tau=1", epoch, "reinmax:tau=1"),
                        "ReinMax-CV" => PublishedOr("reinmax:tau=1", epoch, "reinmax:tau=1") - 0.02,
                        _ => PublishedOr(spec, epoch, "reinmax:tau=1") - 0.01,
                    };
                    rows.Add((epoch, spec, title, seed, cosine + noise, std * (1 + 0.1 * Math.Cos(3 * seed + epoch))));
                }
        return BiasVarianceFrame(rows, samples: 1024);
    }

    private static DataFrame BiasVarianceFrame(IReadOnlyList<(int Epoch, string Spec, string Title, int Seed, double Cosine, double RelativeStd)> rows, int samples) => new(
        new Int32DataFrameColumn("epoch", rows.Select(r => r.Epoch)),
        new StringDataFrameColumn("estimator", rows.Select(r => r.Spec)),
        new StringDataFrameColumn("title", rows.Select(r => r.Title)),
        new Int32DataFrameColumn("seed", rows.Select(r => r.Seed)),
        new DoubleDataFrameColumn("cosine", rows.Select(r => r.Cosine)),
        new DoubleDataFrameColumn("relative_std", rows.Select(r => r.RelativeStd)),
        new Int32DataFrameColumn("samples", rows.Select(_ => samples)));

    /// <summary>
    /// A paper-preset β sweep: 29 β on 8×4 (our means 1.5 nats above the published ones, sd 1 nat, none at the collapse level), 8×16
    /// and 4×24 (collapse below ½ at about 206 and 200 nats, a minimum near 0.6), five seeds each.
    /// </summary>
    private static DataFrame PaperBetaSweep()
    {
        var rows = new List<(string Config, double Beta, double Mean, double Sd)>();
        foreach (var q in PublishedResults.BetaSweep.OrderBy(q => q.Beta))
            rows.Add(("8x4", q.Beta, q.TrainElbo.Mean + 1.5, q.Beta < 0.5 ? 0.05 : 1.0));
        foreach (var (config, collapse, floor) in new[] { ("8x16", 206.0, 101.0), ("4x24", 200.0, 99.0) })
            for (int b = 0; b < 29; b++)
            {
                double beta = Math.Round(-0.2 + 0.05 * b, 2);
                rows.Add((config, beta, beta < 0.5 ? collapse : floor + 25 * (beta - 0.6) * (beta - 0.6), beta < 0.5 ? 0.05 : 0.8));
            }
        return new DataFrame(
            new StringDataFrameColumn("config", rows.Select(r => r.Config)),
            new DoubleDataFrameColumn("beta", rows.Select(r => r.Beta)),
            new Int32DataFrameColumn("runs", rows.Select(_ => 5)),
            new DoubleDataFrameColumn("mean_train_elbo", rows.Select(r => r.Mean)),
            new DoubleDataFrameColumn("sd_train_elbo", rows.Select(r => r.Sd)),
            new Int32DataFrameColumn("diverged_runs", rows.Select(_ => 0)));
    }

    /// <summary>The quick training runs with two more seeds, each within ±2 nats of seed 0's loss.</summary>
    private static DataFrame ThreeSeedTraining()
    {
        var one = Csv("temperature-training.csv");
        int n = (int)one.Rows.Count;
        var index = Enumerable.Range(0, 3 * n).ToArray();
        object Cell(string column, int i) => one[column][i % n];
        return new DataFrame(
            new StringDataFrameColumn("estimator", index.Select(i => (string)Cell("estimator", i))),
            new StringDataFrameColumn("spec", index.Select(i => (string)Cell("spec", i))),
            new DoubleDataFrameColumn("tau", index.Select(i => (double)Cell("tau", i))),
            new Int32DataFrameColumn("seed", index.Select(i => i / n)),
            new DoubleDataFrameColumn("final_train_elbo", index.Select(i => (double)Cell("final_train_elbo", i) + (i < n ? 0 : 2 * Math.Sin(5 * i)))),
            new BooleanDataFrameColumn("diverged", index.Select(_ => false)));
    }

    /// <summary>The statistics behind the η × τ₂ map's summary: ReinMax (τ = 1) and each cell, one seed at epoch 6.</summary>
    private static DataFrame GridStatistics()
    {
        var summary = Csv("control-variate-grid-summary.csv");
        int n = (int)summary.Rows.Count;
        var specs = new List<string> { ControlVariateGrid.Reference };
        var cosine = new List<double> { (double)summary["reference_cosine"][0] };
        var std = new List<double> { (double)summary["reference_relative_std"][0] };
        for (int i = 0; i < n; i++)
        {
            specs.Add((string)summary["spec"][i]);
            cosine.Add((double)summary["cosine"][i]);
            std.Add((double)summary["relative_std"][i]);
        }
        return new DataFrame(
            new StringDataFrameColumn("estimator", specs),
            new DoubleDataFrameColumn("cosine", cosine),
            new DoubleDataFrameColumn("relative_std", std),
            new Int32DataFrameColumn("epoch", specs.Select(_ => (int)summary["epoch"][0])),
            new Int32DataFrameColumn("seed", specs.Select(_ => 0)));
    }

    /// <summary>
    /// Learning curves of a paper-length table: six configurations, seven estimators, three seeds, 50 epochs, each falling from
    /// about 250 nats towards its published train −ELBO (plus 5 nats), with seed noise of about a nat.
    /// </summary>
    private static DataFrame PaperCurves()
    {
        string[] configs = ["8x4", "4x24", "8x16", "16x12", "64x8", "10x30"];
        string[] estimators = ["ST", "ST-GS", "GR-MC100", "GST-1.0", "ReinMax", "ReinMax-Rao", "ReinMax-CV"];
        var rows = new List<(string, string, int, int, double)>();
        foreach (var config in configs)
            for (int e = 0; e < estimators.Length; e++)
            {
                double target = (PublishedResults.ElboCell(config, estimators[e])?.TrainElbo.Mean ?? 105.0) + 5;
                for (int seed = 0; seed < 3; seed++)
                    for (int epoch = 1; epoch <= 50; epoch++)
                        rows.Add((config, estimators[e], seed, epoch,
                            target + (250 - target) * Math.Exp(-epoch / 6.0) + Math.Sin(11 * seed + 3 * epoch + e)));
            }
        return new DataFrame(
            new StringDataFrameColumn("config", rows.Select(r => r.Item1)),
            new StringDataFrameColumn("estimator", rows.Select(r => r.Item2)),
            new Int32DataFrameColumn("seed", rows.Select(r => r.Item3)),
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Item4)),
            new DoubleDataFrameColumn("train_elbo", rows.Select(r => r.Item5)));
    }
}
