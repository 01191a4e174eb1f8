namespace NotebookExperiments.Estimators;

/// <summary>
/// The estimators that spec strings can name: the built-ins of the three papers and their baselines, and any that a user
/// registers (from a notebook cell, say). The one place where spec strings are turned into estimators.
/// </summary>
public sealed class EstimatorCatalog
{
    private readonly object _gate = new();
    private readonly List<EstimatorDefinition> _definitions = [];
    private readonly HashSet<string> _builtIn = [];

    /// <summary>The catalogue used by the command line, the analyses and the notebooks.</summary>
    public static EstimatorCatalog Default { get; } = CreateBuiltIn();

    /// <summary>Every definition, built-ins first, in registration order.</summary>
    public IReadOnlyList<EstimatorDefinition> Definitions
    {
        get { lock (_gate) return _definitions.ToList(); }
    }

    /// <summary>The definition with this name.</summary>
    /// <exception cref="EstimatorSpecException">No such estimator; the message lists every name.</exception>
    public EstimatorDefinition Find(string name)
    {
        lock (_gate)
        {
            return _definitions.FirstOrDefault(d => d.Name == name.ToLowerInvariant())
                ?? throw new EstimatorSpecException(
                    $"Unknown estimator '{name}'. Accepted: {string.Join(", ", _definitions.Select(d => d.Name))}.");
        }
    }

    /// <summary>Parses and builds a spec string, e.g. <c>reinmax-cv:eta=0.7,tau2=0.1,k=100</c>.</summary>
    /// <exception cref="EstimatorSpecException">Malformed, unknown name or key, or a value out of range.</exception>
    public IGradientEstimator Create(string spec) => Create(EstimatorSpec.Parse(spec));

    /// <summary>Builds a parsed spec.</summary>
    /// <exception cref="EstimatorSpecException">Unknown name or key, or a value out of range.</exception>
    public IGradientEstimator Create(EstimatorSpec spec) => Find(spec.Name).Build(spec);

    /// <summary>
    /// The title of a spec in tables and figures: the catalogue title, or the title of that parameterisation where the entry
    /// has one (<c>gr-mc:k=100</c> → <c>GR-MC100</c>, <c>gst:gap=1</c> → <c>GST-1.0</c>).
    /// </summary>
    /// <exception cref="EstimatorSpecException">Malformed, unknown name or key, or a value out of range.</exception>
    public string TitleOf(string spec)
    {
        var parsed = EstimatorSpec.Parse(spec);
        return Find(parsed.Name).TitleOf(parsed);
    }

