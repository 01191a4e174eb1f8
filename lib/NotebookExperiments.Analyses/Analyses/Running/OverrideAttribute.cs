namespace NotebookExperiments.Analyses;

/// <summary>
/// Marks a property of an analysis's parameters record as a knob: one value a notebook's parameters cell and the command line both
/// set, by one name (<see cref="Override"/>). The notebook variable is the name in camel case and the command-line option the name
/// in kebab case (<c>TrainSize</c>: <c>trainSize</c>, <c>--train-size</c>).
/// </summary>
/// <param name="description">What the value is, for <c>--help</c> and the notebooks' parameter comments.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OverrideAttribute(string description) : Attribute
{
    /// <summary>What the value is.</summary>
    public string Description { get; } = description;

    /// <summary>The knob's name where it is not the property's (a property that takes names for a list of records, e.g. <c>Configurations</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Other names the command line accepts for the option: a short alias (<c>-e</c>) or an earlier name (<c>--taus</c>).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>
    /// For a list of text: each value is given by repeating the option (<c>-e st -e zgr</c>), because a value may itself hold
    /// commas (estimator specs); other lists are comma-separated (<c>--betas 0,0.5,1</c>).
    /// </summary>
    public bool Repeated { get; init; }

    /// <summary>
    /// The name the analysis's validation reports when the value is out of range, where it is not the property's (e.g. <c>beta</c>
    /// for each value of <c>Betas</c>), so that the command line can name the option in the error.
    /// </summary>
    public string? ValidatedAs { get; init; }
}
