using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Statistics;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What a temperature study (<see cref="TemperatureStudy"/>) shows, computed from its two tables: per temperature-dependent
/// estimator, where its cosine peaks and how its relative std moves with τ; the temperature-free references; ReinMax at τ = 1
/// against ZGR (one estimator); GR-MCK's spread against ST-GS's; how many GR-MCK points ZGR or an ST point dominates; and
/// whether the training part resolves any effect of τ.
/// </summary>
/// <remarks>
/// The gradient part measures one model on one batch with N estimates per point: it has no seeds, hence no standard error over
/// seeds. Its noise is the Monte-Carlo error of N estimates, which pulls every cosine below that of the estimator's expectation
/// by about tr Σ / (2 N ‖ḡ‖²) and moves it at random with a standard error of at most sin θ √(tr Σ / N) / ‖ḡ‖
/// (<see cref="MonteCarloShortfall"/>); the reading treats two cosines as different only when they differ by more than twice
/// the bound on the standard error of their difference, √(b₁² + b₂²). The training part is judged over seeds: runs of one seed share the
/// initialisation and the data order, so its differences are paired by seed, at 95 % (<see cref="PairedDifference"/>).
/// </remarks>
public static class TemperatureReading
{
    /// <summary>The reading of <paramref name="result"/>; with <paramref name="parameters"/> of another preset than <c>paper</c>, a training
    /// part that resolves nothing points to <c>--preset paper</c>.</summary>
    public static Reading Of(TemperatureStudyResult result, TemperatureStudyParameters? parameters = null) =>
        new([.. Gradients(result.Gradients), .. Training(result.Training, parameters?.Preset != "paper")]);

    private sealed record Point(string Estimator, double Tau, double Cosine, double RelativeStd, double Shortfall, long Samples)
    {
        /// <summary>The bound on the Monte-Carlo standard error of <see cref="Cosine"/>.</summary>
        public double Bound => MonteCarloShortfall.StandardErrorBound(Cosine, Shortfall);
    }

    private static List<Point> Points(DataFrame gradients)
    {
        bool norms = gradients.Columns.Any(c => c.Name == Columns.ExactNorm) && gradients.Columns.Any(c => c.Name == Columns.MeanNorm);
        return Enumerable.Range(0, (int)gradients.Rows.Count).Select(i =>
        {
            double D(string column) => Convert.ToDouble(gradients[column][i] ?? double.NaN, CultureInfo.InvariantCulture);
            long samples = Convert.ToInt64(gradients[Columns.Samples][i], CultureInfo.InvariantCulture);
            double shortfall = norms ? MonteCarloShortfall.Of(D("cosine"), D("mse"), D(Columns.ExactNorm), D(Columns.MeanNorm), samples) : double.NaN;
            return new Point((string)gradients[Columns.Estimator][i], D("tau"), D("cosine"), D(Columns.RelativeStd), shortfall, samples);
        }).ToList();
    }

    /// <summary>Whether two cosines differ by more than twice the bound on the Monte-Carlo standard error of their difference.</summary>
    private static bool Different(Point a, Point b) => double.IsFinite(a.Bound) && double.IsFinite(b.Bound) &&
                                                        Math.Abs(a.Cosine - b.Cosine) > 2 * Math.Sqrt(a.Bound * a.Bound + b.Bound * b.Bound);

    /// <summary>
    /// One sentence on two rows of the gradient table that are one estimator drawn twice — <paramref name="estimator"/> at
    /// <paramref name="tau"/> and the temperature-free <paramref name="reference"/> (ReinMax at τ = 1 and ZGR; a tempered ZGR at τ = 1 and
    /// ZGR): their cosines and relative stds, and whether the cosines differ beyond twice the bound on the Monte-Carlo standard error
    /// of their difference. Null when either row is missing.
    /// </summary>
    /// <param name="gradients">The temperature study's gradient table (<see cref="TemperatureStudyResult.Gradients"/>).</param>
    /// <param name="estimator">The family title of the temperature-dependent estimator, e.g. <c>ReinMax</c>.</param>
    /// <param name="tau">The temperature at which it is <paramref name="reference"/>.</param>
    /// <param name="reference">The title of the temperature-free row, e.g. <c>ZGR</c>.</param>
    /// <param name="why">Why the two are one estimator, e.g. <c>docs/estimators.md, B.6</c>.</param>
    public static string? SameEstimator(DataFrame gradients, string estimator, double tau, string reference, string why)
    {
        var points = Points(gradients);
        var fixedPoint = points.FirstOrDefault(p => double.IsNaN(p.Tau) && p.Estimator == reference);
        var point = points.FirstOrDefault(p => p.Estimator == estimator && p.Tau == tau);
        if (fixedPoint is null || point is null) return null;
        return $"{estimator} at τ = {tau.ToString("0.###", CultureInfo.InvariantCulture)} is {reference} ({why}), drawn with other samples: cosine {F(point.Cosine, "0.000")} against " +
               $"{F(fixedPoint.Cosine, "0.000")} ({(Different(point, fixedPoint) ? "different" : "not different")}), relative std {F(point.RelativeStd, "0.00")} against {F(fixedPoint.RelativeStd, "0.00")}.";
    }

