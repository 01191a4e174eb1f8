using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Training;
using static TorchSharp.torch;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Parameters of the bias/variance study over training checkpoints (Beyond ReinMax, Fig. 1; docs/estimators.md, C.1).
/// </summary>
public sealed record BiasVarianceParameters
{
    /// <summary>The model that is trained and checkpointed.</summary>
    public required ReferenceTraining Training { get; init; }

    /// <summary>Epochs whose checkpoints are studied.</summary>
    public required IReadOnlyList<int> CheckpointEpochs { get; init; }

    /// <summary>The estimators compared, as specs.</summary>
    public required IReadOnlyList<string> Estimators { get; init; }

    /// <summary>Estimates per estimator and checkpoint.</summary>
    public required int Samples { get; init; }

    /// <summary>Size of the fixed batch.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Seeds the choice of the batch and the estimators' draws.</summary>
    public long Seed { get; init; }

    /// <summary>The preset these parameters started from, for titles.</summary>
    [JsonIgnore] public string Preset { get; init; } = "custom";

    /// <summary>The estimators of Fig. 1, all at τ = 1 but ReinMax-CV's control variate at τ₂ = 0.1 (η = 0.7, K = 100).</summary>
    public static IReadOnlyList<string> PaperEstimators { get; } =
        ["st:tau=1", "st-gs:tau=1", "gr-mc:k=100,tau=1", "gst:gap=1,tau=1", "zgr", "reinmax:tau=1", "reinmax-rao:k=100,tau=1", "reinmax-cv:eta=0.7,tau2=0.1,k=100"];

    /// <summary>
    /// The published protocol: 8×4 trained with ReinMax (τ = 1), Adam, lr 5e-4, 50 epochs, checkpoints at epochs 1, 5, 10, …, 50; at each,
    /// 1024 estimates of every estimator on a fixed batch of 100.
    /// </summary>
    public static BiasVarianceParameters Paper => new()
    {
        Training = new ReferenceTraining("8x4", "reinmax:tau=1", OptimizerKind.Adam, 5e-4, 50, null, 0),
        CheckpointEpochs = [1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50],
        Estimators = PaperEstimators,
        Samples = 1024,
        Preset = "paper",
    };

    /// <summary>A few minutes on 2 cores: 6 epochs on 10,000 images, checkpoints at 1, 3 and 6, 256 estimates.</summary>
    public static BiasVarianceParameters Quick => Paper with
    {
        Training = Paper.Training with { Epochs = 6, TrainSize = 10_000 },
        CheckpointEpochs = [1, 3, 6],
        Samples = 256,
        Preset = "quick",
    };

    /// <summary>The preset by name.</summary>
    /// <exception cref="ArgumentException">Neither <c>quick</c> nor <c>paper</c>.</exception>
    public static BiasVarianceParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper);

    /// <summary>One line for chart subtitles.</summary>
    public string Describe() =>
        $"{Preset} preset: {Training.Configuration} trained with {Training.Estimator} for {Training.Epochs} epochs on " +
        $"{(Training.TrainSize is int n ? n.ToString("N0", CultureInfo.InvariantCulture) : "60,000")} images; {Samples} estimates on a fixed batch of {BatchSize}" +
        (Preset == "paper" ? "" : " — not the paper's protocol");

    /// <summary>Throws when a field is out of range or a spec is invalid.</summary>
    public void Validate()
    {
        if (CheckpointEpochs.Count == 0 || Estimators.Count == 0) throw new ArgumentException("The study needs checkpoints and estimators.");
        foreach (var e in CheckpointEpochs)
            if (e < 1 || e > Training.Epochs) throw new ArgumentOutOfRangeException(nameof(CheckpointEpochs), e, $"Checkpoint epochs must lie in 1..{Training.Epochs}.");
        foreach (var s in Estimators.Append(Training.Estimator)) EstimatorCatalog.Default.Create(s);
        if (Samples < 2) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least 2 estimates are needed for a spread.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch needs at least one image.");
    }
}

/// <summary>One estimator at one checkpoint.</summary>
/// <param name="Epoch">The checkpoint's epoch.</param>
/// <param name="Estimator">The spec.</param>
/// <param name="Title">The paper name.</param>
/// <param name="Statistics">Cosine, relative std, MSE and norms against the exact gradient.</param>
/// <param name="Seconds">Time to draw and compare the estimates.</param>
public sealed record BiasVarianceUnit(int Epoch, string Estimator, string Title, GradientStatistics Statistics, double Seconds);

