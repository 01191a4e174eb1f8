using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// The two commands of the README, read from the README itself: the main job is run exactly as written, in the repository
/// root, as a separate process (its results go to a temporary folder through <c>NOTEBOOK_EXPERIMENTS_RESULTS</c>, so that a
/// developer's own <c>results/</c> is neither used nor touched); the test command is the one <c>.ci/run</c> runs.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class ReadmeCommandTests(MnistFixture mnist) : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("readme-main-job").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    private static string Root => RepositoryRoot.Find()!;

    /// <summary>The commands of the first code block of the README's "The two commands" section, comments and blank lines left out.</summary>
    public static IReadOnlyList<string> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## The two commands", StringComparison.Ordinal)..];
        var block = CodeBlock().Match(section);
        Assert.True(block.Success, "The README's \"The two commands\" section has no ```bash block.");
        return block.Groups[1].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [Fact]
    public void TheReadmeNamesTheMainJobAndTheTestCommandThatCiRuns()
    {
        var commands = Commands();
        Assert.Equal(2, commands.Count);
        Assert.Contains("reproduce all --preset quick", commands[0], StringComparison.Ordinal);
        Assert.Equal("bash tests/run-tests.sh", commands[1]);
        Assert.Contains("exec ./tests/run-tests.sh", File.ReadAllText(Path.Combine(Root, ".ci", "run")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMainJobRunsAsWrittenAndWritesEveryAnalysis()
    {
        Assert.NotNull(mnist.Files); // MNIST in data/mnist, where the README's command looks for it (and fetches it when missing)
        var command = Commands()[0];
        var run = await CliProcess.BashAsync(command, Root, new Dictionary<string, string> { ["NOTEBOOK_EXPERIMENTS_RESULTS"] = _results },
            TimeSpan.FromMinutes(20));
        run.Expect(0);
        foreach (var analysis in AnalysisRegistry.All)
        {
            var provenance = CommandProcessTests.AssertResults(analysis.Name, Path.Combine(_results, analysis.Name));
            Assert.Equal("quick", provenance.Preset);
            Assert.Equal(provenance.Units, provenance.UnitsComputed);
            Assert.Contains($"== {analysis.Name} (quick preset)", run.Output, StringComparison.Ordinal);
        }

        // The quick β sweep shows the shape of Beyond ReinMax's Fig. 2 for 8×4: below β = ½ the posterior has collapsed (the loss of an
        // encoder that sends every image to one code, decoder = mean image), at ½ the loss drops sharply, and the minimum lies at or above ½.
        var summary = DataFrame.LoadCsv(Path.Combine(_results, BetaSweep.Name, "summary.csv"), cultureInfo: CultureInfo.InvariantCulture);
        var shape = BetaSweepShape.Of(summary, "8x4");
        var collapsed = Regex.Match(run.Output, @"against ([0-9.]+) for an encoder that sends every image to one code");
        Assert.True(collapsed.Success, run.Output);
        double level = double.Parse(collapsed.Groups[1].Value, CultureInfo.InvariantCulture);
        string context = shape.Describe(level);
        Assert.True(shape.LowestBelowHalf >= level - 0.1 && shape.HighestBelowHalf <= level + 1.5, context);
        Assert.Equal(0.45, shape.DropFrom, 1e-6); // the CSV is read back in single precision
        Assert.Equal(0.5, shape.DropTo, 1e-6);
        Assert.True(shape.Drop > 30, context);
        Assert.True(shape.MinimumBeta >= 0.5 && shape.Minimum < level - 30, context);
    }
}
