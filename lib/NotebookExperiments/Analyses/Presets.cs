namespace NotebookExperiments.Analyses;

/// <summary>The two presets every analysis has: <c>quick</c> (minutes on a laptop) and <c>paper</c> (the published protocol).</summary>
public static class Presets
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["quick", "paper"];

    /// <summary>The preset named <paramref name="preset"/> (case and surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">Neither <c>quick</c> nor <c>paper</c>.</exception>
    public static T Choose<T>(string preset, Func<T> quick, Func<T> paper) => preset.Trim().ToLowerInvariant() switch
    {
        "quick" => quick(),
        "paper" => paper(),
        _ => throw new ArgumentException($"Unknown preset '{preset}'. Accepted: {string.Join(", ", Names)}."),
    };
}
