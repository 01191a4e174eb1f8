using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Parameters;
using NotebookExperiments.Notebooks.Rendering;
using NotebookExperiments.Notebooks.Running;

namespace NotebookExperiments.Tests.Notebooks;

[Collection(NotebookRunnerCollection.Name)]
public class NotebookRunnerTests(NotebookRunnerFixture fixture)
{
    private static IReadOnlyList<InteractiveDocumentOutputElement> OutputsOf(NotebookRunResult result, int cellNumber) => result.Notebook.Elements[cellNumber - 1].Outputs;

    private static string? TextOf(InteractiveDocumentOutputElement output) => (output as TextElement)?.Text;

    [Fact]
    public async Task ConsoleTextDisplayCallsAndTheTrailingValueBecomeOutputsInOrder()
    {
        var result = (await fixture.RunSampleAsync("hello.ipynb")).EnsureSucceeded();

        Assert.Contains("hello from cell 2\n", OutputsOf(result, 2).OfType<TextElement>().Select(o => o.Text));
        var outputs = OutputsOf(result, 4);
        Assert.Equal([typeof(TextElement), typeof(DisplayElement), typeof(DisplayElement), typeof(DisplayElement), typeof(TextElement), typeof(ReturnValueElement)], outputs.Select(o => o.GetType()));
        Assert.Equal("epochs=5\n", TextOf(outputs[0]));
        // The invocation context's handle updates its own output; the handle that this kernel's display() helper returns
        // carries another display id, so its update reaches no output, as in Jupyter.
        Assert.Equal("<b>updated</b>", outputs[1].GetText("text/html"));
        Assert.Equal("<i>kept</i>", outputs[2].GetText("text/html"));
        Assert.Contains("[ 1, 2, 3 ]", outputs[3].GetText("text/html"));
        Assert.Equal("stderr", ((TextElement)outputs[4]).Name);
        Assert.StartsWith("a warning\n", TextOf(outputs[4])); // the kernel's compiler warnings, if any, follow on stderr
        Assert.Equal("quick|0.5,1|False|42|0.001|10", outputs[5].GetText("text/plain"));
        Assert.Equal([1, 2, 3], result.Notebook.Elements.Where(c => !c.IsMarkdown).Select(c => c.ExecutionOrder));
        Assert.Equal(3, ((ReturnValueElement)outputs[5]).ExecutionOrder);
        Assert.Equal(5, result.GetVariable<int>("epochs"));
    }

