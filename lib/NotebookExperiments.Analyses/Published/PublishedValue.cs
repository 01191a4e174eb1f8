using NotebookExperiments.Statistics;

namespace NotebookExperiments.Published;

/// <summary>A published number: a mean over seeds and its standard error, as the authors' result files give them, and where it comes from.</summary>
/// <remarks>
/// The source computes its standard errors with numpy's <c>np.std</c>, whose default divides by n (ddof = 0), over √n:
/// s.e. = σ̂₀/√n with σ̂₀ = √(Σ(xᵢ − x̄)²/n) (the authors' <c>process_results.py</c>, <c>plot_check_beta.py</c> and
/// <c>plot_check_variance.py</c>; every mean and standard error of data/published/ is reproduced from the result files so). The
/// sample standard deviation (n − 1) behind it is therefore s = s.e.·√n·√(n/(n − 1)) = s.e.·n/√(n − 1), and the standard error of
/// the mean with it s/√n = s.e.·√(n/(n − 1)): what <see cref="Estimate"/> gives a t test, so that both sides of a comparison use the
/// same estimator of the variance.
/// </remarks>
/// <param name="Mean">The mean over seeds.</param>
/// <param name="StandardError">Its standard error as the source gives it (σ̂₀/√n, see above); NaN where none is given — never 0 for "not given".</param>
/// <param name="Seeds">How many seeds the mean is over (n).</param>
/// <param name="Source">Where the number comes from: the paper's figure or table, the authors' script that computes it and the result files
/// it reads, relative to <see cref="PublishedResults.Repository"/> at <see cref="PublishedResults.Commit"/> (data/published/, column
/// <c>source</c>); empty for a value made up by a caller.</param>
public sealed record PublishedValue(double Mean, double StandardError, int Seeds, string Source = "")
{
    /// <summary>Whether the source gives a standard error.</summary>
    public bool HasStandardError => double.IsFinite(StandardError);

    /// <summary>The sample standard deviation over the seeds (n − 1), s.e.·n/√(n − 1); NaN without a standard error or with fewer than two seeds.</summary>
    public double SampleStandardDeviation => HasStandardError && Seeds >= 2 ? StandardError * Seeds / Math.Sqrt(Seeds - 1) : double.NaN;

    /// <summary>The mean with the standard error of the sample standard deviation, s.e.·√(n/(n − 1)), over <see cref="Seeds"/> values
    /// (NaN standard error when none is given).</summary>
    public MeanEstimate Estimate => new(Mean, HasStandardError && Seeds >= 2 ? StandardError * Math.Sqrt(Seeds / (Seeds - 1.0)) : double.NaN, Seeds);

    /// <summary>The source with the repository and commit it refers to, for a footnote: <c>…; danielwang0452/DiscreteNumericalMethodsASC at 62697d1</c>.</summary>
    public string Citation() => Source.Length == 0 ? "" : $"{Source}; {PublishedResults.Repository} at {PublishedResults.ShortCommit}";
}
