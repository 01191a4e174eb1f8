using System.Globalization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Parameters of the batch-size view of the temperature study's checkpoint (<see cref="BatchSizeStudy"/>): which estimators, at which
/// temperatures and batch sizes, with how many estimates.
/// </summary>
public sealed record BatchSizeParameters
{
    /// <summary>The estimators, by family (the temperature goes into the catalogue's temperature parameter).</summary>
    public IReadOnlyList<TemperatureFamily> Families { get; init; } = DefaultFamilies;

    /// <summary>The temperatures τ.</summary>
    public required IReadOnlyList<double> Temperatures { get; init; }

    /// <summary>The batch sizes B, at most the temperature study's batch (the pool the batches are cut from).</summary>
    public required IReadOnlyList<int> BatchSizes { get; init; }

    /// <summary>Estimates per estimator and temperature (each gives one estimate of every batch).</summary>
    public required int Samples { get; init; }

    /// <summary>Seeds the estimators' draws.</summary>
    public long Seed { get; init; }

    /// <summary>The preset these parameters started from, for titles.</summary>
    public string Preset { get; init; } = "custom";

    /// <summary>ST-GS and its Rao-Blackwellisations GR-MC10 and GR-MC100 (Paulus et al. 2021).</summary>
    public static IReadOnlyList<TemperatureFamily> DefaultFamilies { get; } =
        [new("ST-GS", "st-gs"), new("GR-MC10", "gr-mc:k=10"), new("GR-MC100", "gr-mc:k=100")];

    /// <summary>A few seconds on 2 cores: τ ∈ {0.1, 1}, B ∈ {1, 2, 5, 10, 20, 50, 100}, 256 estimates.</summary>
    public static BatchSizeParameters Quick => new()
    {
        Temperatures = [0.1, 1.0],
        BatchSizes = [1, 2, 5, 10, 20, 50, 100],
        Samples = 256,
        Preset = "quick",
    };

    /// <summary>The same with 1024 estimates, as the temperature study's paper preset (about 15 s on 2 cores).</summary>
    public static BatchSizeParameters Paper => Quick with { Samples = 1024, Preset = "paper" };

    /// <summary>To check that the view runs: τ = 1, B ∈ {1, 10}, 8 estimates.</summary>
    public static BatchSizeParameters Smoke => Quick with { Temperatures = [1.0], BatchSizes = [1, 10], Samples = 8, Preset = "smoke" };

    /// <summary>The preset by name.</summary>
    /// <exception cref="ArgumentException">Not <c>quick</c>, <c>paper</c> or <c>smoke</c>.</exception>
    public static BatchSizeParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper, () => Smoke);

    /// <summary>The preset with a notebook's values in place of its own; empty lists and zeros keep the preset's.</summary>
    public static BatchSizeParameters FromPreset(string preset, IReadOnlyList<int> batchSizes, IReadOnlyList<double> temperatures, int samples)
    {
        var parameters = FromPreset(preset);
        return parameters with
        {
            BatchSizes = batchSizes.Count == 0 ? parameters.BatchSizes : batchSizes,
            Temperatures = temperatures.Count == 0 ? parameters.Temperatures : temperatures,
            Samples = samples == 0 ? parameters.Samples : samples,
        };
    }

    /// <summary>Throws when a field is out of range or a spec is invalid.</summary>
    public void Validate()
    {
        if (Families.Count == 0) throw new ArgumentException("The view needs at least one estimator.", nameof(Families));
        foreach (var f in Families) EstimatorCatalog.Default.WithTemperature(f.Spec, 1.0);
        if (Temperatures.Count == 0) throw new ArgumentException("Give at least one temperature.", nameof(Temperatures));
        foreach (var t in Temperatures)
            if (!(t > 0 && double.IsFinite(t))) throw new ArgumentOutOfRangeException(nameof(Temperatures), t, "Temperatures must be finite and > 0.");
        if (BatchSizes.Count == 0) throw new ArgumentException("Give at least one batch size.", nameof(BatchSizes));
        foreach (var b in BatchSizes)
            if (b < 1) throw new ArgumentOutOfRangeException(nameof(BatchSizes), b, "Batch sizes must be at least 1.");
        if (Samples < 2) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least 2 estimates are needed for a variance.");
    }
}

