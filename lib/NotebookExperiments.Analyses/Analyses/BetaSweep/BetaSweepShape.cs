using System.Globalization;
using Microsoft.Data.Analysis;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The shape of one configuration's β-sweep curve that Beyond ReinMax's Fig. 2 is about: for β &lt; ½ the posterior
/// collapses (train −ELBO stuck at the level of an encoder that ignores the image, about 214 nats for 8×4 on MNIST; see
/// <see cref="Models.CollapsedPosterior"/>), at β = ½ the loss drops sharply, and the minimum lies at or just above ½.
/// </summary>
/// <param name="Config">C×L.</param>
/// <param name="CollapseLevel">Mean of the mean train −ELBO over the β &lt; ½ (NaN when there is none).</param>
/// <param name="HighestBelowHalf">The largest mean train −ELBO among β &lt; ½.</param>
/// <param name="LowestBelowHalf">The smallest mean train −ELBO among β &lt; ½.</param>
/// <param name="DropFrom">The β before the largest decrease between neighbouring β values.</param>
/// <param name="DropTo">The β after it.</param>
/// <param name="Drop">That decrease in nats (positive).</param>
/// <param name="MinimumBeta">The β of the lowest mean train −ELBO.</param>
/// <param name="Minimum">That lowest mean train −ELBO.</param>
/// <param name="BelowHalf">The mean train −ELBO of each β &lt; ½, in increasing β.</param>
/// <param name="AtHalf">The mean train −ELBO at β = ½ (NaN when ½ is not among the β).</param>
public sealed record BetaSweepShape(string Config, double CollapseLevel, double HighestBelowHalf, double LowestBelowHalf,
    double DropFrom, double DropTo, double Drop, double MinimumBeta, double Minimum, IReadOnlyList<(double Beta, double Loss)> BelowHalf, double AtHalf)
{
    /// <summary>How close to the loss of an encoder that sends every image to one code a β &lt; ½ must end to count as collapsed, in nats.</summary>
    public const double CollapseTolerance = 1.0;

    /// <summary>The β &lt; ½ whose mean ends within <see cref="CollapseTolerance"/> of <paramref name="collapsed"/>.</summary>
    public IReadOnlyList<double> CollapsedBetas(double collapsed) =>
        BelowHalf.Where(p => Math.Abs(p.Loss - collapsed) <= CollapseTolerance).Select(p => p.Beta).ToList();

    /// <summary>The shape of configuration <paramref name="config"/> in a summary of <see cref="BetaSweep.Summarise"/> (points with no finite mean skipped).</summary>
    /// <exception cref="ArgumentException">Fewer than two β with a finite mean for that configuration.</exception>
    public static BetaSweepShape Of(DataFrame summary, string config)
    {
        var points = Enumerable.Range(0, (int)summary.Rows.Count)
            .Where(i => (string)summary[Columns.Config][i] == config)
            .Select(i => (Beta: Convert.ToDouble(summary[Columns.Beta][i], CultureInfo.InvariantCulture),
                Loss: Convert.ToDouble(summary[Columns.MeanTrainElbo][i] ?? double.NaN, CultureInfo.InvariantCulture)))
            .Where(p => double.IsFinite(p.Loss)).OrderBy(p => p.Beta).ToList();
        if (points.Count < 2)
            throw new ArgumentException($"The shape of {config}'s β sweep needs at least two β with a finite mean; it has {points.Count}.", nameof(summary));
        var belowHalf = points.Where(p => p.Beta < 0.5).ToList();
        var below = belowHalf.Select(p => p.Loss).ToList();
        double atHalf = points.Where(p => p.Beta == 0.5).Select(p => p.Loss).DefaultIfEmpty(double.NaN).First();
        var drop = Enumerable.Range(1, points.Count - 1).Select(i => (From: points[i - 1].Beta, To: points[i].Beta, Size: points[i - 1].Loss - points[i].Loss))
            .MaxBy(d => d.Size);
        var minimum = points.MinBy(p => p.Loss);
        return new BetaSweepShape(config,
            below.Count > 0 ? below.Average() : double.NaN, below.Count > 0 ? below.Max() : double.NaN, below.Count > 0 ? below.Min() : double.NaN,
            drop.From, drop.To, drop.Size, minimum.Beta, minimum.Loss, belowHalf, atHalf);
    }

    /// <summary>
    /// One sentence, e.g. for the console: the collapse level (against <paramref name="collapsed"/>, the
    /// <see cref="Models.CollapsedPosterior.FixedCodeLoss"/> of the training images, when given), the drop and the minimum.
    /// </summary>
    public string Describe(double? collapsed = null)
    {
        static string N(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        static string B(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var collapse = double.IsNaN(CollapseLevel) ? "no β below ½"
            : $"below β = ½ the train −ELBO sits at {N(CollapseLevel)} nats on average ({N(LowestBelowHalf)}–{N(HighestBelowHalf)})" +
              (collapsed is double c ? $", against {N(c)} for an encoder that sends every image to one code (decoder = mean image, KL = L log C); " +
                  $"{CollapsedBetas(c).Count} of the {BelowHalf.Count} β < ½ end within {N(CollapseTolerance)} nat of it" +
                  (CollapsedBetas(c).Count < BelowHalf.Count ? $" (the others, on their way there, at {string.Join(", ", BelowHalf.Where(p => !CollapsedBetas(c).Contains(p.Beta)).Select(p => $"{N(p.Loss)} for β = {B(p.Beta)}"))})" : "")
                : "");
        string half = double.IsNaN(AtHalf) || MinimumBeta == 0.5 ? "" : $", {N(AtHalf - Minimum)} nats below β = ½";
        return $"{Config}: {collapse}; the largest drop is from β = {B(DropFrom)} to {B(DropTo)} ({N(Drop)} nats); " +
               $"the minimum is {N(Minimum)} nats at β = {B(MinimumBeta)}{half}.";
    }
}
