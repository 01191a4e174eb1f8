using System.CommandLine;
using System.Globalization;

namespace NotebookExperiments.Cli;

/// <summary>Comma-separated list options (<c>--betas 0,0.5,1</c>), parsed with the invariant culture.</summary>
internal static class ListOption
{
    public static Option<string?> Create(string name, string description) => new(name) { Description = description + " (comma-separated)" };

    /// <summary>The values, or null when the option was not given.</summary>
    /// <exception cref="ArgumentException">A value does not parse.</exception>
    public static IReadOnlyList<T>? Parse<T>(string? text, string option, Func<string, T> parse)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{option}: '{text}' is not a comma-separated list of the expected values.");
        }
    }

    public static IReadOnlyList<double>? Doubles(string? text, string option) =>
        Parse(text, option, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    public static IReadOnlyList<int>? Ints(string? text, string option) =>
        Parse(text, option, s => int.Parse(s, CultureInfo.InvariantCulture));

    public static IReadOnlyList<long>? Longs(string? text, string option) =>
        Parse(text, option, s => long.Parse(s, CultureInfo.InvariantCulture));
}
