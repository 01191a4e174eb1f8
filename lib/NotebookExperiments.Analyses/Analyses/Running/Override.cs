namespace NotebookExperiments.Analyses;

/// <summary>
/// The one rule of every override: a value that is not given (null), an empty list or a zero count means "the preset's".
/// Any other value replaces the preset's as it is, and the analysis's validation then accepts or rejects it with a message that
/// names it (a negative count is an error, not a request for the preset).
/// </summary>
public static class Override
{
    /// <summary><paramref name="value"/> unless it is null or empty, else <paramref name="preset"/>.</summary>
    public static IReadOnlyList<T> Or<T>(IReadOnlyList<T>? value, IReadOnlyList<T> preset) => value is { Count: > 0 } ? value : preset;

    /// <summary><paramref name="value"/> unless it is null or 0, else <paramref name="preset"/>.</summary>
    public static int Or(int? value, int preset) => value is null or 0 ? preset : value.Value;

    /// <summary><paramref name="value"/> unless it is null or 0, else <paramref name="preset"/> (which may itself be null: "all").</summary>
    public static int? Or(int? value, int? preset) => value is null or 0 ? preset : value;

    /// <summary>Whether <paramref name="value"/> overrides anything under this rule.</summary>
    public static bool IsGiven(object? value) => value switch
    {
        null => false,
        int n => n != 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };
}