/// <summary>
/// Bias and variance of estimators over training (Beyond ReinMax, Fig. 1): a model is trained and checkpointed; at each
/// checkpoint, on a fixed batch, N estimates of the encoder-logit gradient from every estimator are compared with the exact
/// gradient (bias: cosine similarity of the mean estimate; variance: relative standard deviation).
/// </summary>
public static class BiasVarianceStudy
{
    /// <summary>The analysis name (result folder and CLI command).</summary>
    public const string Name = "bias-variance";

    /// <summary>
    /// Runs the study (skipping units already recorded) and returns one row per (checkpoint, estimator): <c>epoch</c>,
    /// <c>estimator</c>, <c>title</c>, <c>cosine</c>, <c>relative_std</c>, <c>mse</c>, <c>exact_norm</c>, <c>mean_norm</c>, <c>samples</c>.
    /// </summary>
    public static DataFrame Run(BiasVarianceParameters parameters, AnalysisEnvironment environment)
    {
        parameters.Validate();
        var store = ResultStore.Open(environment.OutputDirectory, Name, parameters);
        var work = Path.Combine(environment.OutputDirectory, "work-" + store.Fingerprint);
        var units = (from e in parameters.CheckpointEpochs from s in parameters.Estimators select (Epoch: e, Spec: s)).ToList();
        int total = units.Count;

        if (units.Any(u => !store.Contains(Key(u.Epoch, u.Spec))))
        {
            parameters.Training.EnsureTrained(work, parameters.CheckpointEpochs, environment, Name, () => store.Count, total);
            var batch = parameters.Training.FixedBatch(environment.Data, parameters.BatchSize, parameters.Seed, environment.Device);
            foreach (var epoch in parameters.CheckpointEpochs)
            {
                var pending = parameters.Estimators.Where(s => !store.Contains(Key(epoch, s))).ToList();
                if (pending.Count == 0) continue;
                using var scope = NewDisposeScope();
                using var trainer = ReferenceTraining.Load(work, epoch, environment.Device);
                environment.Progress?.Report(new AnalysisProgress(Name, store.Count, total, $"epoch {epoch}: exact gradient (C^L states)"));
                var problem = new VaeGradientProblem(trainer.Model, batch);
                for (int i = 0; i < pending.Count; i++)
                {
                    environment.Cancellation.ThrowIfCancellationRequested();
                    var spec = pending[i];
                    environment.Progress?.Report(new AnalysisProgress(Name, store.Count, total,
                        $"epoch {epoch}: {parameters.Samples} estimates of {spec}", (double)i / pending.Count));
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    using var generator = new Generator(SeedOf(parameters.Seed, epoch, spec), environment.Device);
                    var statistics = problem.Measure(EstimatorCatalog.Default.Create(spec), parameters.Samples, generator);
                    store.Append(Key(epoch, spec), new BiasVarianceUnit(epoch, spec, EstimatorTitles.Of(spec), statistics, clock.Elapsed.TotalSeconds));
                }
            }
        }
        environment.Progress?.Report(new AnalysisProgress(Name, store.Count, total, "done", 1));
        var rows = units.Select(u => store.Get<BiasVarianceUnit>(Key(u.Epoch, u.Spec))).ToList();
        return new DataFrame(
            new Int32DataFrameColumn("epoch", rows.Select(r => r.Epoch)),
            new StringDataFrameColumn("estimator", rows.Select(r => r.Estimator)),
            new StringDataFrameColumn("title", rows.Select(r => r.Title)),
            new DoubleDataFrameColumn("cosine", rows.Select(r => r.Statistics.Cosine)),
            new DoubleDataFrameColumn("relative_std", rows.Select(r => r.Statistics.RelativeStd)),
            new DoubleDataFrameColumn("mse", rows.Select(r => r.Statistics.Mse)),
            new DoubleDataFrameColumn("exact_norm", rows.Select(r => r.Statistics.ExactNorm)),
            new DoubleDataFrameColumn("mean_norm", rows.Select(r => r.Statistics.MeanNorm)),
            new Int32DataFrameColumn("samples", rows.Select(r => (int)r.Statistics.Samples)));
    }

    /// <summary>A generator seed per (study seed, epoch, estimator), so that a resumed study draws what an uninterrupted one would.</summary>
    internal static ulong SeedOf(long seed, int epoch, string spec)
    {
        ulong h = 1469598103934665603UL ^ (ulong)seed;
        foreach (var c in $"{epoch}|{spec}") h = (h ^ c) * 1099511628211UL;
        return h;
    }

    private static string Key(int epoch, string spec) => FormattableString.Invariant($"epoch={epoch}|{spec}");
}
