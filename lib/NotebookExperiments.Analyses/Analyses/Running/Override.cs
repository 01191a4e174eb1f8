using System.Collections;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace NotebookExperiments.Analyses;

/// <summary>
/// How a user changes a preset, from a notebook's parameters cell or the command line alike: by the names of the parameters
/// record's properties marked <see cref="OverrideAttribute"/> (the knobs). One rule for "not given": a value that is null, an
/// empty list or a zero count means "the preset's"; any other value replaces the preset's as it is, and the analysis's validation
/// then accepts or rejects it with a message that names it (a negative count is an error, not a request for the preset).
/// </summary>
public static class Override
{
    /// <summary>Whether <paramref name="value"/> overrides anything under this rule.</summary>
    public static bool IsGiven(object? value) => value switch
    {
        null => false,
        int n => n != 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>The knobs of <paramref name="parameters"/>, the properties marked <see cref="OverrideAttribute"/>, in declaration order.</summary>
    public static IReadOnlyList<Knob> Knobs(Type parameters) =>
        parameters.GetProperties().Where(p => p.GetCustomAttribute<OverrideAttribute>() is not null).OrderBy(p => p.MetadataToken)
            .Select(p => new Knob(p, p.GetCustomAttribute<OverrideAttribute>()!)).ToList();

    /// <summary>
    /// A copy of <paramref name="parameters"/> with the values given (by knob name, case ignored) in place of its own, applied in the
    /// knobs' declaration order; values not given (<see cref="IsGiven"/>) leave the preset's.
    /// </summary>
    /// <exception cref="ArgumentException">A name that is no knob of the parameters (the message lists them), or a value of the wrong type.</exception>
    public static TParameters Apply<TParameters>(TParameters parameters, IEnumerable<KeyValuePair<string, object?>> values)
        where TParameters : class, IAnalysisParameters<TParameters>
    {
        var knobs = Knobs(typeof(TParameters));
        var given = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            if (!knobs.Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw new ArgumentException($"{typeof(TParameters).Name} has no parameter '{name}'; accepted: {string.Join(", ", knobs.Select(k => CamelCase(k.Name)))}.", name);
            given[name] = value;
        }
        var copy = parameters.WithPreset(parameters.Preset);
        foreach (var knob in knobs)
        {
            if (!given.TryGetValue(knob.Name, out var value) || !IsGiven(value)) continue;
            try
            {
                knob.Property.SetValue(copy, Convert(value!, knob));
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException refused)
            {
                ExceptionDispatchInfo.Throw(refused);
            }
        }
        return copy;
    }

    /// <summary>
    /// A copy of <paramref name="parameters"/> with the values of <paramref name="values"/>'s properties (an anonymous object, e.g.
    /// <c>new { epochs, trainSize }</c> from a notebook's parameters cell) in place of its own, under the rule of <see cref="Apply{TParameters}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A property that is no knob of the parameters, or a value of the wrong type.</exception>
    public static TParameters With<TParameters>(this TParameters parameters, object values)
        where TParameters : class, IAnalysisParameters<TParameters> =>
        Apply(parameters, values.GetType().GetProperties().Select(p => KeyValuePair.Create(p.Name, p.GetValue(values))));

    /// <summary>The notebook's name of a knob: its property name in camel case (<c>TrainSize</c>: <c>trainSize</c>).</summary>
    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static object? Convert(object value, Knob knob)
    {
        var type = Nullable.GetUnderlyingType(knob.Property.PropertyType) ?? knob.Property.PropertyType;
        if (type.IsInstanceOfType(value)) return value;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && value is IEnumerable items)
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            foreach (var item in items) list.Add(System.Convert.ChangeType(item, element, System.Globalization.CultureInfo.InvariantCulture));
            return list;
        }
        try
        {
            return System.Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new ArgumentException($"{CamelCase(knob.Name)} takes {type.Name}, not {value.GetType().Name}.", knob.Name, e);
        }
    }
}

/// <summary>One knob of a parameters record: the property and its attribute.</summary>
/// <param name="Property">The property it sets.</param>
/// <param name="Attribute">Its description and command-line form.</param>
public sealed record Knob(PropertyInfo Property, OverrideAttribute Attribute)
{
    /// <summary>The knob's name (<see cref="OverrideAttribute.Name"/>, else the property's): the notebook variable in camel case, the option in kebab case.</summary>
    public string Name => Attribute.Name ?? Property.Name;
}
