using System.Text.RegularExpressions;

namespace NotebookExperiments.Notebooks.Packages;

/// <summary>A <c>#r "nuget: Name, Version"</c> directive of a notebook cell; <see cref="Version"/> is null when unpinned.</summary>
/// <param name="PackageName">The package id.</param>
/// <param name="Version">The version written after the comma, or null when there is none.</param>
internal sealed partial record NuGetReference(string PackageName, string? Version)
{
    /// <summary>Parses one line; null when it is not a <c>#r "nuget: …"</c> directive (surrounding whitespace and a trailing <c>//</c> comment allowed).</summary>
    public static NuGetReference? TryParse(string line)
    {
        var match = Directive().Match(line);
        if (!match.Success) return null;
        var version = match.Groups["version"].Success ? match.Groups["version"].Value.Trim() : null;
        return new NuGetReference(match.Groups["name"].Value, string.IsNullOrEmpty(version) ? null : version);
    }

    /// <summary>Whether a line starts a <c>#r "nuget:</c> directive, well-formed or not.</summary>
    public static bool LooksLikeNuGetDirective(string line) => NuGetPrefix().IsMatch(line);

    /// <inheritdoc />
    public override string ToString() => Version is null ? $"#r \"nuget: {PackageName}\"" : $"#r \"nuget: {PackageName}, {Version}\"";

    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*(?<name>[A-Za-z0-9_.\-]+)\s*(,\s*(?<version>[^""]*))?""\s*(//.*)?$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"^\s*#r\s+""\s*nuget:", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetPrefix();
}