    /// <summary>
    /// What the gradient table says of a rule of one's own that is the temperature-free <paramref name="reference"/> at
    /// τ = <paramref name="sameAt"/> (notebook 04: a tempered ZGR and ZGR): first the check that the two are one estimator there
    /// (<see cref="SameEstimator"/>); then whether another temperature buys the rule anything, i.e. at how many temperatures its point
    /// dominates the reference's (a cosine higher by more than twice the Monte-Carlo bound on their difference, and a lower relative
    /// std) and at how many the reference's dominates it. A missing row is named, so that the check never passes in silence.
    /// </summary>
    /// <param name="gradients">The temperature study's gradient table (<see cref="TemperatureStudyResult.Gradients"/>).</param>
    /// <param name="estimator">The rule's family title.</param>
    /// <param name="reference">The title of the temperature-free row, e.g. <c>ZGR</c>.</param>
    /// <param name="sameAt">The temperature at which the rule is <paramref name="reference"/>.</param>
    public static Reading OfRule(DataFrame gradients, string estimator, string reference, double sameAt)
    {
        static string T(double tau) => tau.ToString("0.###", CultureInfo.InvariantCulture);
        var points = Points(gradients);
        var fixedPoint = points.FirstOrDefault(p => double.IsNaN(p.Tau) && p.Estimator == reference);
        bool atSame = points.Any(p => p.Estimator == estimator && p.Tau == sameAt);
        var sentences = new List<string>
        {
            SameEstimator(gradients, estimator, sameAt, reference, $"the same rule at τ = {T(sameAt)}") ??
            $"{estimator} at τ = {T(sameAt)} is not compared with {reference}: the gradient table has no row of " +
            (atSame ? $"{reference}." : $"{estimator} at that τ (add it to the temperatures)."),
        };
        var line = points.Where(p => p.Estimator == estimator && !double.IsNaN(p.Tau) && p.Tau != sameAt && double.IsFinite(p.Cosine) && double.IsFinite(p.RelativeStd))
            .OrderBy(p => p.Tau).ToList();
        if (fixedPoint is null || line.Count == 0) return new Reading(sentences);
        var better = line.Where(p => p.Cosine > fixedPoint.Cosine && Different(p, fixedPoint) && p.RelativeStd < fixedPoint.RelativeStd).ToList();
        var worse = line.Where(p => p.Cosine < fixedPoint.Cosine && Different(p, fixedPoint) && p.RelativeStd > fixedPoint.RelativeStd).ToList();
        string At(List<Point> some) => some.Count == 0 ? "" : $" (τ = {Join(some.Select(p => p.Tau).ToList())})";
        sentences.Add($"Against {reference} (cosine {F(fixedPoint.Cosine, "0.000")}, relative std {F(fixedPoint.RelativeStd, "0.00")}) at the other temperatures: " +
            $"{estimator} has both a higher cosine, by more than twice the Monte-Carlo bound, and a lower relative std at {better.Count} of {line.Count}{At(better)}, " +
            $"and both a lower cosine and a higher relative std at {worse.Count}{At(worse)}; at the rest it trades one for the other, or the cosines are not different" +
            (better.Count == 0 ? ": no temperature here buys it less bias and less spread at once." : "."));
        return new Reading(sentences);
    }

