using Microsoft.Data.Analysis;

namespace NotebookExperiments.Tests.Charts;

/// <summary>Small hand-made frames with the columns the analyses produce.</summary>
internal static class ChartFrames
{
    public const string Subtitle = "Quick preset: 2 epochs, 2,000 training images, 1 seed — not the paper's protocol";

    /// <summary>
    /// A β sweep over two configurations: 8x4 at β = 0, 0.5, 1 and 0.25 (unsorted), with 3 runs each; 4x24 at β = 0, 0.5 and
    /// 1.2, where β = 1.2 diverged (NaN mean) and β = 0 is a single run (NaN sd).
    /// </summary>
    public static DataFrame BetaSweep() => new(
        new StringDataFrameColumn("config", ["8x4", "8x4", "8x4", "4x24", "8x4", "4x24", "4x24"]),
        new DoubleDataFrameColumn("beta", [0.0, 0.5, 1.0, 0.0, 0.25, 0.5, 1.2]),
        new Int32DataFrameColumn("runs", [3, 3, 3, 1, 3, 3, 3]),
        new DoubleDataFrameColumn("mean_train_elbo", [120.0, 110.0, 125.0, 108.0, 114.0, 100.0, double.NaN]),
        new DoubleDataFrameColumn("sd_train_elbo", [1.0, 0.5, 2.0, double.NaN, 0.8, 0.4, double.NaN]),
        new Int32DataFrameColumn("diverged_runs", [0, 0, 1, 0, 0, 0, 3]));

    /// <summary>Three estimators at epochs 5 and 1 (listed out of order); ZGR's relative std at epoch 1 is NaN.</summary>
    public static DataFrame BiasVariance()
    {
        string[] specs = ["reinmax:tau=1", "st:tau=1", "zgr"];
        string[] titles = ["ReinMax", "ST", "ZGR"];
        var rows = new[] { 5, 1 }.SelectMany(epoch => specs.Select((s, k) => (epoch, k))).ToArray();
        return new DataFrame(
            new Int32DataFrameColumn("epoch", rows.Select(r => r.epoch)),
            new StringDataFrameColumn("estimator", rows.Select(r => specs[r.k])),
            new StringDataFrameColumn("title", rows.Select(r => titles[r.k])),
            new DoubleDataFrameColumn("cosine", rows.Select(r => 0.9 + 0.01 * r.k + 0.001 * r.epoch)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => r.k == 2 && r.epoch == 1 ? double.NaN : 0.5 + 0.1 * r.k)),
            new DoubleDataFrameColumn("mse", rows.Select(r => 0.01)),
            new DoubleDataFrameColumn("exact_norm", rows.Select(r => 1.0)),
            new DoubleDataFrameColumn("mean_norm", rows.Select(r => 0.98)),
            new Int32DataFrameColumn("samples", rows.Select(r => 1024)));
    }

    /// <summary>
    /// Gradient statistics of the temperature study: ST and GR-MC10 at τ = 1, 0.1, 0.5 (unsorted), and temperature-free ZGR
    /// (τ NaN). GR-MC10's cosine at τ = 0.1 is exactly 1, so 1 − cosine cannot be drawn on a log axis.
    /// </summary>
    public static DataFrame TemperatureGradients()
    {
        var rows = new List<(string Estimator, string Spec, double Tau, double Cosine, double RelativeStd)>();
        foreach (var tau in new[] { 1.0, 0.1, 0.5 })
        {
            rows.Add(("ST", $"st:tau={tau}", tau, 0.99 - 0.1 * tau, 0.3 / tau));
            rows.Add(("GR-MC10", $"gr-mc:k=10,tau={tau}", tau, tau == 0.1 ? 1.0 : 0.98 - 0.2 * tau, 0.2 / tau));
        }
        rows.Add(("ZGR", "zgr", double.NaN, 0.97, 0.6));
        return new DataFrame(
            new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
            new StringDataFrameColumn("spec", rows.Select(r => r.Spec)),
            new DoubleDataFrameColumn("tau", rows.Select(r => r.Tau)),
            new DoubleDataFrameColumn("cosine", rows.Select(r => r.Cosine)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => r.RelativeStd)),
            new DoubleDataFrameColumn("mse", rows.Select(r => 0.01)),
            new Int32DataFrameColumn("samples", rows.Select(r => 1000)));
    }

    /// <summary>
    /// Training runs of the temperature study, seeds 0–2: ST at τ = 0.5 (losses 100, 102, and seed 2 diverged with NaN) and
    /// τ = 0.1 (104, 106, 108); ST-GS at τ = 0.1 where every run diverged (one flagged with a finite loss, two with NaN) and
    /// τ = 0.5 (101, 103, 105); ZGR without temperature (99, 100, 101).
    /// </summary>
    public static DataFrame TemperatureRuns()
    {
        var rows = new List<(string Estimator, string Spec, double Tau, long Seed, double Loss, bool Diverged)>
        {
            ("ST", "st:tau=0.5", 0.5, 0, 100, false), ("ST", "st:tau=0.5", 0.5, 1, 102, false), ("ST", "st:tau=0.5", 0.5, 2, double.NaN, true),
            ("ST", "st:tau=0.1", 0.1, 0, 104, false), ("ST", "st:tau=0.1", 0.1, 1, 106, false), ("ST", "st:tau=0.1", 0.1, 2, 108, false),
            ("ST-GS", "st-gs:tau=0.1", 0.1, 0, 150, true), ("ST-GS", "st-gs:tau=0.1", 0.1, 1, double.NaN, true),
            ("ST-GS", "st-gs:tau=0.1", 0.1, 2, double.PositiveInfinity, true),
            ("ST-GS", "st-gs:tau=0.5", 0.5, 0, 101, false), ("ST-GS", "st-gs:tau=0.5", 0.5, 1, 103, false), ("ST-GS", "st-gs:tau=0.5", 0.5, 2, 105, false),
            ("ZGR", "zgr", double.NaN, 0, 99, false), ("ZGR", "zgr", double.NaN, 1, 100, false), ("ZGR", "zgr", double.NaN, 2, 101, false),
        };
        return new DataFrame(
            new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
            new StringDataFrameColumn("spec", rows.Select(r => r.Spec)),
            new DoubleDataFrameColumn("tau", rows.Select(r => r.Tau)),
            new Int64DataFrameColumn("seed", rows.Select(r => r.Seed)),
            new DoubleDataFrameColumn("final_train_elbo", rows.Select(r => r.Loss)),
            new BooleanDataFrameColumn("diverged", rows.Select(r => r.Diverged)));
    }
}
