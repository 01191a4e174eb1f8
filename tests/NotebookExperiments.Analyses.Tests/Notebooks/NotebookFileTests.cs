using System.Text.Json;
using System.Text.Json.Nodes;
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
        var notebook = Notebook.CreateCSharp().AddMarkdown("# Title\nText").AddCode("Console.WriteLine(1);\n1 + 1", "parameters");
        var cell = notebook.Cells[1];
        cell.ExecutionCount = 3;
        cell.Outputs.Add(CellOutput.Stream("stdout", "line one\nline two\n"));
        cell.Outputs.Add(CellOutput.DisplayData([new("text/html", "<b>x</b>\n<i>y</i>"), new("text/plain", "x")]));
        var json = CellOutput.DisplayData([]);
        json.Data["application/json"] = new JsonObject { ["b"] = 2, ["a"] = new JsonArray(1.5, "s") };
        cell.Outputs.Add(json);
        cell.Outputs.Add(CellOutput.ExecuteResult(3, [new("text/plain", "2")]));
        cell.Outputs.Add(CellOutput.Error("System.Exception", "boom", ["System.Exception: boom", "   at cell"]));

        var text = NotebookFile.ToCanonicalJson(notebook);
        var read = NotebookFile.Parse(text);

        Assert.Equal(text, NotebookFile.ToCanonicalJson(read));
        var outputs = read.Cells[1].Outputs;
        Assert.Equal([CellOutputKind.Stream, CellOutputKind.DisplayData, CellOutputKind.DisplayData, CellOutputKind.ExecuteResult, CellOutputKind.Error], outputs.Select(o => o.Kind));
        Assert.Equal("line one\nline two\n", outputs[0].Text);
        Assert.Equal("<b>x</b>\n<i>y</i>", outputs[1].GetText("text/html"));
        Assert.Equal(2, outputs[2].Data["application/json"]!["b"]!.GetValue<int>());
        Assert.Equal(3, outputs[3].ExecutionCount);
        Assert.Equal(["System.Exception: boom", "   at cell"], outputs[4].Traceback);
        Assert.Equal(["parameters"], read.Cells[1].Tags);
        // Multiline strings are lists of lines, each ending in \n except the last.
        var raw = JsonNode.Parse(text)!;
        Assert.Equal(["<b>x</b>\n", "<i>y</i>"], raw["cells"]![1]!["outputs"]![1]!["data"]!["text/html"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(["# Title\n", "Text"], raw["cells"]![0]!["source"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void TheWriterMatchesVsCodesLayout()
    {
        var notebook = Notebook.CreateCSharp().AddCode("");
        var text = NotebookFile.ToCanonicalJson(notebook);

        Assert.StartsWith("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"metadata\": {\n    \"dotnet_interactive\": {\n", text);
        Assert.Contains("   \"outputs\": [],\n   \"source\": []\n  }\n ],\n \"metadata\": {\n  \"kernelspec\": {\n   \"display_name\": \".NET (C#)\",", text);
        Assert.EndsWith(" \"nbformat\": 4,\n \"nbformat_minor\": 4\n}\n", text);
    }

    [Fact]
    public void StringsAreEscapedAsJavaScriptDoes()
    {
        var notebook = Notebook.CreateCSharp().AddMarkdown("τ < 1 & \"q\" \\ tab\t bell\u0007 😀");
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
        var notebook = Notebook.CreateCSharp().AddCode("1", "parameters");
        var cell = notebook.Cells[0];

        Assert.Equal(".net-csharp", notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", notebook.Metadata["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", DotNetNotebookMetadata.DefaultKernelName(notebook));
        Assert.Equal("csharp", cell.KernelName);
        Assert.Equal("csharp", cell.Metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.True(cell.HasTag("parameters"));
    }

    [Fact]
    public void UnknownPropertiesAreKept()
    {
        const string json = """
            {"cells":[{"cell_type":"markdown","metadata":{},"source":"x","attachments":{"a.png":{"image/png":"AA=="}},"id":"c1"}],
             "metadata":{"custom":{"z":1,"a":[true,null]}},"nbformat":4,"nbformat_minor":5,"extra":"kept"}
            """;
        var text = NotebookFile.ToCanonicalJson(NotebookFile.Parse(json));
        var read = JsonNode.Parse(text)!;
        Assert.Equal("kept", read["extra"]!.GetValue<string>());
        Assert.Equal("c1", read["cells"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("AA==", read["cells"]![0]!["attachments"]!["a.png"]!["image/png"]!.GetValue<string>());
        Assert.Equal(5, read["nbformat_minor"]!.GetValue<int>());
        Assert.Contains("\"custom\": {\n   \"a\": [\n    true,\n    null\n   ],\n   \"z\": 1\n  }", text);
    }

    [Fact]
    public void NotANotebookIsReportedAsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("[1, 2]"));
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("{\"cells\": [], \"nbformat\": 3}"));
        Assert.Throws<InvalidDataException>(() => NotebookFile.Parse("{not json"));
    }
}
