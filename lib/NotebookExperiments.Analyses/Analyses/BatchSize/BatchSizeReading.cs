using System.Globalization;
using Microsoft.Data.Analysis;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What the batch-size view (<see cref="BatchSize"/>) shows, computed from its table: for each temperature and each estimator
/// set beside ST-GS, its MSE as a multiple of ST-GS's at the smallest and at the largest batch size, and whether the two MSEs differ by
/// more than their Monte-Carlo noise (Paulus et al.'s "particularly pronounced at small batch sizes and low temperatures").
/// </summary>
/// <remarks>
/// Each MSE is a mean over independent estimates and carries its standard error (<c>mse_se</c>); the two estimators draw their own
/// samples, so the standard error of the difference of their MSEs is √(se₁² + se₂²), and a difference is read as real when it exceeds
/// twice that.
/// </remarks>
public static class BatchSizeReading
{
    /// <summary>The reading of <paramref name="result"/>.</summary>
    public static Reading Of(BatchSizeResult result) => Of(result.Table);

    /// <summary>The reading of a batch-size table (<see cref="BatchSizeResult.Table"/>).</summary>
    public static Reading Of(DataFrame table)
    {
        var rows = Enumerable.Range(0, (int)table.Rows.Count).Select(i => (
            Estimator: (string)table[Columns.Estimator][i],
            Tau: Convert.ToDouble(table[Columns.Tau][i], CultureInfo.InvariantCulture),
            B: Convert.ToInt32(table[Columns.BatchSize][i], CultureInfo.InvariantCulture),
            Mse: Convert.ToDouble(table[Columns.Mse][i] ?? double.NaN, CultureInfo.InvariantCulture),
            Se: Convert.ToDouble(table[Columns.MseSe][i] ?? double.NaN, CultureInfo.InvariantCulture))).ToList();
        if (rows.Count == 0) return new Reading(["No batch sizes measured: nothing to read."]);
        var sentences = new List<string>();
        foreach (var tau in rows.Select(r => r.Tau).Distinct().Order())
        {
            var atTau = rows.Where(r => r.Tau == tau).ToList();
            var sizes = atTau.Select(r => r.B).Distinct().Order().ToList();
            var parts = new List<string>();
            foreach (var estimator in atTau.Select(r => r.Estimator).Distinct().Where(e => e != "ST-GS"))
            {
                var ends = new[] { sizes[0], sizes[^1] }.Distinct().Select(b =>
                {
                    var ours = atTau.SingleOrDefault(r => r.Estimator == estimator && r.B == b);
                    var baseline = atTau.SingleOrDefault(r => r.Estimator == "ST-GS" && r.B == b);
                    if (ours.Estimator is null || baseline.Estimator is null || !(baseline.Mse > 0)) return null;
                    double noise = 2 * Math.Sqrt(ours.Se * ours.Se + baseline.Se * baseline.Se);
                    string verdict = !double.IsFinite(noise) ? "" : Math.Abs(ours.Mse - baseline.Mse) > noise ? "" : ", within noise";
                    return $"{F(ours.Mse / baseline.Mse, "0.00")}× at B = {b.ToString(CultureInfo.InvariantCulture)}{verdict}";
                }).OfType<string>().ToList();
                if (ends.Count > 0) parts.Add($"{estimator} {string.Join(" and ", ends)}");
            }
            if (parts.Count > 0)
                sentences.Add($"At τ = {tau.ToString("0.###", CultureInfo.InvariantCulture)}, MSE as a multiple of ST-GS's: {string.Join("; ", parts)} " +
                              "(a difference counts only beyond twice the standard error of the two MSEs).");
        }
        return new Reading(sentences.Count > 0 ? sentences : ["No estimator here is set beside ST-GS: nothing to compare."]);
    }
}
