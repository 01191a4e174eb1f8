namespace NotebookExperiments.Analyses;

/// <summary>
/// The column names of every table the analyses write (their CSV headers), their figures and readings read, and the report
/// shows: one vocabulary, defined here once. A name means the same thing in every table it appears in; the table's own
/// documentation says which rows it has.
/// </summary>
public static class Columns
{
    // What a row is about.

    /// <summary>The VAE configuration C×L, e.g. <c>8x4</c>.</summary>
    public const string Config = "config";
    /// <summary>The β of ReinMax-RK2.</summary>
    public const string Beta = "beta";
    /// <summary>A training seed (the same seed gives the same initialisation and data order).</summary>
    public const string Seed = "seed";
    /// <summary>A training epoch (a checkpoint, or a point of a learning curve).</summary>
    public const string Epoch = "epoch";
    /// <summary>Epochs completed by a run.</summary>
    public const string Epochs = "epochs";
    /// <summary>The index of the batch, among the first batches of the seed's data order, that a gradient was measured on.</summary>
    public const string Batch = "batch";
    /// <summary>The batch size B.</summary>
    public const string BatchSize = "batch_size";
    /// <summary>How many batches a statistic is averaged over.</summary>
    public const string Batches = "batches";
    /// <summary>The estimator: its spec, or its row name where a table names rows (the −ELBO table, the temperature study's families).</summary>
    public const string Estimator = "estimator";
    /// <summary>The estimator's display title.</summary>
    public const string Title = "title";
    /// <summary>The estimator's spec as the catalogue writes it.</summary>
    public const string Spec = "spec";
    /// <summary>The temperature τ (NaN for a temperature-free reference).</summary>
    public const string Tau = "tau";
    /// <summary>ReinMax-CV's second temperature τ₂.</summary>
    public const string Tau2 = "tau2";
    /// <summary>ReinMax-CV's control-variate weight η.</summary>
    public const string Eta = "eta";
    /// <summary>ReinMax-CV's control variate (<c>conditional</c>, <c>forward</c>, <c>code</c>).</summary>
    public const string Variant = "variant";
    /// <summary>The number K of Monte-Carlo draws of a Rao-Blackwellised estimator.</summary>
    public const string K = "k";
    /// <summary>The optimiser (Adam, RAdam).</summary>
    public const string Optimizer = "optimizer";
    /// <summary>The learning rate.</summary>
    public const string LearningRate = "lr";

    // Training.

    /// <summary>Train −ELBO (nats) at a point of a learning curve.</summary>
    public const string TrainElbo = "train_elbo";
    /// <summary>Train −ELBO (nats) of a run's last epoch (NaN for a diverged run).</summary>
    public const string FinalTrainElbo = "final_train_elbo";
    /// <summary>Test −ELBO (nats) after a run's last epoch (NaN for a diverged run).</summary>
    public const string FinalTestElbo = "final_test_elbo";
    /// <summary>Whether a run's loss became non-finite.</summary>
    public const string Diverged = "diverged";
    /// <summary>Runs a mean is taken over (finished without divergence).</summary>
    public const string Runs = "runs";
    /// <summary>Runs left out of a mean because they diverged (counted, never dropped).</summary>
    public const string DivergedRuns = "diverged_runs";
    /// <summary>Mean over runs of <see cref="FinalTrainElbo"/>.</summary>
    public const string MeanTrainElbo = "mean_train_elbo";
    /// <summary>Sample standard deviation (n − 1) over runs of <see cref="FinalTrainElbo"/>.</summary>
    public const string SdTrainElbo = "sd_train_elbo";
    /// <summary>Standard error (sd/√n) of <see cref="MeanTrainElbo"/>.</summary>
    public const string SeTrainElbo = "se_train_elbo";
    /// <summary>Mean over runs of <see cref="FinalTestElbo"/>.</summary>
    public const string MeanTestElbo = "mean_test_elbo";
    /// <summary>Standard error (sd/√n) of <see cref="MeanTestElbo"/>.</summary>
    public const string SeTestElbo = "se_test_elbo";
    /// <summary>Whether the row has the configuration's lowest mean train −ELBO.</summary>
    public const string BestTrain = "best_train";
    /// <summary>Whether the row has the configuration's lowest mean test −ELBO.</summary>
    public const string BestTest = "best_test";

    // Gradient statistics (NotebookExperiments.Gradients.GradientStatistics defines each).

    /// <summary>N, the number of estimates a statistic is computed from.</summary>
    public const string Samples = "samples";
    /// <summary>Cosine similarity of the mean estimate with the exact gradient (the bias measure).</summary>
    public const string Cosine = "cosine";
    /// <summary>‖std‖/‖mean‖ per example, averaged over the examples (the variance measure).</summary>
    public const string RelativeStd = "relative_std";
    /// <summary>Mean squared error of the estimates to the exact gradient.</summary>
    public const string Mse = "mse";
    /// <summary>‖g*‖, the norm of the exact gradient.</summary>
    public const string ExactNorm = "exact_norm";
    /// <summary>‖ḡ‖, the norm of the mean estimate.</summary>
    public const string MeanNorm = "mean_norm";
    /// <summary>Examples whose estimates are all exactly zero, left out of <see cref="RelativeStd"/>.</summary>
    public const string AllZeroExamples = "all_zero_examples";

