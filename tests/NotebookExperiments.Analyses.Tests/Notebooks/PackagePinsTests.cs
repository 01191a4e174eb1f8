using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Packages;

namespace NotebookExperiments.Tests.Notebooks;

public class PackagePinsTests
{
    private static readonly CentralPackageVersions Repository = CentralPackageVersions.ForRepositoryOf(AppContext.BaseDirectory);

    [Fact]
    public void TheRepositorysVersionsAreReadWithPropertiesResolved()
    {
        Assert.EndsWith(CentralPackageVersions.FileName, Repository.SourcePath);
        Assert.Equal("0.107.0", Repository.VersionOf("TorchSharp-cpu"));
        Assert.Equal(Repository.VersionOf("TorchSharp"), Repository.VersionOf("torchsharp-cpu"));
        Assert.Equal("6.0.0", Repository.VersionOf("Plotly.NET"));
        Assert.DoesNotContain(Repository.Versions.Values, v => v.Contains('$'));
    }

    [Fact]
    public void PinnedKernelOnlyAndGpuReferencesPass() =>
        Assert.Empty(new PackagePins(Repository).Check(NotebookFile.Read(TestNotebooks.PathOf("pins-good.ipynb"))));

    [Fact]
    public void EachWrongLineIsNamedByCellAndLine()
    {
        var problems = new PackagePins(Repository).Check(NotebookFile.Read(TestNotebooks.PathOf("pins-bad.ipynb")));

        Assert.Equal([1, 2, 3, 4, 5], problems.Select(p => p.LineNumber));
        Assert.All(problems, p => Assert.Equal(2, p.CellNumber));
        Assert.Contains("version 5.1.0 does not match 6.0.0", problems[0].Message);
        Assert.Contains("unpinned", problems[1].Message);
        Assert.Contains("Newtonsoft.Json is not pinned", problems[2].Message);
        Assert.Contains("does not match the allowed 6.0.0", problems[3].Message);
        Assert.Contains("0.106.0 does not match 0.107.0", problems[4].Message);
        Assert.StartsWith("cell 2, line 1: #r \"nuget: Plotly.NET, 5.1.0\"", problems[0].ToString());
    }

    [Fact]
    public void AGpuBackendSharesTheCpuPackagesPinWhenItHasNoneOfItsOwn()
    {
        var pins = new PackagePins(CentralPackageVersions.FromVersions(new Dictionary<string, string> { ["TorchSharp-cpu"] = "0.107.0" }));
        Assert.Null(pins.Check(new NuGetReference("TorchSharp-cuda-linux", "0.107.0")));
        Assert.NotNull(pins.Check(new NuGetReference("TorchSharp-cuda-linux", "0.105.0")));
        Assert.Null(pins.Check(new NuGetReference("Microsoft.DotNet.Interactive.CSharp", "1.0.0-beta.25000.1")));
        Assert.NotNull(pins.Check(new NuGetReference("Microsoft.DotNet.Interactive", null)));
    }

    [Theory]
    [InlineData("#r \"nuget: Plotly.NET, 6.0.0\"", "Plotly.NET", "6.0.0")]
    [InlineData("  #r \"nuget:Plotly.NET,6.0.0\" // comment", "Plotly.NET", "6.0.0")]
    [InlineData("#r \"nuget: TorchSharp-cpu\"", "TorchSharp-cpu", null)]
    public void DirectivesAreParsed(string line, string name, string? version) =>
        Assert.Equal(new NuGetReference(name, version), NuGetReference.TryParse(line));

    [Fact]
    public void UndefinedPropertiesInThePropsFileAreReported()
    {
        var path = Path.Combine(TestNotebooks.NewTemporaryDirectory(), CentralPackageVersions.FileName);
        File.WriteAllText(path, """
            <Project>
              <PropertyGroup><A>$(B)</A><B>1.2.3</B></PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Good" Version="$(A)" />
                <PackageVersion Include="Bad" Version="$(Missing)" />
              </ItemGroup>
            </Project>
            """);
        var error = Assert.Throws<InvalidDataException>(() => CentralPackageVersions.Load(path));
        Assert.Contains("$(Missing)", error.Message);

        File.WriteAllText(path, File.ReadAllText(path).Replace("<PackageVersion Include=\"Bad\" Version=\"$(Missing)\" />", ""));
        Assert.Equal("1.2.3", CentralPackageVersions.Load(path).VersionOf("good"));
    }
}
