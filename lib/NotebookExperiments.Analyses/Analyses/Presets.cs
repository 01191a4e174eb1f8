namespace NotebookExperiments.Analyses;

/// <summary>
/// The presets every analysis has: <c>quick</c> (minutes on a laptop, the main job), <c>paper</c> (the published protocol) and
/// <c>smoke</c> (seconds: every step of the analysis on a tiny budget, to check that it runs on a machine; its numbers mean nothing).
/// </summary>
public static class Presets
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["quick", "paper", "smoke"];

    /// <summary>The preset named <paramref name="preset"/> (case and surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static T Choose<T>(string preset, Func<T> quick, Func<T> paper, Func<T> smoke) => preset.Trim().ToLowerInvariant() switch
    {
        "quick" => quick(),
        "paper" => paper(),
        "smoke" => smoke(),
        _ => throw new ArgumentException($"Unknown preset '{preset}'. Accepted: {string.Join(", ", Names)}."),
    };

    /// <summary>
    /// How a title names the parameters actually run: <c>the paper's protocol</c> when they are the published protocol (even if
    /// reached from the quick preset by overrides); otherwise the preset they started from, with <c>not the paper's protocol</c>.
    /// </summary>
    public static string Label(string preset, bool? isPaperProtocol) =>
        isPaperProtocol == true ? "the paper's protocol"
        : preset == "paper" ? "paper preset with changes — not the paper's protocol"
        : preset == "quick" ? "quick preset — not the paper's protocol"
        : preset == "smoke" ? "smoke preset (checks that the analysis runs; its numbers mean nothing) — not the paper's protocol"
        : "custom parameters — not the paper's protocol";
}
