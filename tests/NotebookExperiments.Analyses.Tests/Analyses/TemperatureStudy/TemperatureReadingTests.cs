using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>The temperature study's reading: cosine peaks and spreads against τ with their Monte-Carlo shortfall, GR-MCK against
/// ST-GS, ReinMax at τ = 1 against ZGR, dominance, and a training part that says when it resolves nothing.</summary>
public sealed class TemperatureReadingTests
{
    /// <summary>A point whose estimates have total variance <paramref name="trace"/> around a mean of norm 1 (exact gradient of norm 1).</summary>
    private static (string Estimator, double Tau, double Cosine, double RelativeStd, double Mse, double ExactNorm, double MeanNorm) P(
        string estimator, double tau, double cosine, double relativeStd, double trace = 0.0256) =>
        // MSE = ‖ḡ − g‖² + S with S = trace (N − 1)/N; ‖ḡ − g‖² = 2 − 2 cos for unit norms.
        (estimator, tau, cosine, relativeStd, 2 - 2 * cosine + trace * 255 / 256, 1.0, 1.0);

    private static DataFrame Gradients(params (string Estimator, double Tau, double Cosine, double RelativeStd, double Mse, double ExactNorm, double MeanNorm)[] points) => new(
        new StringDataFrameColumn("estimator", points.Select(p => p.Estimator)),
        new StringDataFrameColumn("spec", points.Select(p => p.Estimator)),
        new DoubleDataFrameColumn("tau", points.Select(p => p.Tau)),
        new DoubleDataFrameColumn("cosine", points.Select(p => p.Cosine)),
        new DoubleDataFrameColumn("relative_std", points.Select(p => p.RelativeStd)),
        new DoubleDataFrameColumn("mse", points.Select(p => p.Mse)),
        new Int32DataFrameColumn("samples", points.Select(_ => 256)),
        new Int64DataFrameColumn("all_zero_examples", points.Select(_ => 0L)),
        new DoubleDataFrameColumn("exact_norm", points.Select(p => p.ExactNorm)),
        new DoubleDataFrameColumn("mean_norm", points.Select(p => p.MeanNorm)));

    private static DataFrame Training(params (string Estimator, double Tau, long Seed, double Loss)[] runs) => new(
        new StringDataFrameColumn("estimator", runs.Select(r => r.Estimator)),
        new StringDataFrameColumn("spec", runs.Select(r => r.Estimator)),
        new DoubleDataFrameColumn("tau", runs.Select(r => r.Tau)),
        new Int64DataFrameColumn("seed", runs.Select(r => r.Seed)),
        new DoubleDataFrameColumn("final_train_elbo", runs.Select(r => r.Loss)),
        new BooleanDataFrameColumn("diverged", runs.Select(_ => false)));

    [Fact]
    public void TheGradientPartIsReadAgainstItsMonteCarloShortfall()
    {
        // Every point's shortfall is tr Σ / (2 N ‖ḡ‖²) = 0.0256 / 512 = 0.00005 and the bound on its cosine's standard error
        // sin θ √(2 × 0.00005) = 0.01 sin θ, so that cosine differences above about 0.02 are read as real.
        var sentences = TemperatureReading.Gradients(Gradients(
            P("ST-GS", 0.1, 0.60, 5.0), P("ST-GS", 0.5, 0.70, 3.0), P("ST-GS", 1, 0.65, 2.0),
            P("GR-MC100", 0.1, 0.62, 2.5), P("GR-MC100", 0.5, 0.70, 2.0), P("GR-MC100", 1, 0.65, 2.1),
            P("ReinMax", 0.5, 0.80, 6.0), P("ReinMax", 1, 0.93, 4.0),
            P("ZGR", double.NaN, 0.93005, 4.1)));
        Assert.Contains(sentences, s => s.StartsWith("Gradients: one model and one batch, 256 estimates per point, no seeds:", StringComparison.Ordinal)
                                        && s.Contains("here 0.000–0.000, and its standard error is at most sin θ √(tr Σ / N) / ‖ḡ‖, here 0.004–0.008", StringComparison.Ordinal));
        Assert.Contains("ST-GS: cosine highest at τ = 0.5 (0.70), lower at both ends (0.60 at τ = 0.1; 0.65 at τ = 1); relative std rises at every step as τ falls, from 2.00 at τ = 1 to 5.00 at τ = 0.1.", sentences);
        Assert.Contains("GR-MC100: cosine highest at τ = 0.5 (0.70), lower at both ends (0.62 at τ = 0.1; 0.65 at τ = 1); relative std between 2.00 and 2.50, not monotone in τ.", sentences);
        Assert.Contains("ReinMax at τ = 1 is ZGR (docs/estimators.md, B.6), drawn with other samples: cosine 0.930 against 0.930 (not different), relative std 4.00 against 4.10.", sentences);
        Assert.Contains("GR-MC100's relative std is below ST-GS's at 2 of 3 temperatures (0.50–1.05 of it).", sentences);
        Assert.Contains(sentences, s => s.StartsWith("Trade-off (the ZGR paper's claim", StringComparison.Ordinal));
    }

