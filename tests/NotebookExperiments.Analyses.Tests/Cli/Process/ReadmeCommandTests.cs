using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;
using NotebookExperiments.Analyses;
using NotebookExperiments.Statistics;
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
        foreach (var analysis in AnalysisRegistry.Main)
        {
            var provenance = CommandProcessTests.AssertResults(analysis.Name, Path.Combine(_results, analysis.Name));
            Assert.Equal("quick", provenance.Preset);
            Assert.Equal(provenance.Units, provenance.UnitsComputed);
            Assert.Contains($"== {analysis.Name} (quick preset)", run.Output, StringComparison.Ordinal);
        }

        // What each quick analysis shows, asserted with margins that other CPUs' floating-point kernels and thread counts do not
        // break (the README's "Numbers across machines" gives the spreads measured): never one machine's digits.
        AssertBetaSweepShape(run.Output, Path.Combine(_results, "beta-sweep"));
        AssertBiasVarianceOrdering(Path.Combine(_results, "bias-variance"));
        AssertTemperatureGradients(Path.Combine(_results, "temperature-study"));
        // The quick −ELBO table reads each configuration and sends the reader to the paper preset (two seeds give one degree of
        // freedom: too short to rank, or an order that need not be the paper's); the temperature study's one-seed training part
        // says that it cannot show τ's effect.
        Assert.Contains("8x4: mean final train −ELBO from ", run.Output, StringComparison.Ordinal);
        Assert.Contains("8x16: mean final train −ELBO from ", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"(too short to rank estimators|need not be the paper's); run `--preset paper`\.", run.Output);
        Assert.Contains("this run cannot show τ's effect on training; run `--preset paper`.", run.Output, StringComparison.Ordinal);
    }

    private static DataFrame Csv(string folder, string file) => DataFrame.LoadCsv(Path.Combine(folder, file), cultureInfo: CultureInfo.InvariantCulture);

    private static double D(DataFrame frame, string column, long row) => Convert.ToDouble(frame[column][row], CultureInfo.InvariantCulture);

    /// <summary>
    /// The shape of Beyond ReinMax's Fig. 2 for 8×4: β ≤ 0.3 collapsed onto the loss of an encoder that sends every image to one
    /// code (decoder = mean image), β = 0.4 collapsed or on its way there, far above β = ½; the largest drop from 0.4 to ½; the
    /// minimum just above ½, below β = ½.
    /// </summary>
    private static void AssertBetaSweepShape(string output, string folder)
    {
        var shape = BetaSweepShape.Of(Csv(folder, "summary.csv"), "8x4");
        var collapsed = Regex.Match(output, @"against ([0-9.]+) for an encoder that sends every image to one code");
        Assert.True(collapsed.Success, output);
        double level = double.Parse(collapsed.Groups[1].Value, CultureInfo.InvariantCulture);
        string context = shape.Describe(level);
        var collapsedBetas = shape.CollapsedBetas(level).Select(b => Math.Round(b, 6)).ToList(); // the CSV is read back in single precision
        Assert.True(new[] { -0.2, 0, 0.2, 0.3 }.All(collapsedBetas.Contains), context);
        Assert.All(shape.BelowHalf, p => Assert.True(p.Loss >= shape.AtHalf + 40, context));
        Assert.Equal((0.4, 0.5), (Math.Round(shape.DropFrom, 6), Math.Round(shape.DropTo, 6)));
        Assert.True(shape.Drop > 40, context);
        Assert.InRange(Math.Round(shape.MinimumBeta, 6), 0.55, 0.8);
        Assert.True(shape.AtHalf - shape.Minimum >= 2 && shape.Minimum < level - 50, context);
    }

    /// <summary>
    /// Beyond ReinMax's Fig. 1 at the quick budget, each seed's statistics averaged over the checkpoints: over the seeds, ReinMax's
    /// cosine above ST's, ST-GS's, GR-MC100's and GST-1.0's by at least 0.05 (0.11–0.13 measured; seed by seed it came within
    /// 0.017 of GST-1.0's) and GR-MC100's spread below ST-GS's (Rao-Blackwellisation; seed by seed within 2 %); in every seed, ZGR on
    /// ReinMax (one estimator) up to Monte-Carlo noise and our ReinMax-CV's spread above ReinMax's (docs/estimators.md, B.15).
    /// </summary>
    private static void AssertBiasVarianceOrdering(string folder)
    {
        var statistics = Csv(folder, "statistics.csv");
        var rows = Enumerable.Range(0, (int)statistics.Rows.Count).Select(i => (Seed: Convert.ToInt64(statistics["seed"][i], CultureInfo.InvariantCulture),
            Title: (string)statistics["title"][i], Cosine: D(statistics, "cosine", i), Std: D(statistics, "relative_std", i))).ToList();
        var seeds = rows.Select(r => r.Seed).Distinct().ToList();
        Assert.Equal(5, seeds.Count);
        double Mean(string title, long seed, Func<(long Seed, string Title, double Cosine, double Std), double> f) =>
            rows.Where(r => r.Title == title && r.Seed == seed).Average(f);
        foreach (var baseline in new[] { "ST", "ST-GS", "GR-MC100", "GST-1.0" })
            Assert.True(seeds.Average(seed => Mean("ReinMax", seed, r => r.Cosine) - Mean(baseline, seed, r => r.Cosine)) >= 0.05, $"ReinMax against {baseline}");
        foreach (var seed in seeds)
        {
            Assert.True(Math.Abs(Mean("ZGR", seed, r => r.Cosine) - Mean("ReinMax", seed, r => r.Cosine)) <= 0.1, $"seed {seed}: ZGR against ReinMax");
            Assert.True(Mean("ReinMax-CV", seed, r => Math.Log(r.Std)) - Mean("ReinMax", seed, r => Math.Log(r.Std)) >= Math.Log(1.2), $"seed {seed}: ReinMax-CV's spread");
        }
        Assert.True(seeds.Average(seed => Mean("GR-MC100", seed, r => Math.Log(r.Std)) - Mean("ST-GS", seed, r => Math.Log(r.Std))) < 0, "GR-MC100's spread against ST-GS's");
    }

    /// <summary>
    /// The gradient part of the temperature study: GR-MCK's spread below ST-GS's at every τ, ST-GS's spread growing as τ falls
    /// (more than twice as large at τ = 0.05 as at τ = 2), RF(4) unbiased up to Monte-Carlo error, and ReinMax at τ = 1 on ZGR
    /// within twice the bound on the standard error of their difference (<see cref="MonteCarloShortfall"/>). Differences of cosine
    /// between temperatures are not asserted: at this budget they lie within that bound, and the run's reading says so.
    /// </summary>
    private static void AssertTemperatureGradients(string folder)
    {
        var gradients = Csv(folder, "gradients.csv");
        var points = Enumerable.Range(0, (int)gradients.Rows.Count).Select(i =>
        {
            double cosine = D(gradients, "cosine", i);
            double shortfall = MonteCarloShortfall.Of(cosine, D(gradients, "mse", i), D(gradients, "exact_norm", i), D(gradients, "mean_norm", i),
                Convert.ToInt64(gradients["samples"][i], CultureInfo.InvariantCulture));
            return (Estimator: (string)gradients["estimator"][i], Tau: Math.Round(D(gradients, "tau", i), 6), Cosine: cosine,
                Std: D(gradients, "relative_std", i), Bound: MonteCarloShortfall.StandardErrorBound(cosine, shortfall));
        }).ToList();
        var stGs = points.Where(p => p.Estimator == "ST-GS").ToList();
        Assert.Equal(6, stGs.Count);
        foreach (var gr in new[] { "GR-MC10", "GR-MC100" })
            Assert.All(stGs, s => Assert.True(points.Single(p => p.Estimator == gr && p.Tau == s.Tau).Std < s.Std, $"{gr} at τ = {s.Tau}"));
        Assert.True(stGs.Single(p => p.Tau == 0.05).Std > 2 * stGs.Single(p => p.Tau == 2).Std, string.Join("; ", stGs));
        var rf = points.Single(p => p.Estimator == "RF(4)");
        Assert.True(rf.Cosine >= 0.95, $"RF(4): {rf}");
        var (zgr, reinmax) = (points.Single(p => p.Estimator == "ZGR"), points.Single(p => p.Estimator == "ReinMax" && p.Tau == 1));
        Assert.True(Math.Abs(zgr.Cosine - reinmax.Cosine) <= 2 * Math.Sqrt(zgr.Bound * zgr.Bound + reinmax.Bound * reinmax.Bound), $"ZGR {zgr}, ReinMax {reinmax}");
    }
}
