using System.Text.Json.Serialization;
using Microsoft.Data.Analysis;
using NotebookExperiments.Estimators;
using NotebookExperiments.Gradients;
using NotebookExperiments.Models;
using NotebookExperiments.Training;
using static NotebookExperiments.Analyses.Phrases;

namespace NotebookExperiments.Analyses;

/// <summary>A temperature-dependent estimator family of the temperature study: a title and a spec without its temperature.</summary>
/// <param name="Title">The name in charts, e.g. <c>GR-MC10</c>.</param>
/// <param name="Spec">The spec with the temperature left out, e.g. <c>gr-mc:k=10</c>; the temperature goes into the catalogue's
/// temperature parameter (<c>tau</c>, or <c>tau2</c> for ReinMax-CV).</param>
public sealed record TemperatureFamily(string Title, string Spec);

/// <summary>
/// Parameters of the temperature study: how each temperature-dependent estimator behaves as τ moves, against the
/// temperature-free ZGR (Shekhovtsov 2023; Paulus et al. 2021), (a) in gradient bias and variance at a fixed checkpoint and
/// (b) in train −ELBO after a fixed training budget.
/// </summary>
public sealed record TemperatureStudyParameters : IAnalysisParameters<TemperatureStudyParameters>
{
    /// <summary>The model whose gradients are studied in part (a); its last epoch is the checkpoint.</summary>
    public required ReferenceTraining Checkpoint { get; init; }

    /// <summary>The epoch of the checkpoint: the epochs the studied model trains (<see cref="Checkpoint"/>'s).</summary>
    [JsonIgnore, Override("Training epochs of the model whose gradients are studied", Aliases = ["--checkpoint-epochs"])]
    public int CheckpointEpoch { get => Checkpoint.Epochs; init => Checkpoint = Checkpoint with { Epochs = value }; }

    /// <summary>The training images of the studied model, the first N (<see cref="Checkpoint"/>'s; null for all 60,000).</summary>
    [JsonIgnore, Override("Training images of the model whose gradients are studied")]
    public int? CheckpointTrainSize { get => Checkpoint.TrainSize; init => Checkpoint = Checkpoint with { TrainSize = value }; }

    /// <summary>The temperatures of part (a).</summary>
    [Override("Temperatures of the gradient part", Aliases = ["--taus"])]
    public required IReadOnlyList<double> Temperatures { get; init; }

    /// <summary>The temperature-dependent families.</summary>
    public required IReadOnlyList<TemperatureFamily> Families { get; init; }

    /// <summary>Temperature-free references (ZGR), drawn as horizontal lines; measured in part (a) and trained in part (b).</summary>
    public required IReadOnlyList<TemperatureFamily> References { get; init; }

    /// <summary>
    /// Temperature-free references of part (a) only, drawn like <see cref="References"/> in the gradient and trade-off figures but
    /// not trained in part (b): RF(4), REINFORCE with the leave-one-out baseline and M = 4 evaluations of the objective per estimate
    /// (docs/estimators.md, A.2), the unbiased baseline of the ZGR paper (Shekhovtsov 2023: "RF(M)"). Training it would put an
    /// estimator with several decoder passes into the training ensembles, which then run member by member.
    /// </summary>
    public IReadOnlyList<TemperatureFamily> GradientReferences { get; init; } = [];

    /// <summary>Estimates per estimator and temperature in part (a).</summary>
    [Override("Estimates per estimator and temperature")]
    public required int Samples { get; init; }

    /// <summary>Size of the fixed batch of part (a).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The temperatures of part (b) (training); often fewer than in part (a).</summary>
    [Override("Temperatures of the training part", Aliases = ["--training-taus"])]
    public required IReadOnlyList<double> TrainingTemperatures { get; init; }

    /// <summary>Configuration, optimiser and learning rate of the part (b) runs.</summary>
    public required SweepConfiguration Training { get; init; }

    /// <summary>Epochs of each part (b) run.</summary>
    [JsonPropertyName("training_epochs"), Override("Epochs of each training run", Aliases = ["--training-epochs"])]
    public required int Epochs { get; init; }

    /// <summary>Training-set size limit of part (b), null for all.</summary>
    [JsonPropertyName("training_size"), Override("Training images of each training run", Aliases = ["--training-size"])]
    public int? TrainSize { get; init; }

    /// <summary>Seeds of part (b).</summary>
    [JsonPropertyName("training_seeds"), Override("Seeds of the training part")]
    public required IReadOnlyList<long> Seeds { get; init; }

    /// <summary>Seeds the batch choice and the estimators' draws in part (a).</summary>
    public long Seed { get; init; }

