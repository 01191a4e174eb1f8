namespace NotebookExperiments.Analyses;

/// <summary>
/// Marks a property of an analysis's overrides record (<see cref="BetaSweepOverrides"/> and its siblings): one value a notebook's
/// parameters cell and the command line both set. The property's name is the notebook variable (camelCase) and, in kebab case,
/// the command-line option (<c>TrainSize</c>: <c>trainSize</c>, <c>--train-size</c>), unless <see cref="Option"/> says otherwise.
/// </summary>
/// <param name="description">What the value is, for <c>--help</c> and the notebooks' parameter comments.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OverrideAttribute(string description) : Attribute
{
    /// <summary>What the value is.</summary>
    public string Description { get; } = description;

    /// <summary>The command-line option when it is not the kebab-case name, e.g. <c>--checkpoints</c>.</summary>
    public string? Option { get; init; }

    /// <summary>A short alias of the option, e.g. <c>-e</c>.</summary>
    public string? Alias { get; init; }

    /// <summary>
    /// For a list of text: each value is given by repeating the option (<c>-e st -e zgr</c>), because a value may itself hold
    /// commas (estimator specs); other lists are comma-separated (<c>--betas 0,0.5,1</c>).
    /// </summary>
    public bool Repeated { get; init; }

    /// <summary>
    /// The name the analysis's validation reports when the value is out of range (the parameters record's property), so that
    /// the command line can name the option in the error.
    /// </summary>
    public string? ValidatedAs { get; init; }
}