/// <summary>The batch-size view: its table and one line that says what was measured.</summary>
/// <param name="Table">One row per (estimator, τ, B): <c>estimator</c>, <c>spec</c>, <c>tau</c>, <c>batch_size</c>, <c>batches</c>,
/// <c>samples</c>, <c>mse</c>, <c>mse_se</c>, <c>squared_bias</c>, <c>variance</c>, <c>exact_squared_norm</c>, <c>relative_mse</c> (MSE over
/// ‖g*‖²) and <c>vs_st_gs</c> (MSE over ST-GS's at the same τ and B; NaN without an ST-GS row) (<see cref="BatchSizeError"/>).</param>
/// <param name="Description">The checkpoint, the pool and the estimates, for subtitles.</param>
public sealed record BatchSizeResult(DataFrame Table, string Description);

/// <summary>
/// The Gumbel-Rao paper's batch-size axis (Paulus et al., ICLR 2021, Section 1: the improvement of GR-MCK over ST-GS "is particularly
/// pronounced at small batch sizes and low temperatures") at the temperature study's checkpoint: the error of the gradient of the
/// batch-mean loss with respect to the encoder's output layer against the exact one, as a function of the batch size B, for ST-GS and
/// GR-MCK at one or two temperatures (<see cref="BatchGradientError"/>).
/// </summary>
/// <remarks>
/// The model is the temperature study's checkpoint (found in its results folder, trained there first when missing) and the pool is its
/// fixed batch (<see cref="TemperatureStudyParameters.BatchSize"/> images chosen by <see cref="TemperatureStudyParameters.Seed"/>),
/// cut into disjoint batches of B. The exact gradient is the enumeration over all C^L states (<see cref="VaeGradientProblem"/>). The
/// view is computed at each call, not stored: it takes seconds.
/// </remarks>
public static class BatchSizeStudy
{
    /// <summary>The columns of <see cref="BatchSizeResult.Table"/>.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } =
        [Columns.Estimator, Columns.Spec, Columns.Tau, Columns.BatchSize, Columns.Batches, Columns.Samples, Columns.Mse, Columns.MseSe, Columns.SquaredBias, Columns.Variance, Columns.ExactSquaredNorm,
         Columns.RelativeMse, Columns.VsStGs];

