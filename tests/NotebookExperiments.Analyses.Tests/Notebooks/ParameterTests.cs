using Microsoft.DotNet.Interactive.Documents;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Tests.Notebooks;

public class ParameterTests
{
    private const string Declarations = """
        // Quick preset by default.
        int epochs = 5;
        string preset = "quick";
        double[] taus = { 0.5, 1.0 };
        var betas = new[] { -0.2, 0, 1 };
        bool verbose = false;
        long seed = 42;
        var learningRate = 1e-3;
        var steps = 200;
        float[] weights = new float[] { 1f };
        TimeSpan budget = TimeSpan.FromMinutes(1);
        Console.WriteLine("not a declaration");
        """;

    private static InteractiveDocument WithParameters() =>
        InteractiveDocument.CreateCSharp().AddMarkdown("# P").AddCode(Declarations, ParametersCell.Tag).AddCode("epochs * 2");

    [Fact]
    public void DeclarationsAreReadWithTheirTypes()
    {
        var parameters = ParametersCell.Parse(Declarations);

        Assert.Equal(
            ["epochs: int", "preset: string", "taus: double[]", "betas: double[]", "verbose: bool", "seed: long",
             "learningRate: double", "steps: int", "weights: float[]", "budget: TimeSpan"],
            parameters.Select(p => $"{p.Name}: {p.DisplayType}"));
        Assert.Null(parameters.Single(p => p.Name == "budget").Type);
        Assert.Equal("{ 0.5, 1.0 }", parameters.Single(p => p.Name == "taus").DefaultExpression);
    }

    [Fact]
    public void OverridesAreInjectedAsTypedDeclarationsAfterTheParametersCell()
    {
        var notebook = WithParameters();
        var values = ParameterInjection.ParseAssignments(["epochs=7", "preset=paper \"full\"", "taus=0.1, 0.25", "verbose=True", "seed=-3", "learningRate=2.5e-4", "betas="]);

        var (index, injected) = ParameterInjection.Inject(notebook, values);

        Assert.Equal(2, index);
        var cell = notebook.Elements[2];
        Assert.True(cell.HasTag(ParameterInjection.InjectedTag));
        Assert.Equal("csharp", cell.KernelName);
        var lines = cell.Contents.Split('\n');
        Assert.Contains("int epochs = 7;", lines);
        Assert.Contains("string preset = \"paper \\\"full\\\"\";", lines);
        Assert.Contains("double[] taus = new double[] { 0.1d, 0.25d };", lines);
        Assert.Contains("bool verbose = true;", lines);
        Assert.Contains("long seed = -3L;", lines);
        Assert.Contains("double learningRate = 0.00025d;", lines);
        Assert.Contains("double[] betas = new double[] { };", lines);
        Assert.Equal(7, injected.Single(p => p.Declaration.Name == "epochs").Value);
        Assert.Equal([0.1, 0.25], (double[])injected.Single(p => p.Declaration.Name == "taus").Value);

        var recorded = System.Text.Json.Nodes.JsonNode.Parse(NotebookFile.ToCanonicalJson(notebook))!["metadata"]!["papermill"]!["parameters"]!;
        Assert.Equal(7, recorded["epochs"]!.GetValue<int>());
        Assert.Equal(0.25, recorded["taus"]![1]!.GetValue<double>());
        Assert.True(recorded["verbose"]!.GetValue<bool>());
    }

    [Fact]
    public void AnExistingInjectedCellIsReplacedInPlace()
    {
        var notebook = WithParameters();
        ParameterInjection.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "1" });
        int cells = notebook.Elements.Count;

        var (index, _) = ParameterInjection.Inject(notebook, new Dictionary<string, string> { ["steps"] = "3" });

        Assert.Equal(cells, notebook.Elements.Count);
        Assert.Equal(2, index);
        Assert.Contains("int steps = 3;", notebook.Elements[2].Contents);
        Assert.DoesNotContain("epochs", notebook.Elements[2].Contents);
    }

    [Theory]
    [InlineData("epochs", "five", "int")]
    [InlineData("epochs", "2.5", "int")]
    [InlineData("seed", "1e3", "long")]
    [InlineData("verbose", "yes", "bool")]
    [InlineData("learningRate", "0,001", "double")]
    [InlineData("taus", "0.1;0.2", "double[]")]
    public void AValueOfTheWrongTypeNamesTheParameterItsTypeAndTheValue(string name, string value, string type)
    {
        var error = Assert.Throws<NotebookParameterException>(() =>
            ParameterInjection.Inject(WithParameters(), new Dictionary<string, string> { [name] = value }));

        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains($"declared as {type}", error.Message);
        Assert.Contains($"'{value}'", error.Message);
    }

    [Fact]
    public void AnUnknownParameterIsAnErrorListingTheDeclaredOnes()
    {
        var error = Assert.Throws<NotebookParameterException>(() =>
            ParameterInjection.Inject(WithParameters(), new Dictionary<string, string> { ["epoch"] = "3" }));

        Assert.Contains("Unknown parameter 'epoch'", error.Message);
        Assert.Contains("cell 2", error.Message);
        Assert.Contains("epochs (int)", error.Message);
    }

    [Fact]
    public void ATypeThatCannotBeInjectedIsAnError()
    {
        var error = Assert.Throws<NotebookParameterException>(() =>
            ParameterInjection.Inject(WithParameters(), new Dictionary<string, string> { ["budget"] = "00:01:00" }));
        Assert.Contains("declared as TimeSpan", error.Message);
    }

    [Fact]
    public void ANotebookWithoutParametersCellTakesNoOverrides()
    {
        var notebook = InteractiveDocument.CreateCSharp().AddCode("int epochs = 5;");
        Assert.Throws<NotebookParameterException>(() => ParameterInjection.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "1" }));
        Assert.Null(ParameterInjection.Inject(notebook, new Dictionary<string, string>()).CellIndex);
    }

    [Fact]
    public void AssignmentsMustHaveANameAndAnEqualsSign()
    {
        Assert.Throws<NotebookParameterException>(() => ParameterInjection.ParseAssignments(["epochs"]));
        Assert.Throws<NotebookParameterException>(() => ParameterInjection.ParseAssignments(["=3"]));
        Assert.Throws<NotebookParameterException>(() => ParameterInjection.ParseAssignments(["a=1", "a=2"]));
        Assert.Equal("x=y", ParameterInjection.ParseAssignments(["s=x=y"])["s"]);
    }
}
