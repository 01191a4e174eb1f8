namespace NotebookExperiments.Notebooks.Packages;

/// <summary>
/// A package a notebook may reference although the build does not pin it, because only the notebook kernel uses it
/// (our package feed cannot restore it). <see cref="NamePattern"/> is an exact name or a prefix ending in <c>*</c>.
/// </summary>
/// <param name="NamePattern">The package id, or a prefix followed by <c>*</c>.</param>
/// <param name="Version">The one version allowed, or null to allow any explicit version.</param>
/// <param name="Reason">Why the package is allowed, for documentation.</param>
internal sealed record KernelOnlyPackage(string NamePattern, string? Version, string Reason)
{
    /// <summary>Plotly.NET's kernel formatter (inline charts) and the .NET Interactive kernel packages.</summary>
    public static IReadOnlyList<KernelOnlyPackage> Defaults { get; } =
    [
        new("Plotly.NET.Interactive", "6.0.0", "inline charts in Polyglot Notebooks; must match Plotly.NET 6.0.0"),
        new("Microsoft.DotNet.Interactive*", null, "the notebook kernel's own packages"),
    ];

    /// <summary>Whether a package id matches <see cref="NamePattern"/> (case-insensitively).</summary>
    public bool Matches(string packageName) => NamePattern.EndsWith('*')
        ? packageName.StartsWith(NamePattern[..^1], StringComparison.OrdinalIgnoreCase)
        : packageName.Equals(NamePattern, StringComparison.OrdinalIgnoreCase);
}
