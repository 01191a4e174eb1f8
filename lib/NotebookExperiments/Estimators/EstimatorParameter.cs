using System.Globalization;

namespace NotebookExperiments.Estimators;

/// <summary>The kind of value an estimator parameter accepts.</summary>
public enum ParameterKind
{
    /// <summary>Any finite real number.</summary>
    Real,
    /// <summary>A finite real number &gt; 0 (temperatures, gaps).</summary>
    Positive,
    /// <summary>An integer ≥ <see cref="EstimatorParameter.Minimum"/> (sample counts).</summary>
    Integer,
    /// <summary>One of the names in <see cref="EstimatorParameter.Choices"/> (a variant of the estimator), case-insensitive.</summary>
    Choice,
}

/// <summary>One parameter of an estimator in the catalogue: its name in spec strings, kind, default and meaning.</summary>
/// <param name="Name">The key in spec strings, e.g. <c>tau</c>.</param>
/// <param name="Kind">What values it accepts.</param>
/// <param name="Default">The value used when the spec omits it (for a <see cref="ParameterKind.Choice"/>, the index of the default
/// name in <see cref="Choices"/>).</param>
/// <param name="Description">What it means, for listings.</param>
/// <param name="Minimum">The least accepted value of an <see cref="ParameterKind.Integer"/> parameter.</param>
public sealed record EstimatorParameter(string Name, ParameterKind Kind, double Default, string Description, long Minimum = 1)
{
    /// <summary>A temperature parameter τ &gt; 0.</summary>
    public static EstimatorParameter Temperature(string name = "tau", double @default = 1.0, string description = "temperature") =>
        new(name, ParameterKind.Positive, @default, description);

    /// <summary>A choice among named variants; the first name is the default.</summary>
    /// <param name="name">The key in spec strings, e.g. <c>cv</c>.</param>
    /// <param name="choices">The accepted names, lower case, the default first.</param>
    /// <param name="description">What it means, for listings.</param>
    public static EstimatorParameter Choice(string name, IReadOnlyList<string> choices, string description)
    {
        if (choices.Count == 0) throw new ArgumentException("A choice needs at least one name.", nameof(choices));
        return new(name, ParameterKind.Choice, 0, description) { Choices = choices };
    }

    /// <summary>The accepted names of a <see cref="ParameterKind.Choice"/> parameter (empty for the numeric kinds).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>What the parameter accepts, for error messages: <c>tau &gt; 0</c>, <c>k ≥ 1 (integer)</c>, <c>beta (finite)</c>.</summary>
    public string Accepted => Kind switch
    {
        ParameterKind.Positive => $"{Name} > 0",
        ParameterKind.Integer => $"{Name} ≥ {Minimum} (integer)",
        ParameterKind.Choice => $"{Name} = {string.Join("|", Choices)}",
        _ => $"{Name} (finite)",
    };

    /// <summary>The default, formatted as in spec strings.</summary>
    public string DefaultText => Kind == ParameterKind.Choice ? Choices[(int)Default] : Default.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Parses and validates a spec-string value; a <see cref="ParameterKind.Choice"/> gives the index of the name.</summary>
    /// <exception cref="EstimatorSpecException">Not a number, non-finite, out of range, not an integer where one is required, or
    /// not one of the names of a choice.</exception>
    public double Parse(string estimator, string text)
    {
        if (Kind == ParameterKind.Choice)
        {
            int index = Choices.ToList().FindIndex(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index : throw new EstimatorSpecException($"{estimator}: '{text}' is not a choice for '{Name}'. Accepted: {Accepted}.");
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new EstimatorSpecException($"{estimator}: '{text}' is not a number for '{Name}'. Accepted: {Accepted}.");
        var problem = Kind switch
        {
            ParameterKind.Positive => PositiveProblem(Name, value),
            ParameterKind.Integer => IntegerProblem(Name, value) ?? AtLeastProblem(Name, value, Minimum),
            _ => FiniteProblem(Name, value),
        };
        return problem is null ? value : throw new EstimatorSpecException($"{estimator}: {problem}");
    }

    /// <summary>Returns <paramref name="value"/> when it is finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinite.</exception>
    public static double RequireFinite(string name, double value) => Throw(name, value, FiniteProblem(name, value));

    /// <summary>Returns <paramref name="value"/> when it is finite and &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite, or ≤ 0.</exception>
    public static double RequirePositive(string name, double value) => Throw(name, value, PositiveProblem(name, value));

    /// <summary>Returns <paramref name="value"/> when it is at least <paramref name="minimum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below the minimum.</exception>
    public static int RequireAtLeast(string name, int value, int minimum) => (int)Throw(name, value, AtLeastProblem(name, value, minimum));

    /// <inheritdoc cref="RequireAtLeast(string, int, int)"/>
    public static long RequireAtLeast(string name, long value, long minimum) => (long)Throw(name, value, AtLeastProblem(name, value, minimum));

    private static double Throw(string name, double value, string? problem) =>
        problem is null ? value : throw new ArgumentOutOfRangeException(name, value, problem);

    private static string? FiniteProblem(string name, double value) =>
        double.IsFinite(value) ? null : $"{name} must be a finite number, not {Invariant(value)}.";

    private static string? PositiveProblem(string name, double value) =>
        FiniteProblem(name, value) ?? (value > 0 ? null : $"{name} must be > 0, not {Invariant(value)}.");

    private static string? AtLeastProblem(string name, double value, double minimum) =>
        value >= minimum ? null : $"{name} must be ≥ {Invariant(minimum)}, not {Invariant(value)}.";

    private static string? IntegerProblem(string name, double value) =>
        double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 1e15 ? null : $"{name} must be an integer, not {Invariant(value)}.";

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
