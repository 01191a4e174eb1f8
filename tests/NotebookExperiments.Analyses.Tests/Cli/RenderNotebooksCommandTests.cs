using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Executed;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;
using NotebookExperiments.Tests.Cli.Process;
using NotebookExperiments.Tests.Data;
using NotebookExperiments.Tests.Notebooks;
using NotebookExperiments.Tests.Notebooks.Jupyter;

namespace NotebookExperiments.Tests.Cli;

/// <summary>
/// <c>render-notebooks</c> as the README gives it, run as a process of the built program, on one notebook with tiny parameters,
/// in the real kernel under Jupyter (the first-run home of <see cref="JupyterKernelFixture"/>, so that the packages are
/// restored once per test run) and headless Chromium; and <c>--check</c>, which runs nothing.
/// </summary>
[Collection(JupyterKernelCollection.Name)]
public sealed class RenderNotebooksCommandTests(JupyterKernelFixture kernel)
{
    private static string NotebooksDirectory => Path.Combine(RepositoryRoot.Find()!, "notebooks");

    [JupyterAndChromiumFact]
    public async Task RendersANotebookInTheRealKernelWithItsChartAsAnImage()
    {
        using var output = new TempDirectory();

        var (exit, text, _) = await CliProcess.RunAsync("render-notebooks", "01-beta-sweep.ipynb",
            "-p", "configurations=8x4", "-p", "betas=0.5", "-p", "seeds=0", "-p", "epochs=1", "-p", "trainSize=100",
            "--out", output.Path, "--kernel-home", kernel.Kernel.PrivateFolder!);

        Assert.True(exit == 0, text);
        Assert.Equal(["01-beta-sweep.ipynb", ExecutedManifest.FileName], output.Files());
        var path = output.Combine("01-beta-sweep.ipynb");
        Assert.True(NotebookFile.IsCanonical(path), NotebookFile.DescribeNonCanonical(path));
        var copy = NotebookFile.Read(path);
        var outputs = copy.Elements.SelectMany(c => c.Outputs).ToList();
        Assert.DoesNotContain(outputs, o => o is ErrorElement);
        // The chart is an image (a PNG of a plotly.js figure at its own size), not script.
        var image = Assert.Single(outputs, ChartImages.HasImage);
        var png = Convert.FromBase64String(image.GetText(ChartImages.ImageMimeType)!);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
        Assert.DoesNotContain(outputs, ChartImages.IsChart);
        // The copy reads as the notebook: the overrides in the injected cell, not the temporary results folder, whose path
        // no output names.
        var injected = copy.Elements[copy.IndexOfTag(ParameterInjection.InjectedTag)].Contents;
        Assert.Contains("trainSize = 100", injected);
        Assert.DoesNotContain("outputDirectory", injected);
        var file = File.ReadAllText(path);
        Assert.DoesNotContain(Path.TrimEndingDirectorySeparator(Path.GetTempPath()) + "/", file);
        Assert.DoesNotContain(RepositoryRoot.Find()!, file);
        Assert.Equal(Enumerable.Range(1, copy.Elements.Count(c => c.ExecutionOrder > 0)), copy.Elements.Select(c => c.ExecutionOrder).Where(n => n > 0));
        // The manifest records what was run, and the check finds this copy current.
        var entry = ExecutedManifest.Read(output.Path).Notebooks["01-beta-sweep.ipynb"];
        Assert.Equal(SourceDigest.OfFile(Path.Combine(NotebooksDirectory, "01-beta-sweep.ipynb")), entry.SourceSha256);
        Assert.Equal(("quick", 1, 1), (entry.Preset, entry.Charts, entry.ResultsRevision));
        Assert.Equal("100", entry.Parameters["trainSize"]);
        Assert.DoesNotContain(ExecutedCopies.Problems(NotebooksDirectory, output.Path), p => p.StartsWith("01-beta-sweep.ipynb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckRunsNothingAndNamesTheCommandWhenCopiesAreMissing()
    {
        using var output = new TempDirectory();

        var (exit, text, _) = await CliProcess.RunAsync("render-notebooks", "--check", "--out", output.Path);

        Assert.Equal(2, exit);
        Assert.Contains("01-beta-sweep.ipynb: not in manifest.json", text);
        Assert.Contains("run `dotnet run --project lib/NotebookExperiments.Cli -c Release -- render-notebooks`", text);
        Assert.Empty(output.Files());
    }
}
