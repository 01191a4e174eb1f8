using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;
using NotebookExperiments.Notebooks.Running;

namespace NotebookExperiments.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public class NotebookRunnerTests(NotebookRunnerFixture fixture)
{
    private static IReadOnlyList<CellOutput> OutputsOf(NotebookRunResult result, int cellNumber) => result.Notebook.Cells[cellNumber - 1].Outputs;

    [Fact]
    public async Task ConsoleTextDisplayCallsAndTheTrailingValueBecomeOutputsInOrder()
    {
        var result = (await fixture.RunSampleAsync("hello.ipynb")).EnsureSucceeded();

        Assert.Equal("hello from cell 2\n", Assert.Single(OutputsOf(result, 2)).Text);
        var outputs = OutputsOf(result, 4);
        Assert.Equal([CellOutputKind.Stream, CellOutputKind.DisplayData, CellOutputKind.DisplayData, CellOutputKind.Stream, CellOutputKind.ExecuteResult], outputs.Select(o => o.Kind));
        Assert.Equal("epochs=5\n", outputs[0].Text);
        Assert.Equal("<b>updated</b>", outputs[1].GetText("text/html")); // display(…).Update(…) replaced it
        Assert.Equal("[1, 2, 3]", outputs[2].GetText("text/plain"));
        Assert.Equal(("stderr", "a warning\n"), (outputs[3].StreamName, outputs[3].Text));
        Assert.Equal("quick|0.5,1|False|42|0.001|10", outputs[4].GetText("text/plain"));
        Assert.Equal([1, 2, 3], result.Notebook.Cells.Where(c => c.Kind == CellKind.Code).Select(c => c.ExecutionCount!.Value));
        Assert.Equal(3, outputs[4].ExecutionCount);
        Assert.Equal(5, result.GetVariable<int>("epochs"));
    }

    [Fact]
    public async Task TypedOverridesReachTheCellsAfterTheParametersCell()
    {
        var result = (await fixture.RunSampleAsync("hello.ipynb", ("epochs", "7"), ("taus", "0.1,0.2"), ("preset", "paper"))).EnsureSucceeded();

        var injected = result.Notebook.Cells[3];
        Assert.True(injected.HasTag(ParameterInjection.InjectedTag));
        Assert.Equal(5, result.Notebook.Cells.Count);
        Assert.Equal("paper|0.1,0.2|False|42|0.001|14", OutputsOf(result, 5)[^1].GetText("text/plain"));
        Assert.Equal(7, result.Notebook.Metadata["papermill"]!["parameters"]!["epochs"]!.GetValue<int>());
        Assert.Equal([0.1, 0.2], result.GetVariable<double[]>("taus"));
    }

    [Fact]
    public async Task AWrongParameterTypeStopsTheRunBeforeAnyCell()
    {
        var error = await Assert.ThrowsAsync<NotebookParameterException>(() => fixture.Runner.RunFileAsync(
            TestNotebooks.PathOf("hello.ipynb"), new NotebookRunOptions { Parameters = new Dictionary<string, string> { ["seed"] = "forty-two" } }));
        Assert.Contains("'seed' is declared as long; the value 'forty-two'", error.Message);
    }

    [Fact]
    public async Task AChartBecomesOfflineHtmlWithPlotlyJsEmbeddedOnce()
    {
        var result = (await fixture.RunSampleAsync("chart.ipynb")).EnsureSucceeded();

        var first = Assert.Single(OutputsOf(result, 2)).GetText("text/html")!;
        var second = Assert.Single(OutputsOf(result, 3)).GetText("text/html")!;
        Assert.Contains("data-notebook-plotly-js", first);
        Assert.Contains("Plotly.newPlot", first);
        Assert.True(first.Length > 3_000_000, "plotly.js is embedded in the first chart");
        Assert.DoesNotContain("data-notebook-plotly-js", second);
        Assert.DoesNotContain("cdn.plot.ly", second);
        Assert.Contains("\"name\":\"identity\"", second);
        Assert.Contains("\"name\":\"double\"", second);
        // Apart from plotly.js itself (whose source names the CDN once, as the default URL of map data), nothing
        // refers to the network: no script src, no RequireJS loader.
        foreach (var html in new[] { first, second }.Select(PlotlyScript.RemoveScriptElements))
        {
            Assert.DoesNotContain("<script src", html);
            Assert.DoesNotContain("cdn.plot.ly", html);
            Assert.DoesNotContain("require(", html);
        }
    }

