using System.Globalization;
using System.Text.RegularExpressions;
using NotebookExperiments.Analyses;
using NotebookExperiments.Estimators;
using NotebookExperiments.Published;
using NotebookExperiments.Tests.Analyses;
using NotebookExperiments.Tests.Charts;

namespace NotebookExperiments.Tests.Published;

/// <summary>
/// The published numbers as the library loads them: each against a copy of the list, written here independently of data/published/
/// (recomputed from the authors' result files as their scripts compute them), each row mapped to a catalogue estimator, our row or
/// spec, and a configuration of the analysis it joins, and each with a source whose result files are those of its own protocol.
/// </summary>
public class PublishedResultsTests
{
    private static readonly string[] Configurations = ["8x4", "4x24", "8x16", "16x12", "64x8", "10x30"];

    /// <summary>The −ELBO table as the issue lists it: published row name, our row, then (mean, s.e.) per configuration.</summary>
    private static readonly (string Published, string Ours, (double Mean, double Se)[] Cells)[] ElboList =
    [
        ("ST-GS", "ST-GS", [(127.59, .23), (101.49, .09), (99.20, .14), (100.42, .15), (103.87, .13), (99.80, .11)]),
        ("GR-MCK", "GR-MC100", [(125.65, .14), (100.14, .12), (99.63, .23), (109.72, 6.83), (112.48, .18), (102.28, .19)]),
        ("ST", "ST", [(136.40, .41), (112.21, .19), (113.32, .09), (113.31, .08), (113.97, .07), (136.73, .40)]),
        ("GST-1.0", "GST-1.0", [(128.31, .21), (101.64, .11), (98.31, .16), (98.37, .17), (102.41, .16), (98.66, .14)]),
        ("ReinMax", "ReinMax", [(125.08, .20), (99.88, .08), (97.80, .09), (97.98, .13), (101.09, .11), (98.50, .13)]),
        ("ReinMax-Rao", "ReinMax-Rao", [(125.31, .28), (100.41, .12), (98.03, .14), (97.62, .09), (100.24, .16), (98.61, .16)]),
    ];

    [Fact]
    public void TheElboTableIsTheListOfTheIssue()
    {
        var cells = PublishedResults.ElboTable;
        Assert.Equal(36, cells.Count);
        foreach (var (published, ours, values) in ElboList)
            for (int c = 0; c < Configurations.Length; c++)
            {
                var cell = Assert.Single(cells, x => x.Configuration == Configurations[c] && x.Estimator == ours);
                Assert.Equal(published, cell.PublishedName);
                Assert.Equal(values[c].Mean, cell.TrainElbo.Mean);
                Assert.Equal(values[c].Se, cell.TrainElbo.StandardError);
                bool fiveSeeds = ours == "GR-MC100" && Configurations[c] is "8x16" or "16x12";
                Assert.Equal(fiveSeeds ? 5 : 10, cell.TrainElbo.Seeds);
                Assert.Equal(160, cell.Epochs);
            }
        Assert.Contains("unstable", PublishedResults.ElboCell("16x12", "GR-MC100")!.Note, StringComparison.Ordinal);
        Assert.Contains("7e-3", PublishedResults.ElboCell("10x30", "ST")!.Note, StringComparison.Ordinal);
        Assert.Null(PublishedResults.ElboCell("8x4", "ReinMax-CV"));
        Assert.Null(PublishedResults.ElboCell("32x64", "ReinMax"));
    }

    [Fact]
    public void EveryElboCellIsARowAndConfigurationOfThePaperTableWithThatTitle()
    {
        var paper = ElboTableParameters.Paper;
        Assert.Equal(paper.Epochs, Assert.Single(PublishedResults.ElboTable.Select(c => c.Epochs).Distinct()));
        foreach (var cell in PublishedResults.ElboTable)
        {
            Assert.Contains(cell.Configuration, ElboTableParameters.PaperConfigurations);
            Assert.Contains(cell.Estimator, ElboTableParameters.PaperEstimators);
            var setting = paper.Rows.Single(r => r.Estimator == cell.Estimator).On(cell.Configuration);
            Assert.Equal(cell.Estimator, EstimatorCatalog.Default.TitleOf(setting.Spec));
        }
        // GR-MCK is K = 100 (docs/estimators.md, C.2), as is ReinMax-Rao.
        Assert.StartsWith("gr-mc:k=100,", paper.Rows.Single(r => r.Estimator == "GR-MC100").On("8x4").Spec, StringComparison.Ordinal);
        Assert.StartsWith("reinmax-rao:k=100,", paper.Rows.Single(r => r.Estimator == "ReinMax-Rao").On("8x4").Spec, StringComparison.Ordinal);
        Assert.DoesNotContain(PublishedResults.ElboTable, c => c.Estimator == "ReinMax-CV");
    }