    [Fact]
    public async Task TypedOverridesReachTheCellsAfterTheParametersCell()
    {
        var result = (await fixture.RunSampleAsync("hello.ipynb", ("epochs", "7"), ("taus", "0.1,0.2"), ("preset", "paper"))).EnsureSucceeded();

        var injected = result.Notebook.Elements[3];
        Assert.True(injected.HasTag(ParameterInjection.InjectedTag));
        Assert.Equal(5, result.Notebook.Elements.Count);
        Assert.Equal("paper|0.1,0.2|False|42|0.001|14", OutputsOf(result, 5)[^1].GetText("text/plain"));
        var written = System.Text.Json.Nodes.JsonNode.Parse(NotebookFile.ToCanonicalJson(result.Notebook))!;
        Assert.Equal(7, written["metadata"]!["papermill"]!["parameters"]!["epochs"]!.GetValue<int>());
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
    public async Task ChartsAndDataFramesUseTheFormattersTheirPackagesLoadIntoTheKernel()
    {
        var charts = (await fixture.RunSampleAsync("chart.ipynb")).EnsureSucceeded();
        var frame = (await fixture.RunSampleAsync("dataframe.ipynb")).EnsureSucceeded();

        // Plotly.NET.Interactive's formatter: a div and a script that draws it with plotly.js (loaded by RequireJS).
        var displayed = OutputsOf(charts, 2).Last(o => o is DisplayElement).GetText("text/html")!;
        var returned = Assert.Single(OutputsOf(charts, 3)).GetText("text/html")!;
        Assert.Contains("Plotly.newPlot", displayed);
        Assert.Contains("\"name\":\"squares\"", displayed);
        Assert.Contains("\"name\":\"identity\"", returned);
        Assert.Contains("\"name\":\"double\"", returned);
        Assert.Contains(OutputsOf(charts, 2), o => o.GetText("text/plain")?.StartsWith("Loading extensions from", StringComparison.Ordinal) == true);

        // Microsoft.Data.Analysis's formatter: an HTML table, the text encoded.
        var table = OutputsOf(frame, 1).Single(o => o is ReturnValueElement).GetText("text/html")!;
        Assert.Contains("<table", table);
        Assert.Contains("<th>tau</th>", table);
        Assert.Contains("zgr&lt;&amp;&gt;", table);
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
        Assert.Equal("about to throw\n", TextOf(outputs[0]));
        Assert.Equal("boom in the fourth cell", Assert.IsType<ErrorElement>(outputs[1]).ErrorValue);
        Assert.Empty(OutputsOf(result, 5));
        Assert.Equal(0, result.Notebook.Elements[4].ExecutionOrder);
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
        var notebook = InteractiveDocument.CreateCSharp()
            .AddMarkdown("# Compile error")
            .AddCode("var ok = 1;")
            .AddCode("var a = 2;\nvar b = undefinedName + 1;");

        var result = await fixture.Runner.RunAsync(notebook);

        Assert.True(result.Failure!.IsCompilationError);
        Assert.Equal(3, result.Failure.Cell.Number);
        Assert.Contains("(2,9): error CS0103", result.Failure.Message);
        Assert.Contains("undefinedName", result.Failure.ToString());
        var outputs = OutputsOf(result, 3);
        Assert.Contains("error CS0103", TextOf(outputs[0])); // the compiler's diagnostics on stderr, as the kernel sends them
        Assert.IsType<ErrorElement>(outputs[^1]);
    }

    [Fact]
    public async Task ANotebookUsesTorchSharpAndTheLibrary()
    {
        var result = (await fixture.RunSampleAsync("torch.ipynb")).EnsureSucceeded();

        Assert.Equal(3f, result.GetVariable<float>("total"));
        var output = Assert.Single(OutputsOf(result, 3));
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
        NotebookFile.Write(InteractiveDocument.CreateCSharp()
            .AddCode("#r \"lib/Greeting.dll\"\n#load \"helpers.csx\"\nGreetings.Greeter.Hello(\"notebook\") + \" \" + Twice(21)")
            .AddCode("System.IO.File.ReadAllText(\"data.txt\")"), path);
        var before = Directory.GetCurrentDirectory();

        var result = (await fixture.Runner.RunFileAsync(path)).EnsureSucceeded();

        Assert.Equal("hello notebook 42", Assert.Single(OutputsOf(result, 1)).GetText("text/plain"));
        Assert.Equal("from the notebook's folder", Assert.Single(OutputsOf(result, 2)).GetText("text/plain"));
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    [Fact]
    public async Task MagicCommandsAreTheKernelsAndAnUnknownOneFailsItsCell()
    {
        var notebook = InteractiveDocument.CreateCSharp()
            .AddCode("#!csharp\nvar answer = 42;")
            .AddCode("#!who")
            .AddCode("#!no-such-magic\n1");

        var result = await fixture.Runner.RunAsync(notebook);

        Assert.Contains("answer", string.Concat(OutputsOf(result, 2).Select(o => o.GetText("text/html") ?? o.GetText("text/plain") ?? TextOf(o))));
        Assert.Equal(3, result.Failure!.Cell.Number);
        Assert.Contains("no-such-magic", result.Failure.Message);
    }

    [Fact]
    public async Task OtherCellKernelsAndBadPinsAreRefusedBeforeAnythingRuns()
    {
        var notebook = InteractiveDocument.CreateCSharp()
            .AddCode("Console.WriteLine(\"fine\");")
            .AddCode("#r \"nuget: Plotly.NET, 5.0.0\"\n1");
        notebook.Add(new InteractiveDocumentElement("printfn \"hi\"", "fsharp"));

        var error = await Assert.ThrowsAsync<NotebookValidationException>(() =>
            fixture.Runner.RunAsync(notebook, new NotebookRunOptions { BaseDirectory = AppContext.BaseDirectory }));

        Assert.Equal(2, error.Problems.Count);
        Assert.StartsWith("cell 3: runs in the 'fsharp' kernel", error.Problems[0]);
        Assert.StartsWith("cell 2, line 1: #r \"nuget: Plotly.NET, 5.0.0\": version 5.0.0 does not match 6.0.0", error.Problems[1]);
    }

    [Fact]
    public async Task AValueWhoseToStringThrowsFailsItsCell()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddCode(
            "class Broken { public override string ToString() => throw new FormatException(\"no text\"); }\nnew Broken()");

        var result = await fixture.Runner.RunAsync(notebook);

        Assert.Contains(OutputsOf(result, 1), o => (o.GetText("text/html") ?? o.GetText("text/plain") ?? TextOf(o) ?? (o as ErrorElement)?.ErrorValue ?? "").Contains("no text"));
    }

    private static void EmitGreetingAssembly(string path)
    {
        var source = "namespace Greetings { public static class Greeter { public static string Hello(string name) => \"hello \" + name; } }";
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = new[] { typeof(object).Assembly.Location, Path.Combine(runtime, "System.Runtime.dll") }
            .Select(f => MetadataReference.CreateFromFile(f));
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