    [Fact]
    public async Task ADataFrameBecomesAnHtmlTableAndText()
    {
        var result = (await fixture.RunSampleAsync("dataframe.ipynb")).EnsureSucceeded();

        var output = Assert.Single(OutputsOf(result, 1));
        Assert.Equal(CellOutputKind.ExecuteResult, output.Kind);
        var html = output.GetText("text/html")!;
        Assert.StartsWith("<table class=\"dataframe\">", html);
        Assert.Contains("<th>tau</th><th>estimator</th>", html);
        Assert.Contains("<td>0.5</td><td>st</td>", html);
        Assert.Contains("zgr&lt;&amp;&gt;", html);
        Assert.Contains("zgr<&>", output.GetText("text/plain"));
    }

    [Fact]
    public async Task AnExceptionStopsTheRunNamingTheCellAndIsRecordedAsAnErrorOutput()
    {
        var progress = new ProgressLog();
        var result = await fixture.Runner.RunFileAsync(TestNotebooks.PathOf("failing.ipynb"), new NotebookRunOptions { Progress = progress });

        Assert.False(result.Succeeded);
        var failure = result.Failure!;
        Assert.Equal(new CellReference(4, false), failure.Cell);
        Assert.Equal("System.InvalidOperationException", failure.ErrorName);
        Assert.StartsWith("cell 4 (1-based, counting all cells) threw System.InvalidOperationException: boom in the fourth cell", failure.ToString());
        var outputs = OutputsOf(result, 4);
        Assert.Equal("about to throw\n", outputs[0].Text);
        Assert.Equal(CellOutputKind.Error, outputs[1].Kind);
        Assert.Equal("boom in the fourth cell", outputs[1].ErrorValue);
        Assert.Empty(OutputsOf(result, 5));
        Assert.Null(result.Notebook.Cells[4].ExecutionCount);
        Assert.Equal(
            ["Started cell 2", "Succeeded cell 2", "Started cell 4", "Failed cell 4"],
            progress.Reports.Select(r => $"{r.Stage} {r.Cell}"));
        Assert.Equal(3, progress.Reports[0].CodeCellCount);
        var thrown = Assert.Throws<NotebookExecutionException>(() => result.EnsureSucceeded());
        Assert.Contains("cell 4", thrown.Message);
    }

    [Fact]
    public async Task ACompilationErrorNamesTheCellAndTheLineWithinIt()
    {
        var notebook = Notebook.CreateCSharp()
            .AddMarkdown("# Compile error")
            .AddCode("var ok = 1;")
            .AddCode("var a = 2;\nvar b = undefinedName + 1;");

        var result = await fixture.Runner.RunAsync(notebook);

        Assert.True(result.Failure!.IsCompilationError);
        Assert.Equal(3, result.Failure.Cell.Number);
        Assert.Contains("(2,9): error CS0103", result.Failure.Message);
        Assert.Contains("undefinedName", result.Failure.ToString());
        var error = Assert.Single(OutputsOf(result, 3));
        Assert.Equal(NotebookRunner.CompilationErrorName, error.ErrorName);
    }

    [Fact]
    public async Task ANotebookUsesTorchSharpAndTheLibraryThroughTheHost()
    {
        var result = (await fixture.RunSampleAsync("torch.ipynb")).EnsureSucceeded();

        Assert.Equal(3f, result.GetVariable<float>("total"));
        var output = Assert.Single(OutputsOf(result, 3));
        Assert.Contains("value = 3", output.GetText("text/plain"));
        Assert.NotNull(output.GetText("text/html")); // TorchSharp's convention-based formatter
    }