    [Fact]
    public void TheBetaSweepIsTheListOfTheIssueWithTheCollapseLevelWithoutAStandardError()
    {
        (double Beta, double Mean, double Se)[] upper =
        [
            (0.50, 142.97, .81), (0.55, 133.05, .58), (0.60, 133.19, .40), (0.65, 134.89, .38), (0.70, 135.13, .35),
            (0.75, 135.19, .28), (0.80, 136.34, .29), (0.85, 137.28, .11), (0.90, 137.89, .19), (0.95, 139.05, .28),
            (1.00, 140.15, .16), (1.05, 141.03, .19), (1.10, 141.92, .25), (1.15, 142.94, .16), (1.20, 143.66, .26),
        ];
        var points = PublishedResults.BetaSweep;
        Assert.Equal(29, points.Count);
        Assert.Equal(BetaSweepParameters.PaperBetas, points.Select(p => p.Beta));
        var collapsed = points.Where(p => p.Beta <= 0.45).ToList();
        Assert.Equal(14, collapsed.Count);
        Assert.All(collapsed, p =>
        {
            Assert.Equal(214.41, p.TrainElbo.Mean);
            Assert.True(double.IsNaN(p.TrainElbo.StandardError));   // not given: missing, never 0
            Assert.False(p.TrainElbo.HasStandardError);
        });
        Assert.Equal(upper.Select(u => (u.Mean, u.Se)), points.Where(p => p.Beta >= 0.5).Select(p => (p.TrainElbo.Mean, p.TrainElbo.StandardError)));
        Assert.Equal(upper.Select(u => u.Beta), points.Where(p => p.Beta >= 0.5).Select(p => p.Beta), new ToleranceComparer(1e-12));
        Assert.All(points, p =>
        {
            Assert.Equal(("8x4", "reinmax-rk2", 1.0, 5, 50), (p.Configuration, p.Estimator, p.Tau, p.TrainElbo.Seeds, p.Epochs));
        });
    }

    [Fact]
    public void TheBetaSweepIsTheAuthorsFormOnThePaperPresetsEightByFour()
    {
        var paper = BetaSweepParameters.Paper;
        var point = PublishedResults.BetaSweep[0];
        Assert.Equal("ReinMax-RK2(β)", EstimatorCatalog.Default.Find(point.Estimator).Title);
        Assert.Equal(paper.Estimator, point.Estimator);
        Assert.Equal(paper.Epochs, point.Epochs);
        Assert.Equal(paper.Tau, point.Tau);
        Assert.Contains(paper.Configurations, c => c.Configuration == point.Configuration);
    }

    [Fact]
    public void TheCosinesAreTheListWithTheirStandardErrors()
    {
        int[] epochs = [1, 10, 20, 30, 40, 50];
        (string Published, string Title, string Spec, double[] Cosines, double[] Errors)[] list =
        [
            ("ST", "ST", "st:tau=1", [.47, .49, .41, .40, .47, .38], [.040, .040, .074, .044, .055, .074]),
            ("ST-GS", "ST-GS", "st-gs:tau=1", [.55, .48, .40, .39, .46, .37], [.034, .034, .061, .039, .047, .063]),
            ("GR", "GR-MC100", "gr-mc:k=100,tau=1", [.53, .40, .26, .22, .22, .13], [.034, .032, .050, .046, .038, .026]),
            ("GST-1.0", "GST-1.0", "gst:gap=1,tau=1", [.53, .52, .44, .42, .49, .38], [.037, .036, .068, .044, .056, .073]),
            ("ReinMax", "ReinMax", "reinmax:tau=1", [.77, .85, .83, .79, .77, .65], [.023, .020, .022, .023, .027, .056]),
            ("ReinMax-Rao", "ReinMax-Rao", "reinmax-rao:k=100,tau=1", [.64, .55, .48, .47, .54, .44], [.025, .027, .056, .032, .043, .057]),
        ];
        var points = PublishedResults.BiasVarianceCosine;
        Assert.Equal(36, points.Count);
        foreach (var (published, title, spec, cosines, errors) in list)
        {
            var mine = points.Where(p => p.PublishedName == published).ToList();
            Assert.Equal(epochs, mine.Select(p => p.Epoch));
            Assert.Equal(cosines, mine.Select(p => p.Cosine.Mean));
            Assert.Equal(errors, mine.Select(p => p.Cosine.StandardError));
            Assert.All(mine, p => Assert.Equal((title, spec, "8x4", 10), (p.Title, p.Estimator, p.Configuration, p.Cosine.Seeds)));
        }
    }

