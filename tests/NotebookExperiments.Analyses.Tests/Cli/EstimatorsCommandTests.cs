using System.Text.Json;

namespace NotebookExperiments.Tests.Cli;

/// <summary><c>estimators</c>: the catalogue listed as a table and as JSON, with every parameter and its default.</summary>
[Collection(ConsoleCollection.Name)]
public class EstimatorsCommandTests
{
    [Fact]
    public async Task TheTableListsEveryEstimatorAndHowToWriteASpec()
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync(captureAnsi: true, "estimators");
        Assert.Equal(0, exit);
        Assert.Contains("reinmax-cv", output, StringComparison.Ordinal);
        Assert.Contains("Spec strings: name[:key=value,...]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonGivesAChoiceParameterItsNames()
    {
        var (exit, output) = await ConsoleCollection.RunCliAsync("estimators", "--json");
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var cv = json.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "reinmax-cv")
            .GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "cv");
        Assert.Equal("choice", cv.GetProperty("kind").GetString());
        Assert.Equal("conditional", cv.GetProperty("default").GetString());
        Assert.Equal("cv = conditional|forward|code", cv.GetProperty("accepted").GetString());
    }
}