    /// <summary>The definition of the gradient statistics (<see cref="GradientStatistics.Revision"/>); part of the fingerprint, so that
    /// statistics stored under an older definition are not reused.</summary>
    public int StatisticsRevision { get; init; } = GradientStatistics.Revision;

    /// <summary>Largest number of runs trained together as one batched ensemble.</summary>
    [JsonIgnore] public int MaxEnsembleSize { get; init; } = 29;

    /// <summary>Checkpoint every ensemble after every epoch (paper preset).</summary>
    [JsonIgnore] public bool CheckpointEnsembles { get; init; }

    /// <summary>The preset these parameters started from, for titles.</summary>
    [JsonIgnore] public string Preset { get; init; } = "custom";

    /// <summary>ST, ST-GS, GR-MC10, GR-MC100, ReinMax, ReinMax-Rao (K = 100) and ReinMax-CV (η = 0.7, K = 100; τ is its τ₂).</summary>
    public static IReadOnlyList<TemperatureFamily> DefaultFamilies { get; } =
    [
        new("ST", "st"), new("ST-GS", "st-gs"), new("GR-MC10", "gr-mc:k=10"), new("GR-MC100", "gr-mc:k=100"),
        new("ReinMax", "reinmax"), new("ReinMax-Rao", "reinmax-rao:k=100"), new("ReinMax-CV", "reinmax-cv:eta=0.7,k=100"),
    ];

    /// <summary>
    /// The full study: a ReinMax(τ = 1) 8×4 model trained 50 epochs (Adam, 5e-4) as the checkpoint; τ ∈ {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1,
    /// 1.5, 2} with 1024 estimates each, ZGR and (gradients only) RF(4) as temperature-free references; part (b) on 8×4 with Adam 5e-4, 50 epochs, τ ∈ {0.1, 0.3, 0.5, 1, 1.5, 2}, 3 seeds. The papers fix
    /// no single protocol for this study; these follow Beyond ReinMax's Fig. 1 set-up.
    /// </summary>
    public static TemperatureStudyParameters Paper => new()
    {
        Checkpoint = new ReferenceTraining("8x4", "reinmax:tau=1", OptimizerKind.Adam, 5e-4, 50, null, 0),
        Temperatures = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0],
        Families = DefaultFamilies,
        References = [new("ZGR", "zgr")],
        GradientReferences = [new("RF(4)", "reinforce-loo:m=4")],
        Samples = 1024,
        TrainingTemperatures = [0.1, 0.3, 0.5, 1.0, 1.5, 2.0],
        Training = new SweepConfiguration("8x4", OptimizerKind.Adam, 5e-4),
        Epochs = 50,
        Seeds = [0, 1, 2],
        CheckpointEnsembles = true,
        Preset = "paper",
    };

    /// <summary>
    /// A few minutes on 2 cores: checkpoint after 4 epochs on 10,000 images; τ ∈ {0.05, 0.1, 0.3, 0.5, 1, 2} with 256 estimates;
    /// part (b) with τ ∈ {0.1, 0.5, 1, 2}, 2 epochs on 5,000 images, one seed. Part (b) at this budget shows the pipeline, not τ's
    /// effect on training: with 3 epochs every run ended between 201 and 212 nats and the lines crossed at random, and one seed
    /// gives no standard error, as the study's reading says (<see cref="TemperatureReading"/>); the paper preset trains 50 epochs
    /// with 3 seeds.
    /// </summary>
    public static TemperatureStudyParameters Quick => Paper with
    {
        Checkpoint = Paper.Checkpoint with { Epochs = 4, TrainSize = 10_000 },
        Temperatures = [0.05, 0.1, 0.3, 0.5, 1.0, 2.0],
        Samples = 256,
        TrainingTemperatures = [0.1, 0.5, 1.0, 2.0],
        Epochs = 2,
        TrainSize = 5_000,
        Seeds = [0],
        CheckpointEnsembles = false,
        Preset = "quick",
    };

    /// <summary>
    /// A few seconds, to check that the study runs: a checkpoint after one epoch on the first 1,000 images, τ ∈ {0.5, 1} with 16
    /// estimates; training at τ = 1 for one epoch on 1,000 images, one seed.
    /// </summary>
    public static TemperatureStudyParameters Smoke => Quick with
    {
        Checkpoint = Quick.Checkpoint with { Epochs = 1, TrainSize = 1_000 },
        Temperatures = [0.5, 1.0],
        Samples = 16,
        TrainingTemperatures = [1.0],
        Epochs = 1,
        TrainSize = 1_000,
        Preset = "smoke",
    };

    /// <inheritdoc />
    public static TemperatureStudyParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper, () => Smoke);

    /// <inheritdoc />
    public TemperatureStudyParameters WithPreset(string preset) => this with { Preset = preset };

    /// <inheritdoc />
    /// <remarks>No paper fixes the study's protocol.</remarks>
    public bool? IsPaperProtocol() => null;

    /// <summary>
    /// One line for chart subtitles: the parameters actually run. No paper fixes a protocol for this study, so the line never
    /// claims one; it names the preset the parameters started from.
    /// </summary>
    public string Describe() =>
        $"{Preset} preset{(Preset is "quick" or "paper" ? "" : " parameters")} (no paper fixes this study's protocol): gradients at epoch {Checkpoint.Epochs} of " +
        $"{Checkpoint.Estimator} on {Checkpoint.Configuration} trained on {Images(Checkpoint.TrainSize)} images, {Samples} estimates; " +
        $"training {Count(Epochs, "epoch")} on {Images(TrainSize)} images, {Count(Seeds.Count, "seed")}";

    /// <summary>Throws when a field is out of range or a spec is invalid.</summary>
    public void Validate()
    {
        if (Families.Count + References.Count + GradientReferences.Count == 0) throw new ArgumentException("The study needs at least one estimator.");
        foreach (var t in Temperatures)
            if (!(t > 0 && double.IsFinite(t))) throw new ArgumentOutOfRangeException(nameof(Temperatures), t, "Temperatures must be finite and > 0.");
        foreach (var t in TrainingTemperatures)
            if (!(t > 0 && double.IsFinite(t))) throw new ArgumentOutOfRangeException(nameof(TrainingTemperatures), t, "Temperatures must be finite and > 0.");
        if (TrainSize is < 1) throw new ArgumentOutOfRangeException(nameof(TrainSize), TrainSize, "The training-set size must be at least 1.");
        if (CheckpointEpoch < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEpoch), CheckpointEpoch, "Epochs must be at least 1.");
        if (CheckpointTrainSize is < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointTrainSize), CheckpointTrainSize, "The training-set size must be at least 1.");
        foreach (var f in Families) EstimatorCatalog.Default.WithTemperature(f.Spec, 1.0);
        foreach (var r in References.Concat(GradientReferences)) EstimatorCatalog.Default.Create(r.Spec);
        VaeConfiguration.Parse(Training.Configuration);
        if (Samples < 2) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least 2 estimates are needed for a spread.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1.");
        if (Seeds.Count == 0 && TrainingTemperatures.Count > 0) throw new ArgumentException("Training needs at least one seed.");
    }
}