    [Fact]
    public void OneTrainingSeedOrUnresolvedTemperaturesSayTheRunCannotShowTausEffect()
    {
        var one = TemperatureReading.Training(Training(("ST", 0.5, 0, 205.0), ("ST", 1, 0, 201.0), ("ZGR", double.NaN, 0, 203.0)));
        Assert.Equal(["Training: final train −ELBO of every run between 201.0 and 205.0 nats; with one seed there is no standard error, so no difference between temperatures or estimators can be told from noise: this run cannot show τ's effect on training; run `--preset paper`."], one);
        // Two seeds, ST 4 nats apart at the two temperatures with a paired spread of 2: t(1) = 12.7 resolves nothing.
        var two = TemperatureReading.Training(Training(("ST", 0.5, 0, 205.0), ("ST", 1, 0, 201.0), ("ST", 0.5, 1, 206.0), ("ST", 1, 1, 200.0)), suggestPaper: false);
        Assert.EndsWith("no estimator's train −ELBO differs between its temperatures: too short to show τ's effect on training.", two.Single(), StringComparison.Ordinal);
        // Three seeds and a consistent 10-nat effect: resolved and named.
        var three = TemperatureReading.Training(Training(("ST", 0.5, 0, 150.0), ("ST", 1, 0, 140.0), ("ST", 0.5, 1, 151.0), ("ST", 1, 1, 140.5),
            ("ST", 0.5, 2, 149.0), ("ST", 1, 2, 139.5)));
        Assert.Contains("τ changes the train −ELBO of ST (τ = 0.5 against 1: +10.0 nats", three.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwoRowsOfOneEstimatorAreReadAgainstTheirMonteCarloBound()
    {
        // A rule of one's own at τ = 1 is ZGR: 0.61 against 0.615 lies within twice the bound (about 0.02); 0.55 does not.
        var close = Gradients(P("ZGR", double.NaN, 0.615, 4.55), P("Tempered ZGR", 1, 0.61, 4.35), P("Tempered ZGR", 2, 0.55, 3.0));
        Assert.Equal("Tempered ZGR at τ = 1 is ZGR (the same rule at τ = 1), drawn with other samples: cosine 0.610 against 0.615 (not different), " +
                     "relative std 4.35 against 4.55.", TemperatureReading.SameEstimator(close, "Tempered ZGR", 1, "ZGR", "the same rule at τ = 1"));
        var far = Gradients(P("ZGR", double.NaN, 0.615, 4.55), P("Tempered ZGR", 1, 0.55, 4.35));
        Assert.Contains("(different)", TemperatureReading.SameEstimator(far, "Tempered ZGR", 1, "ZGR", "the same rule at τ = 1"), StringComparison.Ordinal);
        Assert.Null(TemperatureReading.SameEstimator(far, "Tempered ZGR", 0.5, "ZGR", "—"));

    }

    [Fact]
    public void ARuleOfOnesOwnIsCheckedAtItsReferenceTemperatureAndJudgedAgainstTheReferenceAtTheOthers()
    {
        // At τ = 2 the rule is better on both counts (0.70 against 0.615 is beyond twice the bound, about 0.03, and 3.0 < 4.55); at
        // τ = 0.5 worse on both; at τ = 0.3 its cosine is not different from ZGR's.
        var gradients = Gradients(P("ZGR", double.NaN, 0.615, 4.55), P("Tempered ZGR", 1, 0.61, 4.35), P("Tempered ZGR", 2, 0.70, 3.0),
            P("Tempered ZGR", 0.5, 0.50, 6.0), P("Tempered ZGR", 0.3, 0.62, 5.0));
        var reading = TemperatureReading.OfRule(gradients, "Tempered ZGR", "ZGR", 1);
        Assert.Equal([TemperatureReading.SameEstimator(gradients, "Tempered ZGR", 1, "ZGR", "the same rule at τ = 1")!,
            "Against ZGR (cosine 0.615, relative std 4.55) at the other temperatures: Tempered ZGR has both a higher cosine, by more than twice the " +
            "Monte-Carlo bound, and a lower relative std at 1 of 3 (τ = 2), and both a lower cosine and a higher relative std at 1 (τ = 0.5); at the rest " +
            "it trades one for the other, or the cosines are not different."], reading.Sentences);
        var noBetter = TemperatureReading.OfRule(Gradients(P("ZGR", double.NaN, 0.615, 4.55), P("Tempered ZGR", 1, 0.61, 4.35), P("Tempered ZGR", 0.5, 0.50, 6.0)),
            "Tempered ZGR", "ZGR", 1);
        Assert.EndsWith("or the cosines are not different: no temperature here buys it less bias and less spread at once.", noBetter.Sentences[1], StringComparison.Ordinal);

        // A missing row is named instead of passing in silence.
        Assert.Equal(["Tempered ZGR at τ = 1 is not compared with ZGR: the gradient table has no row of Tempered ZGR at that τ (add it to the temperatures)."],
            TemperatureReading.OfRule(Gradients(P("ZGR", double.NaN, 0.615, 4.55)), "Tempered ZGR", "ZGR", 1).Sentences);
        Assert.Equal(["Tempered ZGR at τ = 1 is not compared with ZGR: the gradient table has no row of ZGR."],
            TemperatureReading.OfRule(Gradients(P("Tempered ZGR", 1, 0.55, 4.35)), "Tempered ZGR", "ZGR", 1).Sentences);
    }
}
