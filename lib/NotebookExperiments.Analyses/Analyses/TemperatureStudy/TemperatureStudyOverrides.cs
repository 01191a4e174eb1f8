namespace NotebookExperiments.Analyses;

/// <summary>
/// What a user may change of a temperature-study preset, from a notebook's parameters cell or the <c>temperature-study</c> command
/// alike; the rule for "not given" is <see cref="Override"/>'s.
/// </summary>
public sealed record TemperatureStudyOverrides : IOverrides<TemperatureStudyParameters>
{
    /// <summary>Temperatures of the gradient part.</summary>
    [Override("Temperatures of the gradient part", ValidatedAs = "Temperatures")]
    public IReadOnlyList<double>? Taus { get; init; }

    /// <summary>Estimates per estimator and temperature.</summary>
    [Override("Estimates per estimator and temperature", ValidatedAs = "Samples")]
    public int? Samples { get; init; }

    /// <summary>Training epochs of the model whose gradients are studied.</summary>
    [Override("Training epochs of the model whose gradients are studied", ValidatedAs = "Epochs")]
    public int? CheckpointEpochs { get; init; }

    /// <summary>Its training images.</summary>
    [Override("Training images of the model whose gradients are studied", ValidatedAs = "TrainSize")]
    public int? CheckpointTrainSize { get; init; }

    /// <summary>Temperatures of the training part.</summary>
    [Override("Temperatures of the training part", ValidatedAs = "TrainingTemperatures")]
    public IReadOnlyList<double>? TrainingTaus { get; init; }

    /// <summary>Epochs of each training run.</summary>
    [Override("Epochs of each training run", ValidatedAs = "TrainingEpochs")]
    public int? TrainingEpochs { get; init; }

    /// <summary>Training images of each training run.</summary>
    [Override("Training images of each training run", ValidatedAs = "TrainingSize")]
    public int? TrainingSize { get; init; }

    /// <summary>Seeds of the training part.</summary>
    [Override("Seeds of the training part", ValidatedAs = "TrainingSeeds")]
    public IReadOnlyList<long>? Seeds { get; init; }

    /// <summary><paramref name="preset"/> with these values in place of its own.</summary>
    public TemperatureStudyParameters ApplyTo(TemperatureStudyParameters preset) => preset with
    {
        Temperatures = Override.Or(Taus, preset.Temperatures),
        Samples = Override.Or(Samples, preset.Samples),
        Checkpoint = preset.Checkpoint with
        {
            Epochs = Override.Or(CheckpointEpochs, preset.Checkpoint.Epochs),
            TrainSize = Override.Or(CheckpointTrainSize, preset.Checkpoint.TrainSize),
        },
        TrainingTemperatures = Override.Or(TrainingTaus, preset.TrainingTemperatures),
        TrainingEpochs = Override.Or(TrainingEpochs, preset.TrainingEpochs),
        TrainingSize = Override.Or(TrainingSize, preset.TrainingSize),
        TrainingSeeds = Override.Or(Seeds, preset.TrainingSeeds),
    };
}
