using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Statistics;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What a bias/variance study (<see cref="BiasVarianceStudy"/>) shows, computed from its per-seed statistics: the estimators
/// ranked by cosine and by relative std, split into the groups that the seeds separate; Beyond ReinMax's claim that ReinMax and
/// ReinMax-Rao are less biased than ST, ST-GS, GR-MC100 and GST-1.0, pair by pair; and, when both are run, how far ZGR and
/// ReinMax (τ = 1), one estimator drawn twice, lie apart.
/// </summary>
/// <remarks>
/// Each seed trains its own model and draws its own batches, so the seeds are the independent replicates: a seed's statistic is
/// averaged over the checkpoints (relative stds as logarithms, since they spread over orders of magnitude), and two estimators
/// are compared by the differences of these averages paired by seed, which removes what the seed's models and batches share. A
/// difference is resolved when the two-sided 95 % Student-t interval of its mean (n − 1 degrees of freedom) excludes zero; the
/// groups are cut only where every pair across the cut is resolved (<see cref="SeparatedGroups"/>). The table and figure give
/// the checkpoints one by one. One seed gives no standard error: the reading then says so and states no ordering.
/// </remarks>
public static class BiasVarianceReading
{
    /// <summary>The reading of <paramref name="result"/>.</summary>
    public static Reading Of(BiasVarianceResult result) => Of(result.Statistics);