    [Fact]
    public void EveryElboCellCitesTheResultFilesOfItsPublishedHyperparametersAndSeeds()
    {
        // The authors' names of our rows; the result files are results_seed{seeds}_{method}_cat{C}_lat{L}_opt{O}_lr{lr}_temp{τ}.txt.
        var methods = new Dictionary<string, string>
        {
            ["ST-GS"] = "gumbel", ["GR-MC100"] = "rao_gumbel", ["ST"] = "st", ["GST-1.0"] = "gst-1.0", ["ReinMax"] = "reinmax", ["ReinMax-Rao"] = "reinmax_v3",
        };
        foreach (var cell in PublishedResults.ElboTable)
        {
            var source = cell.TrainElbo.Source;
            Assert.StartsWith("train −ELBO table (process_results.py): results/results_seed", source, StringComparison.Ordinal);
            var match = Regex.Match(source, @"results_seed\{(?<seeds>[^}]+)\}_(?<method>.+)_cat(?<c>\d+)_lat(?<l>\d+)_opt(?<opt>\w+?)_lr(?<lr>[\d.]+)_temp(?<tau>[\d.]+)\.txt, epoch 160$");
            Assert.True(match.Success, source);
            Assert.Equal(methods[cell.Estimator], match.Groups["method"].Value);
            Assert.Equal(cell.Configuration, $"{match.Groups["c"].Value}x{match.Groups["l"].Value}");
            var setting = Comparability.PublishedElboSetting(cell.Configuration, cell.Estimator)!;
            Assert.Equal(setting.Optimizer.ToString(), match.Groups["opt"].Value);
            Assert.Equal(setting.LearningRate, double.Parse(match.Groups["lr"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(Number(EstimatorSpec.Parse(setting.Spec).Arguments.Single(a => a.Key == "tau").Value), Number(match.Groups["tau"].Value));
            var seeds = match.Groups["seeds"].Value;
            Assert.Equal(cell.TrainElbo.Seeds, seeds == "0..9" ? 10 : seeds.Split(',').Length);
            Assert.EndsWith("; danielwang0452/DiscreteNumericalMethodsASC at 62697d1", cell.TrainElbo.Citation(), StringComparison.Ordinal);
        }
        Assert.Contains("results_seed{3,4,5,6,9}_rao_gumbel_cat8_lat16", PublishedResults.ElboCell("8x16", "GR-MC100")!.TrainElbo.Source, StringComparison.Ordinal);
        Assert.Contains("_st_cat10_lat30_optRAdam_lr0.007_temp1.4.txt", PublishedResults.ElboCell("10x30", "ST")!.TrainElbo.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBetaPointAndCosineCitesItsFigureAndResultFiles()
    {
        foreach (var point in PublishedResults.BetaSweep)
        {
            // numpy writes β = 0 from linspace(−0.2, 1.2, 29).round(2) as -0.0.
            var beta = point.Beta == 0 ? "-0.0" : point.Beta.ToString("0.0#", CultureInfo.InvariantCulture);
            Assert.Equal($"Fig. 2 (plot_check_beta.py): results/losses_seed{{0..4}}_reinmax_cat8_lat4_optAdam_lr0.0005_temp1_beta{beta}.txt, epoch 50",
                point.TrainElbo.Source);
        }
        var names = new Dictionary<string, string> { ["ST"] = "st", ["ST-GS"] = "gumbel", ["GR"] = "rao_gumbel", ["GST-1.0"] = "gst-1.0", ["ReinMax"] = "reinmax", ["ReinMax-Rao"] = "reinmax_v3" };
        foreach (var point in PublishedResults.BiasVarianceCosine)
            Assert.Equal($"Fig. 1 (plot_check_variance.py): results/cosine_reinmax_epoch{point.Epoch}_seed{{0..9}}_method_{names[point.PublishedName]}_cat8_lat4_optAdam_lr0.0005_temp1.0.txt, from 512 estimates (run_check_cosine.py)",
                point.Cosine.Source);
        Assert.Equal(512, Comparability.AuthorsScriptCosineSamples);
    }

    [Fact]
    public void ASourceIsRequiredOfEveryNumber()
    {
        var csv = PublishedCsv.Parse("t.csv", "mean,source\n1.5,Fig. 2\n2.5, \n");
        Assert.Equal("Fig. 2", csv.Required(0, "source"));
        Assert.Contains("line 3, column 'source'", Assert.Throws<InvalidDataException>(() => csv.Required(1, "source")).Message, StringComparison.Ordinal);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void EveryCosineIsAnEstimatorOfTheBiasVariancePresetWithItsTitle()
    {
        var preset = BiasVarianceParameters.PaperEstimators.Select(s => EstimatorCatalog.Default.Create(s).Spec).ToList();
        foreach (var point in PublishedResults.BiasVarianceCosine)
        {
            Assert.Contains(EstimatorCatalog.Default.Create(point.Estimator).Spec, preset);
            Assert.Equal(point.Title, EstimatorCatalog.Default.TitleOf(point.Estimator));
            Assert.Contains(point.Epoch, BiasVarianceParameters.PaperCheckpoints);
            Assert.Equal(BiasVarianceParameters.Paper.Training.Configuration, point.Configuration);
        }
    }

    [Fact]
    public void TheFramesHoldTheRecordsWithMissingValuesAsNaN()
    {
        var elbo = PublishedResults.ElboTableFrame();
        Assert.Equal(["config", "estimator", "published_name", "mean_train_elbo", "se_train_elbo", "seeds", "epochs", "note", "source"], elbo.Columns.Select(c => c.Name));
        Assert.Equal(36, elbo.Rows.Count);
        var beta = PublishedResults.BetaSweepFrame();
        Assert.Equal(29, beta.Rows.Count);
        Assert.True(double.IsNaN((double)beta["se_train_elbo"][0]));
        Assert.Equal(0.81, (double)beta["se_train_elbo"][14]);
        var cosine = PublishedResults.BiasVarianceCosineFrame();
        Assert.Equal(["config", "estimator", "title", "published_name", "epoch", "mean_cosine", "se_cosine", "seeds", "note", "source"], cosine.Columns.Select(c => c.Name));
        Assert.Equal(PublishedResults.BetaSweep[3].TrainElbo.Source, (string)beta["source"][3]);
        Assert.Equal("gr-mc:k=100,tau=1", (string)cosine["estimator"][12]);
    }

    [Fact]
    public void TheEmbeddedFilesAreThoseOfDataPublished()
    {
        var folder = Path.Combine(RepositoryRoot.Find()!, "data", "published");
        foreach (var file in PublishedResults.Files)
            Assert.Equal(File.ReadAllText(Path.Combine(folder, file)), PublishedResults.Text(file));
        Assert.True(File.Exists(Path.Combine(folder, "README.md")));
        Assert.Throws<FileNotFoundException>(() => PublishedResults.Text("missing.csv"));
    }

    [Fact]
    public void TheReaderQuotesAndRefusesMalformedFiles()
    {
        var csv = PublishedCsv.Parse("t.csv", "a,b,c\n\"x,y\",,3\n\"say \"\"hi\"\"\",1.5,4\n");
        Assert.Equal(2, csv.Count);
        Assert.Equal("x,y", csv.String(0, "a"));
        Assert.True(double.IsNaN(csv.Double(0, "b")));
        Assert.Equal("say \"hi\"", csv.String(1, "a"));
        Assert.Equal(4, csv.Integer(1, "c"));
        Assert.Contains("no column 'd'", Assert.Throws<InvalidDataException>(() => csv.String(0, "d")).Message, StringComparison.Ordinal);
        Assert.Contains("line 3, column 'a'", Assert.Throws<InvalidDataException>(() => csv.Double(1, "a")).Message, StringComparison.Ordinal);
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => PublishedCsv.Parse("t.csv", "a,b\n1\n")).Message, StringComparison.Ordinal);
    }
}