    /// <summary>Measures the view at the checkpoint of <paramref name="study"/>, in the temperature study's result folder of <paramref name="environment"/>.</summary>
    /// <param name="study">The temperature study whose checkpoint and batch are used.</param>
    /// <param name="parameters">The estimators, temperatures, batch sizes and estimates.</param>
    /// <param name="environment">The temperature study's environment (its result folder holds the checkpoint).</param>
    /// <exception cref="ArgumentException">Invalid parameters, or a batch size larger than the temperature study's batch.</exception>
    public static BatchSizeResult Run(TemperatureStudyParameters study, BatchSizeParameters parameters, AnalysisEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var normalised = new TemperatureStudy().Normalise(study);
        // The study's batch is drawn from the checkpoint's training images (ReferenceTraining.FixedBatch): at most that many.
        long trainImages = Math.Min(normalised.Checkpoint.TrainSize ?? long.MaxValue, environment.Data.Train.shape[0]);
        int pool = (int)Math.Min(normalised.BatchSize, trainImages);
        foreach (var b in parameters.BatchSizes)
            if (b > pool) throw new ArgumentOutOfRangeException(nameof(parameters), b, $"Batch sizes must be at most {pool}, the temperature study's batch.");

        var checkpoint = normalised.Checkpoint;
        int epoch = checkpoint.Epochs;
        var directory = GradientJob.DirectoryOf(Path.Combine(environment.OutputDirectory, "work"), checkpoint, [epoch]);
        // One unit: the view; its work is the checkpoint's training (found done when the study ran before) and the estimates.
        int finished = 0;
        double estimateWork = ProgressMeter.StepsPerEstimate * parameters.Samples * parameters.Temperatures.Count * parameters.Families.Count;
        var meter = new ProgressMeter("batch-size view", environment, () => finished, 1, checkpoint.Steps(environment.Data) + estimateWork);
        if (checkpoint.EnsureTrained(directory, [epoch], environment, meter, "for the batch-size view") == 0) meter.Complete(checkpoint.Steps(environment.Data));

        using var scope = NewDisposeScope();
        using var trainer = ReferenceTraining.Load(directory, epoch, environment.Device);
        var images = checkpoint.FixedBatch(environment.Data, normalised.BatchSize, normalised.Seed, environment.Device);
        meter.Report($"batch-size view, epoch {epoch}: exact gradient (C^L states)");
        var problem = new VaeGradientProblem(trainer.Model, images);
        Tensor features;
        using (no_grad()) features = trainer.Model.EncoderFeatures(images.unsqueeze(0))[0];

        var catalog = EstimatorCatalog.Default;
        var rows = new List<(string Title, string Spec, double Tau, BatchSizeError Error)>();
        foreach (var tau in parameters.Temperatures)
            foreach (var family in parameters.Families)
            {
                environment.Cancellation.ThrowIfCancellationRequested();
                var spec = catalog.WithTemperature(family.Spec, tau);
                meter.Report($"batch-size view: {parameters.Samples} estimates of {spec}");
                using var generator = new Generator(BiasVarianceStudy.SeedOf(parameters.Seed, epoch, "batch-size|" + spec), environment.Device);
                var errors = BatchGradientError.Measure(catalog.Create(spec), problem.Logits, problem.Objective, problem.Exact, features,
                    parameters.BatchSizes, parameters.Samples, generator);
                rows.AddRange(errors.Select(e => (family.Title, spec, tau, e)));
                meter.Complete(ProgressMeter.StepsPerEstimate * parameters.Samples);
            }
        finished = 1;
        meter.Report($"batch-size view: {rows.Count.ToString("N0", CultureInfo.InvariantCulture)} rows, {parameters.Families.Count} estimators × {parameters.Temperatures.Count} temperatures");

        double VsStGs(int i)
        {
            var r = rows[i];
            var baseline = rows.Where(o => o.Title == "ST-GS" && o.Tau == r.Tau && o.Error.BatchSize == r.Error.BatchSize).ToList();
            return baseline.Count == 1 ? r.Error.Mse / baseline[0].Error.Mse : double.NaN;
        }

        var table = new DataFrame(
            new StringDataFrameColumn(Columns.Estimator, rows.Select(r => r.Title)),
            new StringDataFrameColumn(Columns.Spec, rows.Select(r => r.Spec)),
            new DoubleDataFrameColumn(Columns.Tau, rows.Select(r => r.Tau)),
            new Int32DataFrameColumn(Columns.BatchSize, rows.Select(r => r.Error.BatchSize)),
            new Int32DataFrameColumn(Columns.Batches, rows.Select(r => r.Error.Batches)),
            new Int32DataFrameColumn(Columns.Samples, rows.Select(r => r.Error.Samples)),
            new DoubleDataFrameColumn(Columns.Mse, rows.Select(r => r.Error.Mse)),
            new DoubleDataFrameColumn(Columns.MseSe, rows.Select(r => r.Error.MseStandardError)),
            new DoubleDataFrameColumn(Columns.SquaredBias, rows.Select(r => r.Error.SquaredBias)),
            new DoubleDataFrameColumn(Columns.Variance, rows.Select(r => r.Error.Variance)),
            new DoubleDataFrameColumn(Columns.ExactSquaredNorm, rows.Select(r => r.Error.ExactSquaredNorm)),
            new DoubleDataFrameColumn(Columns.RelativeMse, rows.Select(r => r.Error.RelativeMse)),
            new DoubleDataFrameColumn(Columns.VsStGs, rows.Select((_, i) => VsStGs(i))));
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{parameters.Preset} preset: epoch {epoch} of {checkpoint.Estimator} on {checkpoint.Configuration} (the temperature study's checkpoint), ") +
            string.Create(CultureInfo.InvariantCulture, $"its batch of {pool} images cut into batches of B, {parameters.Samples} estimates; ") +
            "gradient of the batch-mean loss with respect to the encoder's output layer, against the exact one (all C^L states)";
        return new BatchSizeResult(table, description);
    }
}