    /// <summary>The reading of a study's per-seed statistics (<see cref="BiasVarianceResult.Statistics"/>: <c>seed</c>, <c>epoch</c>,
    /// <c>estimator</c>, <c>title</c>, <c>cosine</c>, <c>relative_std</c>).</summary>
    public static Reading Of(DataFrame statistics)
    {
        var rows = Enumerable.Range(0, (int)statistics.Rows.Count).Select(i => new Row(
            Convert.ToInt64(statistics[Columns.Seed][i], CultureInfo.InvariantCulture), Convert.ToInt32(statistics[Columns.Epoch][i], CultureInfo.InvariantCulture),
            (string)statistics[Columns.Estimator][i], (string)statistics[Columns.Title][i],
            Convert.ToDouble(statistics[Columns.Cosine][i] ?? double.NaN, CultureInfo.InvariantCulture),
            Convert.ToDouble(statistics[Columns.RelativeStd][i] ?? double.NaN, CultureInfo.InvariantCulture))).ToList();
        if (rows.Count == 0) return new Reading(["No statistics: nothing to read."]);

        var epochs = rows.Select(r => r.Epoch).Distinct().Order().ToList();
        var seeds = rows.Select(r => r.Seed).Distinct().Order().ToList();
        var estimators = rows.Select(r => r.Estimator).Distinct().ToList();
        var titles = Titles(rows);
        var value = rows.ToDictionary(r => (r.Estimator, r.Epoch, r.Seed));
        var sentences = new List<string>
        {
            $"{Count(seeds.Count, "seed")} at checkpoint{(epochs.Count == 1 ? "" : "s")} {Join(epochs)}" +
            (seeds.Count < 2
                ? ": one seed gives no standard error, so no difference below is judged; run more seeds (e.g. the paper preset's ten)."
                : ": each seed's statistics are averaged over the checkpoints and compared paired by seed (same models and batches), with a two-sided 95 % Student-t interval on n − 1 degrees of freedom."),
        };

        // One number per seed and estimator: the mean of a measure over the checkpoints (NaN when one is not finite).
        double PerSeed(string e, long s, Func<Row, double> measure) =>
            epochs.All(t => value.ContainsKey((e, t, s))) ? epochs.Average(t => measure(value[(e, t, s)])) : double.NaN;
        PairedDifference Difference(string a, string b, Func<Row, double> measure) =>
            PairedDifference.Of(seeds.Select(s => (PerSeed(a, s, measure), PerSeed(b, s, measure))));

        // Bias: higher cosine is better.
        static double Cosine(Row r) => r.Cosine;
        double MeanCosine(string e) => Mean(seeds.Select(s => PerSeed(e, s, Cosine)));
        var byCosine = estimators.OrderByDescending(e => Sortable(MeanCosine(e), descending: true)).ToList();
        sentences.Add("Cosine with the exact gradient, mean over seeds and checkpoints: " +
            string.Join(", ", byCosine.Select(e => $"{titles[e]} {F(MeanCosine(e), "0.00")}")) + ".");
        // Variance: lower relative std is better, compared as log ratios.
        static double Log(Row r) => r.RelativeStd > 0 ? Math.Log(r.RelativeStd) : double.NaN;
        double GeometricStd(string e) => Math.Exp(Mean(seeds.Select(s => PerSeed(e, s, Log))));
        var bySpread = estimators.OrderBy(e => Sortable(GeometricStd(e), descending: false)).ToList();
        sentences.Add("Relative std, geometric mean over seeds and checkpoints: " +
            string.Join(", ", bySpread.Select(e => $"{titles[e]} {F(GeometricStd(e), "0.00")}")) + ".");

        if (seeds.Count >= 2)
        {
            var cosineGroups = SeparatedGroups.Of(byCosine, (a, b) => Difference(a, b, Cosine).Positive);
            sentences.Add(cosineGroups.Count > 1
                ? $"By cosine averaged over the checkpoints the seeds separate {cosineGroups.Count} groups, each above the next: {SeparatedGroups.Format(cosineGroups, e => titles[e])}; within a group no order is resolved."
                : "By cosine averaged over the checkpoints the seeds separate no group from another.");
            var spreadGroups = SeparatedGroups.Of(bySpread, (a, b) => Difference(a, b, Log).Negative);
            sentences.Add(spreadGroups.Count > 1
                ? $"By relative std they separate {spreadGroups.Count} groups, each below the next: {SeparatedGroups.Format(spreadGroups, e => titles[e], " < ")}."
                : "By relative std the seeds separate no group from another.");
        }

        // The paper's claim: ReinMax and ReinMax-Rao less biased than the straight-through baselines.
        var baselines = Baselines.Where(estimators.Contains).ToList();
        if (seeds.Count >= 2 && baselines.Count > 0)
            foreach (var better in Improved.Where(estimators.Contains))
            {
                var differences = baselines.Select(b => (Baseline: b, Difference: Difference(better, b, Cosine))).ToList();
                int resolved = differences.Count(d => d.Difference.Positive);
                sentences.Add($"Beyond ReinMax's claim that {titles[better]} is less biased than {string.Join(", ", baselines.Select(b => titles[b]))}: its cosine is higher by " +
                    $"{F(differences.Min(d => d.Difference.Mean), "0.000")}–{F(differences.Max(d => d.Difference.Mean), "0.000")} on average, resolved at 95 % against " +
                    $"{resolved.ToString(CultureInfo.InvariantCulture)} of the {baselines.Count.ToString(CultureInfo.InvariantCulture)}" +
                    (resolved == 0 || resolved == baselines.Count ? "." : $" ({string.Join(", ", differences.Where(d => d.Difference.Positive).Select(d => titles[d.Baseline]))})."));
            }

        var zgr = estimators.FirstOrDefault(e => e == "zgr");
        var reinmax = estimators.FirstOrDefault(e => e == "reinmax:tau=1");
        if (zgr is not null && reinmax is not null)
        {
            var cosine = Difference(zgr, reinmax, Cosine);
            var spread = Difference(zgr, reinmax, Log);
            bool resolved = cosine.Positive || cosine.Negative || spread.Positive || spread.Negative;
            sentences.Add($"ZGR and ReinMax (τ = 1) are one estimator (docs/estimators.md, B.6) drawn with different samples: averaged over the checkpoints their cosines differ by " +
                $"{Signed(cosine.Mean, 3)} and their relative stds by {Signed(100 * (Math.Exp(spread.Mean) - 1), 1)} %" +
                (seeds.Count < 2 ? "." : resolved ? ", a difference resolved at 95 % (one test in twenty does so by chance)." : ", neither resolved."));
        }
        return new Reading(sentences);
    }

    /// <summary>The straight-through baselines of Beyond ReinMax's Fig. 1 (canonical specs).</summary>
    private static readonly string[] Baselines = ["st:tau=1", "st-gs:tau=1", "gr-mc:k=100,tau=1", "gst:gap=1,tau=1"];

    /// <summary>The estimators that Fig. 1 shows less biased than <see cref="Baselines"/>.</summary>
    private static readonly string[] Improved = ["reinmax:tau=1", "reinmax-rao:k=100,tau=1"];

    private sealed record Row(long Seed, int Epoch, string Estimator, string Title, double Cosine, double RelativeStd);

    /// <summary>A display name per spec: its title, or the spec when two specs share a title.</summary>
    private static Dictionary<string, string> Titles(IReadOnlyList<Row> rows)
    {
        var first = rows.GroupBy(r => r.Estimator).ToDictionary(g => g.Key, g => g.First().Title);
        var shared = first.Values.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return first.ToDictionary(p => p.Key, p => shared.Contains(p.Value) ? p.Key : p.Value);
    }

    private static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }

    /// <summary>NaN sorts last.</summary>
    private static double Sortable(double v, bool descending) => double.IsFinite(v) ? v : descending ? double.NegativeInfinity : double.PositiveInfinity;
}
