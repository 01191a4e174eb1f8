using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Statistics;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What the η × τ₂ map of ReinMax-CV (<see cref="ControlVariateGrid.Summarise"/>) shows, per control variate: how many cells have
/// more or less spread than ReinMax at τ = 1, where the largest and smallest ratios lie, and how far the cosines move from
/// ReinMax's.
/// </summary>
/// <remarks>
/// The map rests on one model, one batch and N estimates per cell, with no standard error: a ratio near 1 or a cosine difference of
/// a few hundredths may be Monte-Carlo noise. A control variate with mean zero given D (ours) keeps ReinMax's expectation but adds
/// spread, and the cosine of the mean of N estimates falls as their spread grows (the Monte-Carlo shortfall tr Σ / (2 N ‖ḡ‖²),
/// <see cref="MonteCarloShortfall"/>), so a lower cosine of ours at a fixed N is what added spread alone predicts, not a shifted mean.
/// </remarks>
public static class ControlVariateGridReading
{
    /// <summary>The reading of a grid summary (<see cref="ControlVariateGrid.Summarise"/>'s frame).</summary>
    public static Reading Of(DataFrame summary)
    {
        var cells = Enumerable.Range(0, (int)summary.Rows.Count).Select(i => (
            Variant: (string)summary[Columns.Variant][i],
            Eta: Convert.ToDouble(summary[Columns.Eta][i], CultureInfo.InvariantCulture),
            Tau2: Convert.ToDouble(summary[Columns.Tau2][i], CultureInfo.InvariantCulture),
            Ratio: Convert.ToDouble(summary[Columns.RelativeStdRatio][i] ?? double.NaN, CultureInfo.InvariantCulture),
            Difference: Convert.ToDouble(summary[Columns.CosineDifference][i] ?? double.NaN, CultureInfo.InvariantCulture))).ToList();
        if (cells.Count == 0) return new Reading(["No ReinMax-CV cell: nothing to read."]);
        string At((string Variant, double Eta, double Tau2, double Ratio, double Difference) c) =>
            $"η = {c.Eta.ToString("0.##", CultureInfo.InvariantCulture)}, τ₂ = {c.Tau2.ToString("0.##", CultureInfo.InvariantCulture)}";
        var sentences = new List<string>
        {
            "One model, one batch, no standard error per cell: with N estimates per cell a ratio carries a Monte-Carlo error of roughly 1/√N " +
            "(about 9 % at the quick preset's 128, 3 % at the paper's 1024), so ratios within about twice that of 1, and cosine differences " +
            "of a few hundredths, may be noise.",
        };
        foreach (var group in cells.GroupBy(c => c.Variant))
        {
            var finite = group.Where(c => double.IsFinite(c.Ratio) && double.IsFinite(c.Difference)).ToList();
            if (finite.Count == 0)
            {
                sentences.Add($"{Name(group.Key)}: no cell with finite statistics.");
                continue;
            }
            var (largest, smallest) = (finite.MaxBy(c => c.Ratio), finite.MinBy(c => c.Ratio));
            var (highest, lowest) = (finite.MaxBy(c => c.Difference), finite.MinBy(c => c.Difference));
            int above = finite.Count(c => c.Ratio > 1), lower = finite.Count(c => c.Difference < 0);
            sentences.Add($"{Name(group.Key)}: relative std above ReinMax's in {above} of {finite.Count} cells, " +
                $"its ratio from {F(smallest.Ratio, "0.00")} ({At(smallest)}) to {F(largest.Ratio, "0.00")} ({At(largest)}); " +
                $"cosine below ReinMax's in {lower} of {finite.Count} cells, its difference from {Signed(highest.Difference, 3)} ({At(highest)}) " +
                $"to {Signed(lowest.Difference, 3)} ({At(lowest)})" +
                (group.Key == ReinMaxCv.ControlVariateNames[(int)ReinMaxCvControlVariate.Conditional]
                    ? ", as added spread alone lowers the cosine of a mean of a fixed number of estimates (its expectation is ReinMax's)."
                    : "."));
        }
        return new Reading(sentences);
    }

    private static string Name(string variant) => variant switch
    {
        "conditional" => "Ours (cv=conditional)",
        "forward" => "The authors' forward noise (cv=forward)",
        "code" => "The authors' code (cv=code)",
        _ => $"cv={variant}",
    };
}
