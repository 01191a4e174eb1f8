using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks;

namespace NotebookExperiments.Tests.Notebooks;

public class NotebookFileTests
{
    [Fact]
    public void EverySampleNotebookIsCanonical()
    {
        foreach (var path in TestNotebooks.All)
            Assert.True(NotebookFile.IsCanonical(path), NotebookFile.DescribeNonCanonical(path));
    }

    [Fact]
    public void ReadingAndWritingACanonicalFileChangesNoByte()
    {
        foreach (var path in TestNotebooks.All)
            Assert.Equal(File.ReadAllText(path), NotebookFile.ToCanonicalJson(NotebookFile.Read(path)));
    }

    [Fact]
    public void OutputsOfEveryKindSurviveARoundTrip()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddMarkdown("# Title\nText").AddCode("Console.WriteLine(1);\n1 + 1", "parameters");
        var cell = notebook.Elements[1];
        cell.ExecutionOrder = 3;
        cell.Outputs.Add(new TextElement("line one\nline two\n", "stdout"));
        cell.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = "<b>x</b>\n<i>y</i>", ["text/plain"] = "x" }));
        cell.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["image/png"] = "iVBORw0KGgo=" }));
        var result = new ReturnValueElement { ExecutionOrder = 3 };
        result.SetText("text/plain", "2");
        cell.Outputs.Add(result);
        cell.Outputs.Add(new ErrorElement("boom", "System.Exception", ["System.Exception: boom", "   at cell"]));

        var text = NotebookFile.ToCanonicalJson(notebook);
        var read = NotebookFile.Parse(text);

        Assert.Equal(text, NotebookFile.ToCanonicalJson(read));
        var outputs = read.Elements[1].Outputs;
        Assert.Equal([typeof(TextElement), typeof(DisplayElement), typeof(DisplayElement), typeof(ReturnValueElement), typeof(ErrorElement)], outputs.Select(o => o.GetType()));
        Assert.Equal("line one\nline two\n", ((TextElement)outputs[0]).Text);
        Assert.Equal("<b>x</b>\n<i>y</i>", outputs[1].GetText("text/html"));
        Assert.Equal("iVBORw0KGgo=", outputs[2].GetText("image/png"));
        Assert.Equal(3, ((ReturnValueElement)outputs[3]).ExecutionOrder);
        Assert.Equal(["System.Exception: boom", "   at cell"], ((ErrorElement)outputs[4]).StackTrace);
        Assert.Equal(["parameters"], read.Elements[1].Tags);
        Assert.True(read.Elements[0].IsMarkdown);
        // Multiline strings are lists of lines, each ending in \n except the last; an image is one string, as VS Code writes it.
        var raw = JsonNode.Parse(text)!;
        Assert.Equal(["<b>x</b>\n", "<i>y</i>"], raw["cells"]![1]!["outputs"]![1]!["data"]!["text/html"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("iVBORw0KGgo=", raw["cells"]![1]!["outputs"]![2]!["data"]!["image/png"]!.GetValue<string>());
        Assert.Equal(["# Title\n", "Text"], raw["cells"]![0]!["source"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(3, raw["cells"]![1]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void TheWriterMatchesVsCodesLayout()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddCode("");
        var text = NotebookFile.ToCanonicalJson(notebook);

        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"metadata\": {\n    \"dotnet_interactive\": {\n", text);
        Assert.Contains("   \"outputs\": [],\n   \"source\": []\n  }\n ],\n \"metadata\": {\n  \"kernelspec\": {\n   \"display_name\": \".NET (C#)\",", text);
        Assert.EndsWith(" \"nbformat\": 4,\n \"nbformat_minor\": 4\n}\n", text);
    }

    [Fact]
    public void StringsAreEscapedAsJavaScriptDoes()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddMarkdown("τ < 1 & \"q\" \\ tab\t bell\u0007 😀");
        var text = NotebookFile.ToCanonicalJson(notebook);
        Assert.Contains("\"τ < 1 & \\\"q\\\" \\\\ tab\\t bell\\u0007 😀\"", text);
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(123456789.125, "123456789.125")]
    public void NumbersAreWrittenAsJavaScriptPrintsThem(double value, string expected) =>
        Assert.Equal(expected, CanonicalJson.JavaScriptNumber(value));

    [Fact]
    public void KeysAreSortedOrdinallyWithArrayIndicesFirst() =>
        Assert.Equal(["2", "10", "B", "a", "b_c", "bc"], CanonicalJson.SortKeys(["bc", "a", "10", "B", "b_c", "2"]));

    [Fact]
    public void NonCanonicalFilesAreDetected()
    {
        var directory = TestNotebooks.NewTemporaryDirectory();
        var original = File.ReadAllText(TestNotebooks.PathOf("failing.ipynb"));
        var node = JsonNode.Parse(original)!;

        var twoSpaces = Path.Combine(directory, "two-spaces.ipynb");
        File.WriteAllText(twoSpaces, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        var noTrailingNewline = Path.Combine(directory, "no-newline.ipynb");
        File.WriteAllText(noTrailingNewline, original.TrimEnd('\n'));
        var sourceAsString = Path.Combine(directory, "source-string.ipynb");
        File.WriteAllText(sourceAsString, original.Replace("\"source\": [\n    \"# A notebook that fails\"\n   ]", "\"source\": \"# A notebook that fails\""));
        var canonicalCopy = Path.Combine(directory, "copy.ipynb");
        File.WriteAllText(canonicalCopy, original);

        Assert.True(NotebookFile.IsCanonical(canonicalCopy));
        Assert.False(NotebookFile.IsCanonical(twoSpaces));
        Assert.False(NotebookFile.IsCanonical(noTrailingNewline));
        Assert.NotEqual(original, File.ReadAllText(sourceAsString));
        Assert.False(NotebookFile.IsCanonical(sourceAsString));
        Assert.Contains("line 2", NotebookFile.DescribeNonCanonical(twoSpaces));
    }

    [Fact]
    public void CreatedNotebooksCarryTheDotNetMetadata()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddCode("1", "parameters");
        var read = NotebookFile.Parse(NotebookFile.ToCanonicalJson(notebook));
        var cell = read.Elements[0];

        Assert.Equal(".net-csharp", read.Metadata.Lookup("kernelspec", "name"));
        Assert.Equal("polyglot-notebook", read.Metadata.Lookup("language_info", "name"));
        Assert.Equal("csharp", DotNetNotebookMetadata.DefaultKernelName(read));
        Assert.Equal("csharp", cell.KernelName);
        Assert.Equal("csharp", cell.Metadata.Lookup("dotnet_interactive", "language"));
        Assert.True(cell.HasTag("parameters"));
    }

    [Fact]
    public void CellIdsAndUnknownMetadataAreKeptInSortedOrder()
    {
        const string json = """
            {"cells":[{"cell_type":"markdown","metadata":{"z":{"b":1,"a":2}},"source":"x","id":"c1"}],
             "metadata":{"custom":{"z":1,"a":[true,null,2.5]}},"nbformat":4,"nbformat_minor":5}
            """;
        var text = NotebookFile.ToCanonicalJson(NotebookFile.Parse(json));
        var read = JsonNode.Parse(text)!;
        Assert.Equal("c1", read["cells"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(5, read["nbformat_minor"]!.GetValue<int>()); // cells with ids are nbformat 4.5
        Assert.Contains("\"custom\": {\n   \"a\": [\n    true,\n    null,\n    2.5\n   ],\n   \"z\": 1\n  }", text);
        Assert.Contains("\"z\": {\n     \"a\": 2,\n     \"b\": 1\n    }", text);
    }

    [Fact]
    public void NotANotebookIsReportedAsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("[1, 2]"));
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("{\"cells\": [], \"nbformat\": 3}"));
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("{not json"));
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("{\"cells\": [{\"cell_type\": \"raw\", \"metadata\": {}, \"source\": \"x\"}], \"nbformat\": 4}"));
    }
}
