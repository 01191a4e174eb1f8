using NotebookExperiments.Data;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NotebookExperiments.Notebooks.Packages;

/// <summary>
/// The package versions of a <c>Directory.Packages.props</c> (central package management): every
/// <c>&lt;PackageVersion Include="Name" Version="…" /&gt;</c>, with <c>$(Property)</c> references in versions resolved
/// from the file's own <c>PropertyGroup</c>s (TorchSharp is pinned as <c>$(TorchSharpVersion)</c>).
/// </summary>
/// <remarks>
/// MSBuild conditions are not evaluated: the file is expected to pin one version per package, as this repository's does.
/// Package names compare case-insensitively, as NuGet's do.
/// </remarks>
/// <param name="sourcePath">The file the versions were read from.</param>
/// <param name="versions">Package name (compared case-insensitively) to resolved version.</param>
internal sealed partial class CentralPackageVersions(string sourcePath, Dictionary<string, string> versions)
{
    /// <summary>The file name of central package management.</summary>
    public const string FileName = "Directory.Packages.props";

    /// <summary>The file the versions were read from.</summary>
    public string SourcePath { get; } = sourcePath;

    /// <summary>Package name to resolved version.</summary>
    public IReadOnlyDictionary<string, string> Versions => versions;

    /// <summary>The pinned version of a package, or null when the file does not pin it.</summary>
    public string? VersionOf(string packageName) => versions.GetValueOrDefault(packageName);

    /// <summary>Reads <c>Directory.Packages.props</c> at the root of the repository that contains <paramref name="startDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">No repository root or no props file.</exception>
    public static CentralPackageVersions ForRepositoryOf(params string[] startDirectory) =>
        Load(Path.Combine(
            startDirectory.Select(RepositoryRoot.FindFrom).FirstOrDefault(r => r is not null)
            ?? throw new FileNotFoundException(
                $"No {RepositoryRoot.MarkerFileName} found above {string.Join(" or ", startDirectory)}: cannot locate the repository's {FileName}."),
            FileName));

    /// <summary>Reads a <c>Directory.Packages.props</c> file.</summary>
    /// <exception cref="InvalidDataException">A version refers to a property the file does not define, or a package has no version.</exception>
    public static CentralPackageVersions Load(string path)
    {
        var document = XDocument.Load(path);
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in document.Descendants().Where(e => e.Name.LocalName == "PropertyGroup"))
        {
            foreach (var property in group.Elements()) properties[property.Name.LocalName] = property.Value.Trim();
        }
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in document.Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
        {
            var name = (string?)item.Attribute("Include") ?? (string?)item.Attribute("Update");
            if (string.IsNullOrWhiteSpace(name)) continue;
            var raw = (string?)item.Attribute("Version") ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == "Version")?.Value
                ?? throw new InvalidDataException($"{path}: PackageVersion {name} has no Version.");
            versions[name.Trim()] = Resolve(raw.Trim(), properties, path, name, depth: 0);
        }
        return new CentralPackageVersions(path, versions);
    }

    /// <summary>Builds versions from a dictionary (for tests and generated notebooks).</summary>
    public static CentralPackageVersions FromVersions(IReadOnlyDictionary<string, string> versions, string sourcePath = "(in memory)") =>
        new(sourcePath, new Dictionary<string, string>(versions, StringComparer.OrdinalIgnoreCase));

    private static string Resolve(string value, Dictionary<string, string> properties, string path, string package, int depth)
    {
        if (depth > 10) throw new InvalidDataException($"{path}: the version of {package} refers to properties in a cycle.");
        return PropertyReference().Replace(value, m =>
        {
            var name = m.Groups["name"].Value;
            if (!properties.TryGetValue(name, out var property))
                throw new InvalidDataException($"{path}: the version of {package} refers to $({name}), which no PropertyGroup defines.");
            return Resolve(property, properties, path, package, depth + 1);
        });
    }

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex PropertyReference();
}