    // Gradient statistics over seeds.

    /// <summary>Seeds a row summarises.</summary>
    public const string Seeds = "seeds";
    /// <summary>Mean over seeds of <see cref="Cosine"/>.</summary>
    public const string CosineMean = "cosine_mean";
    /// <summary>Standard error over seeds of <see cref="Cosine"/>.</summary>
    public const string CosineSe = "cosine_se";
    /// <summary>Seeds with a finite <see cref="Cosine"/>.</summary>
    public const string CosineSeeds = "cosine_seeds";
    /// <summary>Mean over seeds of <see cref="RelativeStd"/>.</summary>
    public const string RelativeStdMean = "relative_std_mean";
    /// <summary>Standard error over seeds of <see cref="RelativeStd"/>.</summary>
    public const string RelativeStdSe = "relative_std_se";
    /// <summary>Seeds with a finite <see cref="RelativeStd"/>.</summary>
    public const string RelativeStdSeeds = "relative_std_seeds";
    /// <summary>Seeds whose cosine or relative std is not finite, left out of the means.</summary>
    public const string NonfiniteSeeds = "nonfinite_seeds";
    /// <summary>Seeds left out of a mean (compared with a published value).</summary>
    public const string LeftOutSeeds = "left_out_seeds";

    // The control-variate grid, against its reference estimator.

    /// <summary>The reference's <see cref="Cosine"/>.</summary>
    public const string ReferenceCosine = "reference_cosine";
    /// <summary>The reference's <see cref="RelativeStd"/>.</summary>
    public const string ReferenceRelativeStd = "reference_relative_std";
    /// <summary>The cell's cosine minus the reference's.</summary>
    public const string CosineDifference = "cosine_difference";
    /// <summary>The cell's relative std over the reference's.</summary>
    public const string RelativeStdRatio = "relative_std_ratio";

    // The error of a batch-mean gradient against the batch size.

    /// <summary>Standard error of <see cref="Mse"/> over batches.</summary>
    public const string MseSe = "mse_se";
    /// <summary>‖E ĝ − g*‖², the squared bias.</summary>
    public const string SquaredBias = "squared_bias";
    /// <summary>E ‖ĝ − E ĝ‖², the variance.</summary>
    public const string Variance = "variance";
    /// <summary>‖g*‖².</summary>
    public const string ExactSquaredNorm = "exact_squared_norm";
    /// <summary><see cref="Mse"/> over <see cref="ExactSquaredNorm"/>.</summary>
    public const string RelativeMse = "relative_mse";
    /// <summary>The MSE over ST-GS's at the same τ and batch size (NaN without an ST-GS row).</summary>
    public const string VsStGs = "vs_st_gs";

    // Step timing.

    /// <summary>Objective evaluations per step.</summary>
    public const string Nfe = "nfe";
    /// <summary>Median milliseconds per step.</summary>
    public const string MedianMs = "median_ms";
    /// <summary>First quartile of the milliseconds per step.</summary>
    public const string Q1Ms = "q1_ms";
    /// <summary>Third quartile of the milliseconds per step.</summary>
    public const string Q3Ms = "q3_ms";
    /// <summary>The median of the time per step over ST's.</summary>
    public const string VsSt = "vs_st";
    /// <summary>The first quartile of the ratio to ST.</summary>
    public const string VsStQ1 = "vs_st_q1";
    /// <summary>The third quartile of the ratio to ST.</summary>
    public const string VsStQ3 = "vs_st_q3";
    /// <summary>Examples per second at the median time per step.</summary>
    public const string SamplesPerS = "samples_per_s";
    /// <summary>Passes timed per block.</summary>
    public const string PassesPerBlock = "passes_per_block";
    /// <summary>Timed rounds.</summary>
    public const string Rounds = "rounds";

    // Published numbers and the comparison with them.

    /// <summary>The name the paper gives the row.</summary>
    public const string PublishedName = "published_name";
    /// <summary>The published mean.</summary>
    public const string PublishedMean = "published_mean";
    /// <summary>The published standard error.</summary>
    public const string PublishedSe = "published_se";
    /// <summary>The seeds of the published mean.</summary>
    public const string PublishedSeeds = "published_seeds";
    /// <summary>A published cosine's mean (data/published).</summary>
    public const string MeanCosine = "mean_cosine";
    /// <summary>A published cosine's standard error (data/published).</summary>
    public const string SeCosine = "se_cosine";
    /// <summary>The comparison's verdict.</summary>
    public const string Verdict = "verdict";
    /// <summary>The t statistic of the comparison (<see cref="NotebookExperiments.Published.PublishedComparison"/>).</summary>
    public const string T = "t";
    /// <summary>Its degrees of freedom.</summary>
    public const string Df = "df";
    /// <summary>Its two-sided p-value.</summary>
    public const string P = "p";
    /// <summary>Why the verdict is what it is.</summary>
    public const string Detail = "detail";
    /// <summary>Where a published number comes from.</summary>
    public const string Source = "source";
    /// <summary>A note on a published number.</summary>
    public const string Note = "note";
}
