namespace NotebookExperiments.Estimators;

/// <summary>Validated parameter values of one spec, defaults filled in.</summary>
public sealed class EstimatorArguments
{
    private readonly IReadOnlyDictionary<string, double> _values;
    private readonly IReadOnlyDictionary<string, EstimatorParameter> _parameters;

    internal EstimatorArguments(IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, EstimatorParameter> parameters)
    {
        _values = values;
        _parameters = parameters;
    }

    /// <summary>A real-valued parameter.</summary>
    public double Real(string name) => _values[name];

    /// <summary>An integer parameter that fits an <see cref="int"/>.</summary>
    public int Integer(string name) => checked((int)_values[name]);

    /// <summary>An integer parameter.</summary>
    public long Long(string name) => (long)_values[name];

    /// <summary>The name chosen for a <see cref="ParameterKind.Choice"/> parameter, as listed in its <see cref="EstimatorParameter.Choices"/>.</summary>
    public string Choice(string name) => _parameters[name].Choices[(int)_values[name]];
}

/// <summary>
/// One entry of the <see cref="EstimatorCatalog"/>, the single place that says everything about an estimator besides its class:
/// the name used in spec strings, the parameters with defaults, where it comes from, how to build it, its title and colour in
/// every table and figure, and the specs the contract tests run.
/// </summary>
/// <remarks>
/// A new built-in estimator is its class plus one entry in <see cref="EstimatorCatalog.CreateBuiltIn"/>: the contract tests
/// (forward law, spec round trip, gradients on the simplex's tangent space, finite estimates) run every spec of
/// <see cref="Examples"/>, and the figures take <see cref="Title"/> (or <see cref="InstanceTitle"/>) and <see cref="Colour"/> from here.
/// </remarks>
/// <param name="Name">The spec name, e.g. <c>reinmax-rk2</c>.</param>
/// <param name="Title">The name used in papers and charts, e.g. <c>ReinMax-RK2(β)</c>.</param>
/// <param name="Source">The paper (and equation) it comes from.</param>
/// <param name="Parameters">Its parameters, in the order they are listed.</param>
/// <param name="Create">Builds the estimator from validated arguments.</param>
/// <param name="TemperatureParameter">The parameter that plays the role of the temperature in temperature studies
/// (<c>tau</c>, or <c>tau2</c> for ReinMax-CV); null for temperature-free estimators.</param>
public sealed record EstimatorDefinition(
    string Name,
    string Title,
    string Source,
    IReadOnlyList<EstimatorParameter> Parameters,
    Func<EstimatorArguments, IGradientEstimator> Create,
    string? TemperatureParameter = null)
{
    /// <summary>Builds the estimator from a parsed spec whose name is this definition's.</summary>
    /// <exception cref="EstimatorSpecException">An unknown key, or a value out of range; the message lists the accepted keys.</exception>
    public IGradientEstimator Build(EstimatorSpec spec) => Create(Arguments(spec));

    private EstimatorArguments Arguments(EstimatorSpec spec)
    {
        var values = new Dictionary<string, double>();
        foreach (var (key, text) in spec.Arguments)
        {
            var parameter = Parameters.FirstOrDefault(p => p.Name == key)
                ?? throw new EstimatorSpecException(
                    $"{Name}: unknown parameter '{key}'. " +
                    (Parameters.Count == 0 ? $"{Name} takes no parameters." : "Accepted: " + string.Join(", ", Parameters.Select(p => $"{p.Accepted}, default {p.DefaultText}")) + "."));
            values[key] = parameter.Parse(Name, text);
        }
        foreach (var parameter in Parameters) values.TryAdd(parameter.Name, parameter.Default);
        return new EstimatorArguments(values, Parameters.ToDictionary(p => p.Name));
    }

    /// <summary>
    /// For an estimator a user registers, a hash of its code (<see cref="Estimators.CodeIdentity"/>), so that results of one version
    /// of it are not reused for another; null for the built-ins, whose code changes with the results revision.
    /// </summary>
    public string? CodeIdentity { get; init; }

    /// <summary>
    /// The colour of the estimator in every figure, as <c>#RRGGBB</c>; null for a stable colour chosen from its title (what a
    /// notebook-defined estimator gets unless it says otherwise).
    /// </summary>
    public string? Colour { get; init; }

    /// <summary>
    /// The title of one parameterisation when it differs from <see cref="Title"/>, e.g. <c>GR-MC100</c> for <c>gr-mc:k=100</c>;
    /// null when every parameterisation is titled <see cref="Title"/>.
    /// </summary>
    public Func<EstimatorArguments, string>? InstanceTitle { get; init; }

    /// <summary>
    /// Colours of parameterisations whose <see cref="InstanceTitle"/> names a variant that figures must tell apart from the entry
    /// (ReinMax-CV's authors' control variates), as <c>#RRGGBB</c> by title; empty when every parameterisation takes
    /// <see cref="Colour"/> (or its family's shade).
    /// </summary>
    public IReadOnlyDictionary<string, string> InstanceColours { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The specs the contract tests run for this estimator (parameter values worth covering, e.g. a low and a high τ); empty
    /// for the name alone, with its defaults. See <see cref="Examples"/>.
    /// </summary>
    public IReadOnlyList<string> ExampleSpecs { get; init; } = [];

    /// <summary><see cref="ExampleSpecs"/>, or the name alone when there are none.</summary>
    public IReadOnlyList<string> Examples => ExampleSpecs.Count > 0 ? ExampleSpecs : [Name];

    /// <summary>The title of a parsed spec whose name is this definition's (<see cref="InstanceTitle"/>, else <see cref="Title"/>).</summary>
    /// <exception cref="EstimatorSpecException">An unknown key, or a value out of range.</exception>
    public string TitleOf(EstimatorSpec spec) => InstanceTitle is null ? Title : InstanceTitle(Arguments(spec));
}
