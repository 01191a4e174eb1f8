using NotebookExperiments.Training;

namespace NotebookExperiments.Analyses;

/// <summary>
/// What a β sweep (<see cref="BetaSweep"/>) shows: per configuration, the shape of its curve (<see cref="BetaSweepShape"/>) against
/// the loss of an encoder that sends every image to one code on the sweep's training images.
/// </summary>
public static class BetaSweepReading
{
    /// <summary>The reading of <paramref name="result"/>, run with <paramref name="parameters"/> on <paramref name="data"/> (for the
    /// collapse level); configurations with fewer than two β with a finite mean are left out.</summary>
    public static Reading Of(BetaSweepResult result, BetaSweepParameters parameters, TrainingData data) =>
        new(parameters.Configurations
            .Where(c => Enumerable.Range(0, (int)result.Summary.Rows.Count).Count(i =>
                (string)result.Summary[Columns.Config][i] == c.Configuration && result.Summary[Columns.MeanTrainElbo][i] is double m && double.IsFinite(m)) >= 2)
            .Select(c => BetaSweepShape.Of(result.Summary, c.Configuration).Describe(BetaSweep.CollapsedLoss(parameters, data, c.Configuration)))
            .ToList());
}
