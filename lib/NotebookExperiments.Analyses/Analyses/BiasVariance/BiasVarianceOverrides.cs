namespace NotebookExperiments.Analyses;

/// <summary>
/// What a user may change of a bias/variance preset, from a notebook's parameters cell or the <c>bias-variance</c> command alike;
/// the rule for "not given" is <see cref="Override"/>'s.
/// </summary>
public sealed record BiasVarianceOverrides : IOverrides<BiasVarianceParameters>
{
    /// <summary>Training seeds: one model each, statistics averaged over them.</summary>
    [Override("Training seeds (one model each; statistics averaged over them)", ValidatedAs = "Seeds")]
    public IReadOnlyList<long>? Seeds { get; init; }

    /// <summary>Training epochs of the studied model.</summary>
    [Override("Training epochs of the studied model", ValidatedAs = "Epochs")]
    public int? Epochs { get; init; }

    /// <summary>Its training images.</summary>
    [Override("Use the first N training images", ValidatedAs = "TrainSize")]
    public int? TrainSize { get; init; }

    /// <summary>Epochs whose checkpoints are studied.</summary>
    [Override("Epochs whose checkpoints are studied", ValidatedAs = "CheckpointEpochs")]
    public IReadOnlyList<int>? Checkpoints { get; init; }

    /// <summary>Estimates per estimator, checkpoint and seed.</summary>
    [Override("Estimates per estimator, checkpoint and seed", ValidatedAs = "Samples")]
    public int? Samples { get; init; }

    /// <summary>Estimator specs to compare.</summary>
    [Override("Estimator specs to compare (default: the paper's eight)", Alias = "-e", Repeated = true, ValidatedAs = "Estimators")]
    public IReadOnlyList<string>? Estimators { get; init; }

    /// <summary><paramref name="preset"/> with these values in place of its own.</summary>
    public BiasVarianceParameters ApplyTo(BiasVarianceParameters preset) => preset with
    {
        Seeds = Override.Or(Seeds, preset.Seeds),
        Training = preset.Training with
        {
            Epochs = Override.Or(Epochs, preset.Training.Epochs),
            TrainSize = Override.Or(TrainSize, preset.Training.TrainSize),
        },
        CheckpointEpochs = Override.Or(Checkpoints, preset.CheckpointEpochs),
        Samples = Override.Or(Samples, preset.Samples),
        Estimators = Override.Or(Estimators, preset.Estimators),
    };
}
