using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Cli.Commands;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Executed;
using NotebookExperiments.Notebooks.Rendering;

namespace NotebookExperiments.Tests.Notebooks.Executed;

/// <summary>
/// The committed executed copies (<c>notebooks/executed/</c>) are current: made from the notebooks as they are, with no error
/// output and an image for every chart; and the check itself notices what it must, on copies made up here.
/// </summary>
public sealed class ExecutedCopiesTests
{
    private static string Root => RepositoryRoot.Find()!;

    private static string NotebooksDirectory => Path.Combine(Root, "notebooks");

    private static string ExecutedDirectory => Path.Combine(NotebooksDirectory, "executed");

    [Fact]
    public void TheCommittedCopiesAreCurrent()
    {
        var problems = ExecutedCopies.Problems(NotebooksDirectory, ExecutedDirectory);

        Assert.True(problems.Count == 0,
            $"The executed copies in notebooks/executed/ are not current; regenerate them with `{RenderNotebooksCommand.Invocation}` " +
            $"(about 20 minutes on 2 cores), then commit them:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void TheCommittedCopiesAreCanonicalAndNameNoFolderOfTheMachineThatMadeThem()
    {
        if (!Directory.Exists(ExecutedDirectory)) return; // TheCommittedCopiesAreCurrent says what is missing.
        foreach (var path in Directory.GetFiles(ExecutedDirectory, "*.ipynb"))
        {
            Assert.True(NotebookFile.IsCanonical(path), NotebookFile.DescribeNonCanonical(path));
            var text = File.ReadAllText(path);
            Assert.DoesNotContain(Path.TrimEndingDirectorySeparator(Path.GetTempPath()) + "/", text);
            Assert.DoesNotContain(Root, text);
            Assert.DoesNotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/", text);
            Assert.DoesNotContain("outputDirectory = \"", NotebookFile.Read(path).Elements.Where(c => c.HasTag("injected-parameters")).Select(c => c.Contents).FirstOrDefault() ?? "");
        }
    }

    [Fact]
    public void TheCheckNamesAMissingCopyAChangedNotebookAnErrorAndAChartWithoutItsImage()
    {
        using var folder = new Data.TempDirectory();
        var notebooks = Directory.CreateDirectory(folder.Combine("notebooks")).FullName;
        var executed = Directory.CreateDirectory(folder.Combine("executed")).FullName;
        const string chart = "<div id=\"c\"></div><script>Plotly.newPlot('c', [], {});</script>";
        foreach (var name in new[] { "a.ipynb", "b.ipynb", "c.ipynb", "d.ipynb" })
            NotebookFile.Write(InteractiveDocument.CreateCSharp().AddMarkdown("# " + name).AddCode("1 + 1"), Path.Combine(notebooks, name));
        var manifest = new ExecutedManifest { Command = "render" };
        foreach (var name in new[] { "a.ipynb", "b.ipynb", "c.ipynb" })
        {
            var copy = NotebookFile.Read(Path.Combine(notebooks, name));
            copy.Elements[1].Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = chart }));
            if (name == "a.ipynb") ChartImagesFor(copy);
            if (name == "b.ipynb") copy.Elements[1].Outputs.Add(new ErrorElement("boom", "Exception", []));
            NotebookFile.Write(copy, Path.Combine(executed, name));
            manifest.Notebooks[name] = new ExecutedManifestEntry(SourceDigest.OfFile(Path.Combine(notebooks, name)), "quick", new Dictionary<string, string>(), 1, DateTimeOffset.UtcNow, 1, 1);
        }
        manifest.Write(executed);
        // c's notebook is edited after its copy was made; d's copy was never made.
        NotebookFile.Write(InteractiveDocument.CreateCSharp().AddMarkdown("# c.ipynb").AddCode("1 + 2"), Path.Combine(notebooks, "c.ipynb"));

        var problems = ExecutedCopies.Problems(notebooks, executed);

        Assert.DoesNotContain(problems, p => p.StartsWith("a.ipynb", StringComparison.Ordinal));
        Assert.Contains("b.ipynb: cell 2 has an error output (Exception: boom)", problems);
        Assert.Contains("c.ipynb: the notebook changed since its executed copy was made", problems);
        Assert.Contains("c.ipynb: cell 2 has a chart without its image", problems);
        Assert.Contains("d.ipynb: not in manifest.json", problems);
        Assert.Equal("render", ExecutedManifest.Read(executed).Command);
    }

    [Fact]
    public void TheSourceDigestCountsCellsAndSourcesOnly()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddMarkdown("# Title").AddCode("var x = 1;");
        var executed = notebook.Clone();
        executed.Elements[1].Outputs.Add(new TextElement("1", "stdout"));
        executed.Elements[1].ExecutionOrder = 3;
        executed.Elements[1].Metadata!["execution"] = "2026-01-01";
        var edited = notebook.Clone();
        edited.Elements[1].Contents = "var x = 2;";
        var moved = notebook.Clone();
        var reversed = moved.Elements.Reverse().ToList();
        moved.Elements.Clear();
        foreach (var cell in reversed) moved.Add(cell);

        Assert.Equal(SourceDigest.Of(notebook), SourceDigest.Of(executed));
        Assert.NotEqual(SourceDigest.Of(notebook), SourceDigest.Of(edited));
        Assert.NotEqual(SourceDigest.Of(notebook), SourceDigest.Of(moved));
        Assert.Matches("^[0-9a-f]{64}$", SourceDigest.Of(notebook));
    }

    [Fact]
    public void TheDigestOfANotebookFileCountsTheScriptsItLoads()
    {
        using var folder = new Data.TempDirectory();
        var path = folder.Combine("n.ipynb");
        NotebookFile.Write(InteractiveDocument.CreateCSharp().AddCode("#load \"helper.csx\"\nvar y = Helper();"), path);
        File.WriteAllText(folder.Combine("helper.csx"), "int Helper() => 1;");
        var before = SourceDigest.OfFile(path);

        File.WriteAllText(folder.Combine("helper.csx"), "int Helper() => 2;");

        Assert.NotEqual(before, SourceDigest.OfFile(path));
        Assert.Equal(SourceDigest.Of(NotebookFile.Read(path)), SourceDigest.Of(NotebookFile.Read(path), directory: null));
    }

    [Fact]
    public void TheDigestFollowsTheScriptsALoadedScriptNames()
    {
        // setup.csx hands session.csx to the kernel by name once the library is built: an edit there must mark the copies stale.
        using var folder = new Data.TempDirectory();
        var path = folder.Combine("n.ipynb");
        NotebookFile.Write(InteractiveDocument.CreateCSharp().AddCode("#load \"setup.csx\""), path);
        File.WriteAllText(folder.Combine("setup.csx"), "var next = Path.Combine(root, \"session.csx\"); // and \"setup.csx\" again");
        File.WriteAllText(folder.Combine("session.csx"), "int Session() => 1;");
        var before = SourceDigest.OfFile(path);

        File.WriteAllText(folder.Combine("session.csx"), "int Session() => 2;");

        Assert.NotEqual(before, SourceDigest.OfFile(path));
    }

    /// <summary>Stands in for <see cref="ChartImages.Render"/>: a (tiny, not drawn) PNG beside every chart.</summary>
    private static void ChartImagesFor(InteractiveDocument notebook)
    {
        foreach (var output in notebook.Elements.SelectMany(c => c.Outputs).Where(ChartImages.IsChart)) output.SetText(ChartImages.ImageMimeType, "iVBORw0KGgo=");
    }
}
