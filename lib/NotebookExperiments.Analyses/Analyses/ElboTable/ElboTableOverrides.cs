namespace NotebookExperiments.Analyses;

/// <summary>
/// What a user may change of an −ELBO-table preset, from a notebook's parameters cell or the <c>elbo-table</c> command alike; the
/// rule for "not given" is <see cref="Override"/>'s.
/// </summary>
public sealed record ElboTableOverrides : IOverrides<ElboTableParameters>
{
    /// <summary>Configurations (columns), among the table's six.</summary>
    [Override("Configurations (columns), among 8x4, 4x24, 8x16, 16x12, 64x8, 10x30", ValidatedAs = "Configurations")]
    public IReadOnlyList<string>? Configs { get; init; }

    /// <summary>
    /// Rows: a row of the table (ST, ST-GS, GR-MC100, GST-1.0, ReinMax, ReinMax-Rao, ReinMax-CV) with its tuned hyperparameters, or
    /// any estimator spec (a new row trained with ReinMax's optimiser and learning rate per configuration).
    /// </summary>
    [Override("Rows: a row of the table (ST, ST-GS, GR-MC100, GST-1.0, ReinMax, ReinMax-Rao, ReinMax-CV) with its tuned hyperparameters, " +
              "or any estimator spec (a new row trained with ReinMax's optimiser and learning rate per configuration); default: the seven rows",
        Alias = "-e", Repeated = true, ValidatedAs = "Rows")]
    public IReadOnlyList<string>? Estimators { get; init; }

    /// <summary>Seeds.</summary>
    [Override("Seeds", ValidatedAs = "Seeds")]
    public IReadOnlyList<long>? Seeds { get; init; }

    /// <summary>Epochs per run.</summary>
    [Override("Epochs per run", ValidatedAs = "Epochs")]
    public int? Epochs { get; init; }

    /// <summary>The first N training images.</summary>
    [Override("Use the first N training images", ValidatedAs = "TrainSize")]
    public int? TrainSize { get; init; }

    /// <summary>The largest number of runs trained together as one batched model.</summary>
    [Override("Largest number of runs trained together as one batched model (default 29)", ValidatedAs = "MaxEnsembleSize")]
    public int? MaxEnsemble { get; init; }

    /// <summary><paramref name="preset"/> with these values in place of its own.</summary>
    /// <exception cref="ArgumentException">An unknown configuration or an invalid estimator spec; the message lists what is accepted.</exception>
    public ElboTableParameters ApplyTo(ElboTableParameters preset)
    {
        var parameters = preset;
        if (Configs is { Count: > 0 }) parameters = parameters.WithConfigurations(Configs);
        if (Estimators is { Count: > 0 }) parameters = parameters.WithEstimators(Estimators);
        return parameters with
        {
            Seeds = Override.Or(Seeds, parameters.Seeds),
            Epochs = Override.Or(Epochs, parameters.Epochs),
            TrainSize = Override.Or(TrainSize, parameters.TrainSize),
            MaxEnsembleSize = Override.Or(MaxEnsemble, parameters.MaxEnsembleSize),
        };
    }
}
