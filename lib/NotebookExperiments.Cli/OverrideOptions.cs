using System.Collections;
using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;

namespace NotebookExperiments.Cli;

/// <summary>
/// The command-line options of an analysis's overrides record (<see cref="BetaSweepOverrides"/> and its siblings), made from the
/// record itself: one option per <see cref="OverrideAttribute"/> property, named in kebab case (<c>TrainSize</c>:
/// <c>--train-size</c>), typed as the property (lists comma-separated with the invariant culture, or repeated), described by
/// the attribute. Reading them gives the same record a notebook builds, so both apply a preset's overrides one way.
/// </summary>
internal sealed partial class OverrideOptions
{
    private readonly List<(PropertyInfo Property, OverrideAttribute Attribute, Option Option)> _options = [];
    private readonly Type _type;

    /// <param name="overridesType">The overrides record (<see cref="IAnalysis.OverridesType"/>), with a parameterless constructor.</param>
    public OverrideOptions(Type overridesType)
    {
        _type = overridesType;
        foreach (var property in overridesType.GetProperties())
        {
            if (property.GetCustomAttribute<OverrideAttribute>() is not { } attribute) continue;
            var name = attribute.Option ?? "--" + KebabCase(property.Name);
            Option option = IsList(property.PropertyType, out _) && attribute.Repeated
                ? new Option<string[]>(name) { AllowMultipleArgumentsPerToken = true, Description = attribute.Description + " (repeatable)" }
                : IsList(property.PropertyType, out _)
                    ? new Option<string?>(name) { Description = attribute.Description + " (comma-separated)" }
                    : new Option<int?>(name) { Description = attribute.Description + " (0: the preset's)" };
            if (attribute.Alias is { } alias) option.Aliases.Add(alias);
            _options.Add((property, attribute, option));
        }
    }

    /// <summary>The options, in the record's order.</summary>
    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>For error messages: the option behind each name the analysis's validation reports.</summary>
    public IReadOnlyDictionary<string, string> ValidatedNames =>
        _options.Where(o => o.Attribute.ValidatedAs is not null).ToDictionary(o => o.Attribute.ValidatedAs!, o => o.Option.Name, StringComparer.Ordinal);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in Options) command.Options.Add(option);
    }

    /// <summary>The record of the values given; those not given stay null (the preset's).</summary>
    /// <exception cref="ArgumentException">A list value does not parse; the message names the option.</exception>
    public object Read(ParseResult result)
    {
        var overrides = Activator.CreateInstance(_type)!;
        foreach (var (property, _, option) in _options)
        {
            object? value = option switch
            {
                Option<string[]> repeated => result.GetValue(repeated) is { Length: > 0 } texts ? texts.ToList() : null,
                Option<string?> list => ParseList(result.GetValue(list), property.PropertyType, option.Name),
                Option<int?> count => result.GetValue(count),
                _ => null,
            };
            if (value is not null) property.SetValue(overrides, value);
        }
        return overrides;
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
        throw new NotSupportedException($"Overrides of type {type.Name} have no command-line form.");
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
