namespace NotebookExperiments.Estimators;

/// <summary>Validated parameter values of one spec, defaults filled in.</summary>
public sealed class EstimatorArguments
{
    private readonly IReadOnlyDictionary<string, double> _values;

    internal EstimatorArguments(IReadOnlyDictionary<string, double> values) => _values = values;

    /// <summary>A real-valued parameter.</summary>
    public double Real(string name) => _values[name];

    /// <summary>An integer parameter that fits an <see cref="int"/>.</summary>
    public int Integer(string name) => checked((int)_values[name]);

    /// <summary>An integer parameter.</summary>
    public long Long(string name) => (long)_values[name];
}

/// <summary>
/// One entry of the <see cref="EstimatorCatalog"/>: the name used in spec strings, the parameters with defaults, where the
/// estimator comes from, and how to build it.
/// </summary>
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
    public IGradientEstimator Build(EstimatorSpec spec)
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
        return Create(new EstimatorArguments(values));
    }

    /// <summary>The parameters as they appear in a listing: <c>k=100, tau=1</c>.</summary>
    public string ParameterSummary => string.Join(", ", Parameters.Select(p => $"{p.Name}={p.DefaultText}"));
}
