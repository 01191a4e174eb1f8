using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Analyses.Running;

/// <summary>
/// An analysis is one folder under <c>Analyses/</c> holding one descriptor, listed in <see cref="AnalysisRegistry"/>: a folder whose
/// descriptor is not registered, a registered analysis without a folder, or a descriptor outside its folder fails here.
/// </summary>
public sealed partial class AnalysisRegistryTests
{
    /// <summary>The folders of shared machinery under <c>Analyses/</c>, which hold no analysis.</summary>
    private static readonly string[] SharedFolders = ["Running", "Shards", "Store"];

    private static string AnalysesFolder => Path.Combine(RepositoryRoot.Find()!, "lib", "NotebookExperiments.Analyses", "Analyses");

    [Fact]
    public void EveryDescriptorIsRegisteredOnceAndEveryRegisteredAnalysisIsADescriptor()
    {
        var descriptors = typeof(AnalysisRegistry).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && IsDescriptor(t)).ToHashSet();
        var registered = AnalysisRegistry.All.Select(a => a.GetType()).ToList();
        Assert.Equal(registered.Count, registered.Distinct().Count());
        Assert.Equal(descriptors.OrderBy(t => t.Name), registered.OrderBy(t => t.Name));
        Assert.Equal(AnalysisRegistry.All.Count, AnalysisRegistry.All.Select(a => a.Name).Distinct().Count());
    }

    [Fact]
    public void EveryAnalysisFolderHoldsOneRegisteredDescriptorAndEveryDescriptorHasItsFolder()
    {
        var folders = Directory.GetDirectories(AnalysesFolder).Select(Path.GetFileName).Where(f => !SharedFolders.Contains(f)).Order().ToList();
        Assert.NotEmpty(folders);
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(AnalysesFolder, "*.cs", SearchOption.AllDirectories))
            foreach (Match m in DescriptorDeclaration().Matches(File.ReadAllText(file)))
                declared.Add(m.Groups["name"].Value, Path.GetRelativePath(AnalysesFolder, Path.GetDirectoryName(file)!));
        var registered = AnalysisRegistry.All.Select(a => a.GetType().Name).ToList();
        foreach (var folder in folders)
            Assert.True(declared.Count(d => d.Value == folder) == 1,
                $"Analyses/{folder}/ should hold one descriptor (a class deriving from Analysis<…>); it holds {declared.Count(d => d.Value == folder)}.");
        foreach (var (name, folder) in declared)
        {
            Assert.True(folders.Contains(folder), $"The descriptor {name} lies in Analyses/{folder}/, not in an analysis folder.");
            Assert.True(registered.Contains(name), $"The descriptor {name} in Analyses/{folder}/ is not listed in AnalysisRegistry.All.");
        }
        Assert.Equal(registered.Order(), declared.Keys.Order());
    }

    private static bool IsDescriptor(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Analysis<,>)) return true;
        return false;
    }

    [GeneratedRegex(@"\bclass\s+(?<name>\w+)\s*(?:\(\))?\s*:\s*Analysis<")]
    private static partial Regex DescriptorDeclaration();
}