    /// <summary>Sentences on the gradient part (<see cref="TemperatureStudyResult.Gradients"/>).</summary>
    public static IReadOnlyList<string> Gradients(DataFrame gradients)
    {
        var points = Points(gradients);
        if (points.Count == 0) return [];
        var sentences = new List<string>();
        var shortfalls = points.Select(p => p.Shortfall).Where(double.IsFinite).ToList();
        var bounds = points.Select(p => p.Bound).Where(double.IsFinite).ToList();
        sentences.Add($"Gradients: one model and one batch, {Join(points.Select(p => p.Samples).Distinct().Order().ToList())} estimates per point, no seeds: " +
            (shortfalls.Count > 0
                ? $"the noise is Monte-Carlo; it pulls each cosine below its estimator's by about tr Σ / (2 N ‖ḡ‖²), here {F(shortfalls.Min(), "0.000")}–{F(shortfalls.Max(), "0.000")}, " +
                  $"and its standard error is at most sin θ √(tr Σ / N) / ‖ḡ‖, here {F(bounds.Min(), "0.000")}–{F(bounds.Max(), "0.000")} (a worst case over directions); " +
                  "two cosines are read as different only when they differ by more than twice that bound on their difference."
                : "the Monte-Carlo error of the cosines is unknown here (no norms in the table), so no difference is judged."));

        string T(double tau) => tau.ToString("0.###", CultureInfo.InvariantCulture);

        var families = points.Where(p => !double.IsNaN(p.Tau)).GroupBy(p => p.Estimator).ToList();
        foreach (var family in families)
        {
            var line = family.OrderBy(p => p.Tau).ToList();
            var finite = line.Where(p => double.IsFinite(p.Cosine)).ToList();
            if (finite.Count < 2) continue;
            var peak = finite.MaxBy(p => p.Cosine)!;
            var (low, high) = (finite[0], finite[^1]);
            string Ends() => string.Concat(new[] { low, high }.Where(e => e != peak).Select(e =>
                $"; {F(e.Cosine, "0.00")} at τ = {T(e.Tau)}{(Different(peak, e) ? "" : ", not different")}"));
            string cosine = peak == low || peak == high
                ? $"cosine highest at the {(peak == low ? "lowest" : "highest")} τ = {T(peak.Tau)} ({F(peak.Cosine, "0.00")}{Ends()})"
                : $"cosine highest at τ = {T(peak.Tau)} ({F(peak.Cosine, "0.00")}), lower at both ends ({Ends()[2..]})";
            var spread = line.Where(p => double.IsFinite(p.RelativeStd)).ToList();
            bool falling = spread.Count >= 2 && spread.Zip(spread.Skip(1)).All(q => q.Second.RelativeStd < q.First.RelativeStd);
            string variance = spread.Count < 2 ? "" : falling
                ? $"; relative std rises at every step as τ falls, from {F(spread[^1].RelativeStd, "0.00")} at τ = {T(spread[^1].Tau)} to {F(spread[0].RelativeStd, "0.00")} at τ = {T(spread[0].Tau)}"
                : $"; relative std between {F(spread.Min(p => p.RelativeStd), "0.00")} and {F(spread.Max(p => p.RelativeStd), "0.00")}, not monotone in τ";
            sentences.Add($"{family.Key}: {cosine}{variance}.");
        }

        var references = points.Where(p => double.IsNaN(p.Tau)).ToList();
        if (references.Count > 0)
            sentences.Add("Temperature-free: " + string.Join("; ", references.Select(r =>
                $"{r.Estimator} cosine {F(r.Cosine, "0.00")}, relative std {F(r.RelativeStd, "0.00")}")) + ".");

        if (SameEstimator(gradients, "ReinMax", 1, "ZGR", "docs/estimators.md, B.6") is { } same) sentences.Add(same);

        var stGs = points.Where(p => p.Estimator == "ST-GS").ToDictionary(p => p.Tau);
        foreach (var family in families.Where(f => f.Key.StartsWith("GR-MC", StringComparison.Ordinal)))
        {
            var ratios = family.Where(p => stGs.ContainsKey(p.Tau) && double.IsFinite(p.RelativeStd) && stGs[p.Tau].RelativeStd > 0)
                .Select(p => p.RelativeStd / stGs[p.Tau].RelativeStd).ToList();
            if (ratios.Count == 0) continue;
            int below = ratios.Count(r => r < 1);
            sentences.Add($"{family.Key}'s relative std is below ST-GS's at {below} of {ratios.Count} temperatures ({F(ratios.Min(), "0.00")}–{F(ratios.Max(), "0.00")} of it).");
        }

        var gr = families.Where(f => f.Key.StartsWith("GR-MC", StringComparison.Ordinal)).SelectMany(f => f).Where(p => double.IsFinite(p.Cosine)).ToList();
        var stZgr = points.Where(p => (p.Estimator == "ST" || p.Estimator == "ZGR") && double.IsFinite(p.Cosine) && double.IsFinite(p.RelativeStd)).ToList();
        if (gr.Count > 0 && stZgr.Count > 0)
        {
            int dominated = gr.Count(g => stZgr.Any(s => s.Cosine > g.Cosine && Different(s, g) && s.RelativeStd < g.RelativeStd));
            int dominating = gr.Count(g => stZgr.Any(s => g.Cosine > s.Cosine && Different(s, g) && g.RelativeStd < s.RelativeStd));
            sentences.Add($"Trade-off (the ZGR paper's claim that the ST–ZGR family dominates the GR family): {dominated} of {gr.Count} GR-MCK points have both a lower cosine and a higher relative std than ZGR or an ST point; " +
                $"{dominating} {(dominating == 1 ? "has" : "have")} both a higher cosine and a lower relative std than one of them.");
        }
        return sentences;
    }

