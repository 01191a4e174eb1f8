namespace NotebookExperiments.Analyses;

/// <summary>
/// What a user may change of a β-sweep preset, from a notebook's parameters cell or the <c>beta-sweep</c> command alike; the rule
/// for "not given" is <see cref="Override"/>'s.
/// </summary>
public sealed record BetaSweepOverrides : IOverrides<BetaSweepParameters>
{
    /// <summary>Configurations to sweep, among the preset's (e.g. <c>8x4</c>).</summary>
    [Override("Configurations to sweep, among the preset's, e.g. 8x4", ValidatedAs = "Configurations")]
    public IReadOnlyList<string>? Configs { get; init; }

    /// <summary>Values of β.</summary>
    [Override("Values of β", ValidatedAs = "beta")]
    public IReadOnlyList<double>? Betas { get; init; }

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
    /// <exception cref="ArgumentException">A configuration that is not in the preset; the message lists the preset's.</exception>
    public BetaSweepParameters ApplyTo(BetaSweepParameters preset) => preset with
    {
        Configurations = Configs is { Count: > 0 }
            ? Configs.Select(c => preset.Configurations.FirstOrDefault(x => x.Configuration == c)
                ?? throw new ArgumentException($"{c} is not a configuration of the preset; accepted: {string.Join(", ", preset.Configurations.Select(x => x.Configuration))}.", "Configurations")).ToList()
            : preset.Configurations,
        Betas = Override.Or(Betas, preset.Betas),
        Seeds = Override.Or(Seeds, preset.Seeds),
        Epochs = Override.Or(Epochs, preset.Epochs),
        TrainSize = Override.Or(TrainSize, preset.TrainSize),
        MaxEnsembleSize = Override.Or(MaxEnsemble, preset.MaxEnsembleSize),
    };
}
