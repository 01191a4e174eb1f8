using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Cli;

/// <summary>
/// The command-line options of an analysis's knobs (<see cref="Override.Knobs"/>), made from its parameters record itself: one
/// option per <see cref="OverrideAttribute"/> property, named in kebab case (<c>TrainSize</c>: <c>--train-size</c>) with the
/// attribute's aliases, typed as the property (lists comma-separated with the invariant culture, or repeated), described by the
/// attribute. Reading them gives the values a notebook passes by the same names, so both apply a preset's overrides one way.
/// </summary>
internal sealed partial class OverrideOptions
{
    private readonly List<(Knob Knob, Option Option)> _options = [];

    /// <param name="parametersType">The parameters record (<see cref="IAnalysis.ParametersType"/>).</param>
    public OverrideOptions(Type parametersType)
    {
        foreach (var knob in Override.Knobs(parametersType))
        {
            var (name, attribute) = ("--" + KebabCase(knob.Name), knob.Attribute);
            bool list = IsList(knob.Property.PropertyType, out _);
            Option option = list && attribute.Repeated
                ? new Option<string[]>(name) { AllowMultipleArgumentsPerToken = true, Description = attribute.Description + " (repeatable)" }
                : list
                    ? new Option<string?>(name) { Description = attribute.Description + " (comma-separated)" }
                    : new Option<int?>(name) { Description = attribute.Description + " (0: the preset's)" };
            foreach (var alias in attribute.Aliases) option.Aliases.Add(alias);
            _options.Add((knob, option));
        }
    }

    /// <summary>The options, in the record's order.</summary>
    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>For error messages: the option behind each name the analysis's validation reports (the property's, or the attribute's).</summary>
    public IReadOnlyDictionary<string, string> ValidatedNames =>
        _options.SelectMany(o => new[] { (o.Knob.Name, o.Option.Name), (o.Knob.Property.Name, o.Option.Name), (o.Knob.Attribute.ValidatedAs, o.Option.Name) })
            .Where(p => p.Item1 is not null).DistinctBy(p => p.Item1).ToDictionary(p => p.Item1!, p => p.Item2, StringComparer.Ordinal);

    /// <summary>The values given, by knob name; those not given are left out (the preset's).</summary>
    /// <exception cref="ArgumentException">A list value does not parse; the message names the option.</exception>
    public IReadOnlyList<KeyValuePair<string, object?>> Read(ParseResult result)
    {
        var given = new List<KeyValuePair<string, object?>>();
        foreach (var (knob, option) in _options)
        {
            object? value = option switch
            {
                Option<string[]> repeated => result.GetValue(repeated) is { Length: > 0 } texts ? texts.ToList() : null,
                Option<string?> list => ParseList(result.GetValue(list), knob.Property.PropertyType, option.Name),
                Option<int?> count => result.GetValue(count),
                _ => null,
            };
            if (value is not null) given.Add(KeyValuePair.Create<string, object?>(knob.Name, value));
        }
        return given;
    }

    private static object? ParseList(string? text, Type listType, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        IsList(listType, out var element);
        var values = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element!))!;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                values.Add(ParseValue(part, element!));
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                var kind = element == typeof(double) ? "a number" : "a whole number";
                throw new ArgumentException($"{option}: '{part}' is not {kind}; give a comma-separated list, e.g. {(element == typeof(double) ? "0.5,1" : "0,1")}.");
            }
        }
        return values;
    }

    private static object ParseValue(string text, Type type)
    {
        if (type == typeof(string)) return text;
        if (type == typeof(double)) return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (type == typeof(int)) return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (type == typeof(long)) return long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        throw new NotSupportedException($"Knobs of type {type.Name} have no command-line form.");
    }

    private static bool IsList(Type type, out Type? element)
    {
        element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        return element is not null;
    }

    private static string KebabCase(string name) => UpperCase().Replace(name, m => (m.Index > 0 ? "-" : "") + m.Value.ToLowerInvariant());

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperCase();
}
