using System.Text.Json.Serialization;
using NotebookExperiments.Estimators;

namespace NotebookExperiments.Analyses;

/// <summary>
/// Parameters of the batch-size view (<see cref="BatchSize"/>): the temperature study's checkpoint and its fixed batch (the pool the
/// batches are cut from), and which estimators, at which temperatures and batch sizes, with how many estimates.
/// </summary>
public sealed record BatchSizeParameters : IAnalysisParameters<BatchSizeParameters>
{
    /// <summary>The model whose gradients are measured: the temperature study's (<see cref="TemperatureStudyParameters.Checkpoint"/>); its last epoch is the checkpoint.</summary>
    public required ReferenceTraining Checkpoint { get; init; }

    /// <summary>The epoch of the checkpoint: the epochs the model trains (<see cref="Checkpoint"/>'s).</summary>
    [JsonIgnore, Override("Training epochs of the model whose gradients are measured", Aliases = ["--checkpoint-epochs"])]
    public int CheckpointEpoch { get => Checkpoint.Epochs; init => Checkpoint = Checkpoint with { Epochs = value }; }

    /// <summary>The training images of the model, the first N (<see cref="Checkpoint"/>'s; null for all 60,000).</summary>
    [JsonIgnore, Override("Training images of the model whose gradients are measured")]
    public int? CheckpointTrainSize { get => Checkpoint.TrainSize; init => Checkpoint = Checkpoint with { TrainSize = value }; }

    /// <summary>The size of the fixed batch the batches are cut from (<see cref="TemperatureStudyParameters.BatchSize"/>).</summary>
    public int Pool { get; init; } = 100;

    /// <summary>Chooses the fixed batch (<see cref="TemperatureStudyParameters.Seed"/>).</summary>
    public long PoolSeed { get; init; }

    /// <summary>The estimators, by family (the temperature goes into the catalogue's temperature parameter).</summary>
    public IReadOnlyList<TemperatureFamily> Families { get; init; } = DefaultFamilies;

    /// <summary>The temperatures τ.</summary>
    [Override("Temperatures", Aliases = ["--taus"])]
    public required IReadOnlyList<double> Temperatures { get; init; }

    /// <summary>The batch sizes B, at most <see cref="Pool"/>.</summary>
    [Override("Batch sizes B the batch is cut into")]
    public required IReadOnlyList<int> BatchSizes { get; init; }

    /// <summary>Estimates per estimator and temperature (each gives one estimate of every batch).</summary>
    [Override("Estimates per estimator and temperature")]
    public required int Samples { get; init; }

    /// <summary>Seeds the estimators' draws.</summary>
    public long Seed { get; init; }

    /// <inheritdoc />
    [JsonIgnore] public string Preset { get; init; } = "custom";

    /// <summary>ST-GS and its Rao-Blackwellisations GR-MC10 and GR-MC100 (Paulus et al. 2021).</summary>
    public static IReadOnlyList<TemperatureFamily> DefaultFamilies { get; } =
        [new("ST-GS", "st-gs"), new("GR-MC10", "gr-mc:k=10"), new("GR-MC100", "gr-mc:k=100")];

    /// <summary>At the quick temperature study's checkpoint: τ ∈ {0.1, 1}, B ∈ {1, 2, 5, 10, 20, 50, 100}, 256 estimates (a few seconds on 2 cores once the checkpoint is trained).</summary>
    public static BatchSizeParameters Quick => new BatchSizeParameters
    {
        Checkpoint = TemperatureStudyParameters.Quick.Checkpoint,
        Temperatures = [0.1, 1.0],
        BatchSizes = [1, 2, 5, 10, 20, 50, 100],
        Samples = 256,
        Preset = "quick",
    }.At(TemperatureStudyParameters.Quick);

    /// <summary>At the paper temperature study's checkpoint, with 1024 estimates (about 15 s on 2 cores once the checkpoint is trained).</summary>
    public static BatchSizeParameters Paper => (Quick with { Samples = 1024, Preset = "paper" }).At(TemperatureStudyParameters.Paper);

    /// <summary>To check that the view runs: the smoke temperature study's checkpoint, τ = 1, B ∈ {1, 10}, 8 estimates.</summary>
    public static BatchSizeParameters Smoke => (Quick with { Temperatures = [1.0], BatchSizes = [1, 10], Samples = 8, Preset = "smoke" })
        .At(TemperatureStudyParameters.Smoke);

    /// <summary>These parameters at the checkpoint and batch of <paramref name="study"/> (a notebook's temperature study, overrides and all).</summary>
    public BatchSizeParameters At(TemperatureStudyParameters study) => this with { Checkpoint = study.Checkpoint, Pool = study.BatchSize, PoolSeed = study.Seed };

    /// <inheritdoc />
    public static BatchSizeParameters FromPreset(string preset) => Presets.Choose(preset, () => Quick, () => Paper, () => Smoke);

    /// <inheritdoc />
    public BatchSizeParameters WithPreset(string preset) => this with { Preset = preset };

    /// <inheritdoc />
    /// <remarks>No paper fixes the view's protocol.</remarks>
    public bool? IsPaperProtocol() => null;

    /// <inheritdoc />
    public string Describe() => FormattableString.Invariant(
        $"{Preset} preset (no paper fixes this view's protocol): epoch {Checkpoint.Epochs} of {Checkpoint.Estimator} on {Checkpoint.Configuration}, ") +
        FormattableString.Invariant($"a batch of {Pool} cut into B ∈ {{{string.Join(", ", BatchSizes)}}}, τ ∈ {{{string.Join(", ", Temperatures)}}}, {Samples} estimates");

    /// <inheritdoc />
    public void Validate()
    {
        if (Families.Count == 0) throw new ArgumentException("The view needs at least one estimator.", nameof(Families));
        foreach (var f in Families) EstimatorCatalog.Default.WithTemperature(f.Spec, 1.0);
        if (Temperatures.Count == 0) throw new ArgumentException("Give at least one temperature.", nameof(Temperatures));
        foreach (var t in Temperatures)
            if (!(t > 0 && double.IsFinite(t))) throw new ArgumentOutOfRangeException(nameof(Temperatures), t, "Temperatures must be finite and > 0.");
        if (BatchSizes.Count == 0) throw new ArgumentException("Give at least one batch size.", nameof(BatchSizes));
        foreach (var b in BatchSizes)
            if (b < 1 || b > Pool) throw new ArgumentOutOfRangeException(nameof(BatchSizes), b, $"Batch sizes must be at least 1 and at most {Pool}, the temperature study's batch.");
        if (Samples < 2) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least 2 estimates are needed for a variance.");
        if (CheckpointEpoch < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointEpoch), CheckpointEpoch, "Epochs must be at least 1.");
        if (CheckpointTrainSize is < 1) throw new ArgumentOutOfRangeException(nameof(CheckpointTrainSize), CheckpointTrainSize, "The training-set size must be at least 1.");
    }
}
