using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Published;

namespace NotebookExperiments.Analyses;

/// <summary>
/// The bias/variance study's cosines beside the published ones (Beyond ReinMax, Fig. 1; <see cref="PublishedResults.BiasVarianceCosine"/>),
/// point by point (checkpoint, estimator), with a verdict per point (<see cref="PublishedComparison"/>): what the study writes as
/// <c>comparison.csv</c> and the report shows. The relative std is not compared: no number of it is published.
/// </summary>
/// <remarks>
/// The published cosines are of ST, ST-GS, GR (our GR-MC100), GST-1.0, ReinMax and ReinMax-Rao at τ = 1, at epochs 1, 10, …, 50, mean
/// ± s.e. over 10 seeds. Fig. 1 also draws ReinMax-CV (τ₂ = 0.1), whose numbers are not in the authors' result files. A run is
/// compared only at the protocol of <see cref="Comparability.OfBiasVariance"/>, including the caption's 1024 estimates.
/// </remarks>
public static class CosineComparison
{
    /// <summary>
    /// One row per row of <paramref name="summary"/> (<see cref="BiasVarianceStudy.Summarise"/>): <c>epoch</c>, <c>estimator</c>,
    /// <c>title</c>, <c>seeds</c> (the seeds with a finite cosine, which the mean is over), <c>left_out_seeds</c> (seeds without a
    /// finite cosine), <c>cosine_mean</c>, <c>cosine_se</c>, then the published number, the test and the verdict
    /// (<c>published_mean</c>, <c>published_se</c>, <c>published_seeds</c>, <c>t</c>, <c>df</c>, <c>p</c>, <c>verdict</c>,
    /// <c>detail</c>, <c>source</c>).
    /// </summary>
    /// <param name="summary">The study's summary.</param>
    /// <param name="parameters">The parameters it was run with.</param>
    public static DataFrame Of(DataFrame summary, BiasVarianceParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(parameters);
        int n = (int)summary.Rows.Count;
        var rows = Enumerable.Range(0, n).Select(i => (
            Epoch: (int)summary[Columns.Epoch][i], Spec: (string)summary[Columns.Estimator][i], Title: (string)summary[Columns.Title][i],
            Seeds: (int)summary[Columns.Seeds][i], Finite: (int)summary[Columns.CosineSeeds][i],
            Mean: (double)summary[Columns.CosineMean][i], Se: (double)summary[Columns.CosineSe][i])).ToList();
        var protocol = Comparability.OfBiasVariance(parameters);
        var published = rows.Select(r => Point(r.Spec, r.Epoch)?.Cosine).ToList();
        var verdicts = rows.Select((r, i) => PublishedComparison.Compare(
            new OurMean(r.Mean, r.Se, r.Finite, r.Seeds - r.Finite, "seed", "gave no finite cosine"),
            published[i], protocol, NotPublished(r.Spec, r.Title, r.Epoch))).ToList();
        return new DataFrame([
            new Int32DataFrameColumn(Columns.Epoch, rows.Select(r => r.Epoch)),
            new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Spec)),
            new StringDataFrameColumn(Columns.Title, rows.Select(r => r.Title)),
            new Int32DataFrameColumn(Columns.Seeds, rows.Select(r => r.Finite)),
            new Int32DataFrameColumn(Columns.LeftOutSeeds, rows.Select(r => r.Seeds - r.Finite)),
            new DoubleDataFrameColumn(Columns.CosineMean, rows.Select(r => r.Mean)),
            new DoubleDataFrameColumn(Columns.CosineSe, rows.Select(r => r.Se)),
            .. ComparisonColumns.Of(published, verdicts)]);
    }

    /// <summary>The published cosine of the estimator <paramref name="spec"/> (compared in canonical form) at <paramref name="epoch"/>, or null.</summary>
    public static PublishedCosinePoint? Point(string spec, int epoch)
    {
        var canonical = Comparability.Canonical(spec);
        return PublishedResults.BiasVarianceCosine.FirstOrDefault(p => p.Epoch == epoch && Comparability.Canonical(p.Estimator) == canonical);
    }

    private static string NotPublished(string spec, string title, int epoch)
    {
        var canonical = Comparability.Canonical(spec);
        var points = PublishedResults.BiasVarianceCosine.Where(p => Comparability.Canonical(p.Estimator) == canonical).ToList();
        if (points.Count > 0)
            return $"no published cosine at epoch {epoch} (published: epochs {string.Join(", ", points.Select(p => p.Epoch))})";
        if (string.Equals(Comparability.OrAsWritten(spec, s => EstimatorSpec.Parse(s).Name), "reinmax-cv", StringComparison.OrdinalIgnoreCase))
            return "Fig. 1 draws ReinMax-CV (τ₂ = 0.1), but its numbers are not in the authors' result files";
        return PublishedResults.BiasVarianceCosine.Any(p => p.Title == title)
            ? $"{title} is published at τ = 1 only ({PublishedResults.BiasVarianceCosine.First(p => p.Title == title).Estimator})"
            : $"Fig. 1 has no {title}";
    }
}