    [Fact]
    public async Task RelativeReferencesAndLoadsResolveAgainstTheNotebooksFolder()
    {
        var directory = TestNotebooks.NewTemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(directory, "lib"));
        EmitGreetingAssembly(Path.Combine(directory, "lib", "Greeting.dll"));
        File.WriteAllText(Path.Combine(directory, "helpers.csx"), "int Twice(int x) => 2 * x;\n");
        File.WriteAllText(Path.Combine(directory, "data.txt"), "from the notebook's folder");
        var path = Path.Combine(directory, "relative.ipynb");
        NotebookFile.Write(Notebook.CreateCSharp()
            .AddCode("#r \"lib/Greeting.dll\"\n#load \"helpers.csx\"\nGreetings.Greeter.Hello(\"notebook\") + \" \" + Twice(21)")
            .AddCode("System.IO.File.ReadAllText(\"data.txt\")"), path);
        var before = Directory.GetCurrentDirectory();

        var result = (await fixture.Runner.RunFileAsync(path)).EnsureSucceeded();

        Assert.Equal("hello notebook 42", Assert.Single(OutputsOf(result, 1)).GetText("text/plain"));
        Assert.Equal("from the notebook's folder", Assert.Single(OutputsOf(result, 2)).GetText("text/plain"));
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    [Fact]
    public async Task MagicCommandsOtherCellKernelsAndBadPinsAreRefusedBeforeAnythingRuns()
    {
        var notebook = Notebook.CreateCSharp()
            .AddCode("#!csharp\n#i \"nuget: https://example.invalid/feed\"\nConsole.WriteLine(\"fine\");")
            .AddCode("#!time\nConsole.WriteLine(\"timed\");")
            .AddCode("#r \"nuget: Plotly.NET, 5.0.0\"\n1");
        var fsharp = NotebookCell.Code("printfn \"hi\"");
        fsharp.Metadata["polyglot_notebook"]!["kernelName"] = "fsharp";
        notebook.Add(fsharp);

        var error = await Assert.ThrowsAsync<NotebookValidationException>(() =>
            fixture.Runner.RunAsync(notebook, new NotebookRunOptions { BaseDirectory = AppContext.BaseDirectory }));

        Assert.Equal(3, error.Problems.Count);
        Assert.StartsWith("cell 2, line 1: the magic command #!time", error.Problems[0]);
        Assert.StartsWith("cell 4: runs in the 'fsharp' kernel", error.Problems[1]);
        Assert.StartsWith("cell 3, line 1: #r \"nuget: Plotly.NET, 5.0.0\": version 5.0.0 does not match 6.0.0", error.Problems[2]);
    }

    [Fact]
    public async Task TheHostsLibraryStandsInForARelativeReferenceToItsDll()
    {
        var notebook = Notebook.CreateCSharp().AddCode(
            "#r \"../no/such/folder/NotebookExperiments.dll\"\ntypeof(NotebookExperiments.Native.TorchRuntime).Assembly.Location");

        var result = (await fixture.Runner.RunAsync(notebook, new NotebookRunOptions { BaseDirectory = AppContext.BaseDirectory })).EnsureSucceeded();

        Assert.Equal(typeof(NotebookExperiments.Native.TorchRuntime).Assembly.Location, Assert.Single(OutputsOf(result, 1)).GetText("text/plain"));
    }

    [Fact]
    public async Task AValueWhoseToStringThrowsFailsItsCell()
    {
        var notebook = Notebook.CreateCSharp().AddCode(
            "class Broken { public override string ToString() => throw new FormatException(\"no text\"); }\nnew Broken()");

        var result = await fixture.Runner.RunAsync(notebook);

        Assert.Equal("System.FormatException", result.Failure!.ErrorName);
        Assert.Contains("no text", result.Failure.Message);
        Assert.Equal(CellOutputKind.Error, Assert.Single(OutputsOf(result, 1)).Kind);
    }

    private static void EmitGreetingAssembly(string path)
    {
        var source = "namespace Greetings { public static class Greeter { public static string Hello(string name) => \"hello \" + name; } }";
        var references = HostAssemblies.FrameworkFiles().Select(f => MetadataReference.CreateFromFile(f));
        var compilation = CSharpCompilation.Create("Greeting", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
    }

    private sealed class ProgressLog : IProgress<CellProgress>
    {
        public List<CellProgress> Reports { get; } = [];

        public void Report(CellProgress value) => Reports.Add(value);
    }
}