/// <summary>One estimator at one temperature in the gradient part.</summary>
/// <param name="Estimator">The family's title.</param>
/// <param name="Spec">The spec at this temperature.</param>
/// <param name="Tau">The temperature, or null for temperature-free references.</param>
/// <param name="Statistics">Against the exact gradient.</param>
public sealed record TemperatureGradientUnit(string Estimator, string Spec, double? Tau, GradientStatistics Statistics);

/// <summary>One training run of the training part.</summary>
/// <param name="Estimator">The family's title.</param>
/// <param name="Spec">The spec.</param>
/// <param name="Tau">The temperature, or null for references.</param>
/// <param name="Seed">The seed.</param>
/// <param name="FinalTrainElbo">Train −ELBO of the last epoch.</param>
/// <param name="Diverged">Whether the loss became non-finite.</param>
public sealed record TemperatureTrainingUnit(string Estimator, string Spec, double? Tau, long Seed, double? FinalTrainElbo, bool Diverged);

/// <summary>The two tables of the temperature study.</summary>
/// <param name="Gradients">Part (a): <c>estimator</c>, <c>spec</c>, <c>tau</c> (NaN for references), <c>cosine</c>, <c>relative_std</c>, <c>mse</c>,
/// <c>samples</c>, <c>all_zero_examples</c>, <c>exact_norm</c>, <c>mean_norm</c>. The relative std averages over the examples with a non-zero estimate and
/// <c>all_zero_examples</c> counts the others (a softmax saturated at low τ); cosine and relative std are NaN only when every
/// estimate is exactly zero (<see cref="GradientStatistics"/>).</param>
/// <param name="Training">Part (b): <c>estimator</c>, <c>spec</c>, <c>tau</c>, <c>seed</c>, <c>final_train_elbo</c>, <c>diverged</c>.</param>
public sealed record TemperatureStudyResult(DataFrame Gradients, DataFrame Training);
