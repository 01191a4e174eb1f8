using Microsoft.DotNet.Interactive.Documents;

namespace NotebookExperiments.Notebooks.Packages;

/// <summary>
/// Checks the <c>#r "nuget: Name, Version"</c> lines of notebooks against <c>Directory.Packages.props</c>: every
/// reference must carry a version, and that version must be the pinned one, so that the kernel loads what the build
/// and the tests use. Kernel-only packages (<see cref="KernelOnlyPackage.Defaults"/>) are allowed without a pin, and a
/// GPU backend package (<c>TorchSharp-cuda-linux</c>, <c>TorchSharp-cuda-windows</c>) may stand in for
/// <c>TorchSharp-cpu</c> at the same version.
/// </summary>
/// <param name="versions">The pinned versions checked against.</param>
internal sealed class PackagePins(CentralPackageVersions versions)
{
    /// <summary>GPU backend packages and the CPU package whose pinned version they must share.</summary>
    private static readonly Dictionary<string, string> BackendAlternatives = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TorchSharp-cuda-linux"] = "TorchSharp-cpu",
        ["TorchSharp-cuda-windows"] = "TorchSharp-cpu",
    };

    /// <summary>The pinned versions checked against.</summary>
    public CentralPackageVersions Versions { get; } = versions;

    /// <summary>Null when a reference is acceptable; otherwise what is wrong with it.</summary>
    public string? Check(NuGetReference reference)
    {
        var pinned = Versions.VersionOf(reference.PackageName);
        if (pinned is null && BackendAlternatives.TryGetValue(reference.PackageName, out var cpuPackage))
            pinned = Versions.VersionOf(cpuPackage);
        if (pinned is not null)
        {
            if (reference.Version is null)
                return $"unpinned reference: write `#r \"nuget: {reference.PackageName}, {pinned}\"` ({Path.GetFileName(Versions.SourcePath)} pins {pinned}).";
            return reference.Version == pinned
                ? null
                : $"version {reference.Version} does not match {pinned}, the version {Path.GetFileName(Versions.SourcePath)} pins for {reference.PackageName}.";
        }
        var allowed = KernelOnlyPackage.Defaults.FirstOrDefault(k => k.Matches(reference.PackageName));
        if (allowed is null)
            return $"{reference.PackageName} is not pinned in {Path.GetFileName(Versions.SourcePath)} and is not a kernel-only package; add a PackageVersion for it.";
        if (reference.Version is null)
            return $"unpinned reference to the kernel-only package {reference.PackageName}: add its version{(allowed.Version is null ? "" : $" ({allowed.Version})")}.";
        if (allowed.Version is not null && reference.Version != allowed.Version)
            return $"version {reference.Version} of the kernel-only package {reference.PackageName} does not match the allowed {allowed.Version} ({allowed.Reason}).";
        return null;
    }

    /// <summary>Every problem of a notebook's <c>#r "nuget: …"</c> lines, in cell order (empty when all are pinned right).</summary>
    public IReadOnlyList<PinProblem> Check(InteractiveDocument notebook)
    {
        var problems = new List<PinProblem>();
        for (int c = 0; c < notebook.Elements.Count; c++)
        {
            var cell = notebook.Elements[c];
            if (cell.IsMarkdown) continue;
            var lines = cell.Contents.Split('\n');
            for (int l = 0; l < lines.Length; l++)
            {
                var line = lines[l].TrimEnd('\r');
                if (!NuGetReference.LooksLikeNuGetDirective(line)) continue;
                var reference = NuGetReference.TryParse(line);
                var message = reference is null
                    ? "not a well-formed `#r \"nuget: Name, Version\"` directive."
                    : Check(reference);
                if (message is not null) problems.Add(new PinProblem(c + 1, l + 1, line, message));
            }
        }
        return problems;
    }
}