    /// <summary>Sentences on the training part (<see cref="TemperatureStudyResult.Training"/>); <paramref name="suggestPaper"/> adds
    /// "run `--preset paper`" where nothing is resolved.</summary>
    public static IReadOnlyList<string> Training(DataFrame training, bool suggestPaper = true)
    {
        string hint = suggestPaper ? "; run `--preset paper`." : ".";
        var runs = Enumerable.Range(0, (int)training.Rows.Count).Select(i => (
            Estimator: (string)training[Columns.Estimator][i], Tau: Convert.ToDouble(training[Columns.Tau][i], CultureInfo.InvariantCulture),
            Seed: Convert.ToInt64(training[Columns.Seed][i], CultureInfo.InvariantCulture),
            Loss: Convert.ToDouble(training[Columns.FinalTrainElbo][i] ?? double.NaN, CultureInfo.InvariantCulture),
            Diverged: (bool)training[Columns.Diverged][i])).ToList();
        if (runs.Count == 0) return [];
        var finite = runs.Where(r => !r.Diverged && double.IsFinite(r.Loss)).ToList();
        int seeds = runs.Select(r => r.Seed).Distinct().Count();
        int diverged = runs.Count - finite.Count;
        string range = finite.Count == 0 ? "every run diverged"
            : $"final train −ELBO of every run between {F(finite.Min(r => r.Loss), "0.0")} and {F(finite.Max(r => r.Loss), "0.0")} nats" +
              (diverged > 0 ? $" ({Count(diverged, "diverged run")} left out)" : "");
        if (seeds < 2)
            return [$"Training: {range}; with one seed there is no standard error, so no difference between temperatures or estimators can be told from noise: this run cannot show τ's effect on training{hint}"];

        // Per family, the paired difference between each pair of its temperatures; an effect of τ is resolved when any pair differs at 95 %.
        var resolved = new List<string>();
        foreach (var family in finite.Where(r => !double.IsNaN(r.Tau)).GroupBy(r => r.Estimator))
        {
            var taus = family.Select(r => r.Tau).Distinct().Order().ToList();
            var bySeed = family.ToDictionary(r => (r.Tau, r.Seed), r => r.Loss);
            var pairs = from a in taus from b in taus where a < b
                        let d = PairedDifference.Of(bySeed.Keys.Where(k => k.Tau == a).Select(k => k.Seed).Where(s => bySeed.ContainsKey((b, s)))
                            .Select(s => (bySeed[(a, s)], bySeed[(b, s)])))
                        where d.Positive || d.Negative
                        select (a, b, d);
            var best = pairs.OrderByDescending(p => Math.Abs(p.d.Mean)).FirstOrDefault();
            if (best.d is not null)
                resolved.Add(FormattableString.Invariant($"{family.Key} (τ = {best.a:0.###} against {best.b:0.###}: {Signed(best.d.Mean, 1)} nats, 95 % interval {best.d.Lower:0.0} to {best.d.Upper:0.0})"));
        }
        return [resolved.Count == 0
            ? $"Training: {range}; over {Count(seeds, "seed")} (paired by seed, 95 %) no estimator's train −ELBO differs between its temperatures: too short to show τ's effect on training{hint}"
            : $"Training: {range}; over {Count(seeds, "seed")} (paired by seed, 95 %) τ changes the train −ELBO of {string.Join(", ", resolved)}."];
    }
}