    /// <summary>
    /// The spec with its temperature parameter (<see cref="EstimatorDefinition.TemperatureParameter"/>: <c>tau</c>, or <c>tau2</c> for
    /// ReinMax-CV) set to <paramref name="temperature"/>, e.g. <c>gr-mc:k=10</c> at 0.5 → <c>gr-mc:k=10,tau=0.5</c>.
    /// </summary>
    /// <exception cref="EstimatorSpecException">The spec is invalid or its estimator has no temperature.</exception>
    public string WithTemperature(string spec, double temperature)
    {
        var parsed = EstimatorSpec.Parse(spec);
        var definition = Find(parsed.Name);
        var key = definition.TemperatureParameter
            ?? throw new EstimatorSpecException($"{definition.Name} is temperature-free; it has no temperature to set.");
        var arguments = parsed.Arguments.Where(a => a.Key != key)
            .Append(new(key, temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return Create(parsed with { Arguments = arguments }).Spec;
    }

    /// <summary>
    /// What a stored result computed with <paramref name="spec"/> depends on: the canonical spec (<c>st:tau=1.0</c> and <c>st</c> are
    /// one), followed for an estimator a user registered by <c>@</c> and the hash of its code (<see cref="EstimatorDefinition.CodeIdentity"/>),
    /// so that editing a rule in a notebook and keeping its name never serves the old rule's results.
    /// </summary>
    /// <exception cref="EstimatorSpecException">An invalid spec.</exception>
    public string IdentityOf(string spec)
    {
        var parsed = EstimatorSpec.Parse(spec);
        var definition = Find(parsed.Name);
        var canonical = definition.Build(parsed).Spec;
        return definition.CodeIdentity is { } code ? $"{canonical}@{code}" : canonical;
    }

    /// <summary>
    /// Adds a definition, or replaces an earlier user definition of the same name (so that re-running a notebook cell
    /// works). Built-ins cannot be replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The name is a built-in's.</exception>
    public EstimatorDefinition Register(EstimatorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        EstimatorSpec.RequireName(definition.Name);
        lock (_gate)
        {
            if (_builtIn.Contains(definition.Name))
                throw new ArgumentException($"'{definition.Name}' is a built-in estimator; register the variant under another name.", nameof(definition));
            if (definition.CodeIdentity is null)
                definition = definition with
                {
                    CodeIdentity = Estimators.CodeIdentity.Of(definition.Build(new EstimatorSpec(definition.Name, []))) ?? Estimators.CodeIdentity.Of(definition.Create),
                };
            int index = _definitions.FindIndex(d => d.Name == definition.Name);
            if (index >= 0) _definitions[index] = definition;
            else _definitions.Add(definition);
        }
        return definition;
    }

    /// <summary>Registers a backward-rule estimator; its spec accepts <c>tau</c> (default: the estimator's τ).</summary>
    /// <param name="estimator">The estimator.</param>
    /// <param name="title">Its title in tables and figures; default: its name.</param>
    /// <param name="colour">Its colour in figures as <c>#RRGGBB</c>; default: a stable colour chosen from the title.</param>
    public EstimatorDefinition Register(BackwardRuleEstimator estimator, string? title = null, string? colour = null) =>
        RegisterTempered(estimator.Name, title, colour, "user-defined backward rule", estimator.Tau, estimator.WithTau, estimator.CodeIdentity);

    /// <summary>Registers a surrogate estimator; its spec accepts <c>tau</c> (default: the estimator's τ).</summary>
    /// <inheritdoc cref="Register(BackwardRuleEstimator, string?, string?)"/>
    public EstimatorDefinition Register(SurrogateEstimator estimator, string? title = null, string? colour = null) =>
        RegisterTempered(estimator.Name, title, colour, "user-defined surrogate", estimator.Tau, estimator.WithTau, estimator.CodeIdentity);

    private EstimatorDefinition RegisterTempered(string name, string? title, string? colour, string source, double tau,
        Func<double, IGradientEstimator> withTau, string codeIdentity) =>
        Register(new EstimatorDefinition(name, title ?? name, source,
            [EstimatorParameter.Temperature(@default: tau)], a => withTau(a.Real("tau")), "tau")
        {
            Colour = colour,
            CodeIdentity = codeIdentity,
        });

    private const string ReinMaxCvForwardTitle = "ReinMax-CV (authors' forward noise)";
    private const string ReinMaxCvCodeTitle = "ReinMax-CV (authors' code)";

    /// <summary>A new catalogue holding only the built-ins (for isolated use; most code uses <see cref="Default"/>).</summary>
    public static EstimatorCatalog CreateBuiltIn()
    {
        var catalog = new EstimatorCatalog();
        var tau = EstimatorParameter.Temperature();
        var k = new EstimatorParameter("k", ParameterKind.Integer, 100, "conditional Gumbel samples K");

        void Add(EstimatorDefinition d)
        {
            catalog._definitions.Add(d);
            catalog._builtIn.Add(d.Name);
        }

        // Colours: families share a hue. The straight-through family (ST, GS, ST-GS) is blue to teal, GR-MCK orange (figures
        // darken it as K grows), ZGR green, the ReinMax family red to purple.
        Add(new("exact", "Exact", "enumeration of all C^L states",
            [new("max-states", ParameterKind.Integer, ExactEnumeration.DefaultMaxStates, "largest C^L accepted")],
            a => new ExactEnumeration(a.Long("max-states"))) { Colour = "#000000" });
        Add(new("reinforce-loo", "RF(M)", "Kool, van Hoof, Welling 2019 (REINFORCE, leave-one-out baseline)",
            [new("m", ParameterKind.Integer, 4, "samples M", Minimum: 2)],
            a => new ReinforceLeaveOneOut(a.Integer("m")))
        { Colour = "#7F7F7F", ExampleSpecs = ["reinforce-loo:m=3", "reinforce-loo"] });
        Add(new("st", "ST", "Bengio et al. 2013; tempered form of the ReinMax code",
            [tau], a => new StraightThrough(a.Real("tau")), "tau")
        { Colour = "#4C78A8", ExampleSpecs = ["st:tau=0.1", "st", "st:tau=3"] });
        Add(new("gs", "GS", "Jang et al. 2017; Maddison et al. 2017 (soft relaxation)",
            [tau], a => new GumbelSoftmax(a.Real("tau")), "tau")
        { Colour = "#9ECAE9", ExampleSpecs = ["gs:tau=0.3", "gs"] });
        Add(new("st-gs", "ST-GS", "Jang et al. 2017 (straight-through Gumbel-Softmax)",
            [tau], a => new StraightThroughGumbelSoftmax(a.Real("tau")), "tau")
        { Colour = "#2CA6A4", ExampleSpecs = ["st-gs:tau=0.1", "st-gs:tau=3"] });
        Add(new("gr-mc", "GR-MCK", "Paulus, Maddison, Krause, ICLR 2021",
            [k, tau], a => new GumbelRao(a.Real("tau"), a.Integer("k")), "tau")
        {
            Colour = "#F58518",
            InstanceTitle = a => $"GR-MC{a.Integer("k")}",
            ExampleSpecs = ["gr-mc:k=3,tau=0.2", "gr-mc:k=3,tau=2", "gr-mc:k=1"],
        });
        Add(new("zgr", "ZGR", "Shekhovtsov, ICML 2023",
            [], _ => new Zgr()) { Colour = "#54A24B" });
        Add(new("reinmax", "ReinMax", "Liu et al., NeurIPS 2023, Algorithm 2",
            [tau], a => new ReinMax(a.Real("tau")), "tau")
        { Colour = "#E45756", ExampleSpecs = ["reinmax:tau=0.5", "reinmax", "reinmax:tau=1.5"] });
        Add(new("reinmax-rk2", "ReinMax-RK2(β)", "Wang & Bui 2026, Fig. 2 (authors' code)",
            [new("beta", ParameterKind.Real, 0.5, "first-stage weight β"), tau],
            a => new ReinMaxRk2(a.Real("beta"), a.Real("tau")), "tau")
        { Colour = "#C2185B", ExampleSpecs = ["reinmax-rk2:beta=0.2,tau=0.7", "reinmax-rk2", "reinmax-rk2:beta=0.9,tau=1.4"] });
        Add(new("reinmax-rk2-trap", "ReinMax-RK2-trap(β)", "Wang & Bui 2026, trapezoid reading β·ST + (1−β)·DARN",
            [new("beta", ParameterKind.Real, 0.5, "weight β of ST")],
            a => new ReinMaxRk2Trapezoid(a.Real("beta")))
        { Colour = "#F48FB1", ExampleSpecs = ["reinmax-rk2-trap:beta=0.3", "reinmax-rk2-trap:beta=0"] });
        Add(new("reinmax-rao", "ReinMax-Rao", "Wang & Bui 2026, eq. 17",
            [k, tau], a => new ReinMaxRao(a.Real("tau"), a.Integer("k")), "tau")
        { Colour = "#B279A2", ExampleSpecs = ["reinmax-rao:k=3,tau=0.5", "reinmax-rao:k=3"] });
        Add(new("reinmax-cv", "ReinMax-CV", "Wang & Bui 2026, eq. 18 (conditional control variate; cv=forward|code: the authors')",
            [new("eta", ParameterKind.Real, 0.7, "control-variate weight η"),
             EstimatorParameter.Temperature("tau2", 0.1, "control-variate temperature τ₂"), k,
             EstimatorParameter.Choice("cv", ReinMaxCv.ControlVariateNames,
                 "single-draw noise: conditional draw at θ_D, the forward noise G, or the authors' code's softmax((θ+G)/τ₂)")],
            a => new ReinMaxCv(a.Real("eta"), a.Real("tau2"), a.Integer("k"), Enum.Parse<ReinMaxCvControlVariate>(a.Choice("cv"), ignoreCase: true)),
            "tau2")
        {
            Colour = "#5E3C99",
            InstanceTitle = a => a.Choice("cv") switch
            {
                "forward" => ReinMaxCvForwardTitle,
                "code" => ReinMaxCvCodeTitle,
                _ => "ReinMax-CV",
            },
            InstanceColours = new Dictionary<string, string> { [ReinMaxCvForwardTitle] = "#8073AC", [ReinMaxCvCodeTitle] = "#2D004B" },
            ExampleSpecs =
            [
                "reinmax-cv:k=3,tau2=0.1", "reinmax-cv:eta=1.5,tau2=0.5,k=5",
                "reinmax-cv:cv=forward,k=3,tau2=0.1", "reinmax-cv:cv=forward,eta=-0.4,tau2=1.3,k=2",
                "reinmax-cv:cv=code,k=3,tau2=0.1", "reinmax-cv:cv=code,eta=1.5,tau2=0.5,k=5",
            ],
        });
        Add(new("gst", "GST-1.0", "Fan et al., ICML 2022 (gapped straight-through)",
            [new("gap", ParameterKind.Positive, 1.0, "gap γ"), tau],
            a => new GappedStraightThrough(a.Real("gap"), a.Real("tau")), "tau")
        {
            Colour = "#A0A12B",
            InstanceTitle = a => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"GST-{a.Real("gap"):0.0#}"),
            ExampleSpecs = ["gst:tau=0.5", "gst:gap=0.5"],
        });
        return catalog;
    }
}
