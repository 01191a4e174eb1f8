using System.CommandLine;
using System.Reflection;
using NotebookExperiments.Analyses;
using NotebookExperiments.Cli;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Tests.Analyses;

/// <summary>
/// One way to override a preset: the overrides records, read the same from a notebook's parameters cell and from the command
/// line, with one rule for "not given".
/// </summary>
public class OverridesTests
{
    [Fact]
    public void NothingGivenIsThePreset()
    {
        var sweep = BetaSweepParameters.Quick;
        Assert.Equal(sweep, new BetaSweepOverrides().ApplyTo(sweep));
        // As a notebook's parameters cell gives them: empty arrays and zeros.
        var fromNotebook = new BetaSweepOverrides { Configs = Array.Empty<string>(), Betas = Array.Empty<double>(), Seeds = Array.Empty<long>(), Epochs = 0, TrainSize = 0 };
        Assert.Equal(sweep, fromNotebook.ApplyTo(sweep));
        var study = BiasVarianceParameters.Paper;
        Assert.Equal(study, new BiasVarianceOverrides { Checkpoints = [], Estimators = [], Samples = 0 }.ApplyTo(study));
        var temperature = TemperatureStudyParameters.Quick;
        Assert.Equal(temperature, new TemperatureStudyOverrides { Taus = [], CheckpointEpochs = 0 }.ApplyTo(temperature));
    }

    [Fact]
    public void GivenValuesReplaceThePresetsAndBadOnesAreRefusedByName()
    {
        var sweep = BetaSweepParameters.FromPreset("paper", new BetaSweepOverrides { Configs = ["4x24"], Betas = [0.5], Epochs = 2, TrainSize = 100 });
        Assert.Equal(["4x24"], sweep.Configurations.Select(c => c.Configuration));
        Assert.Equal((0.5, 2, 100), (sweep.Betas.Single(), sweep.Epochs, sweep.TrainSize));
        Assert.Equal(BetaSweepParameters.Paper.Seeds, sweep.Seeds);

        var unknown = Assert.Throws<ArgumentException>(() => BetaSweepParameters.FromPreset("quick", new BetaSweepOverrides { Configs = ["9x9"] }));
        Assert.StartsWith("9x9 is not a configuration of the preset; accepted: 8x4", unknown.Message);
        // A negative count is not "the preset's": validation names it.
        var negative = BiasVarianceParameters.FromPreset("quick", new BiasVarianceOverrides { Epochs = -3 });
        Assert.Contains("-3", Assert.ThrowsAny<ArgumentException>(negative.Validate).Message);
    }

    public static TheoryData<string, Type> Notebooks => new()
    {
        { "01-beta-sweep.ipynb", typeof(BetaSweepOverrides) },
        { "02-temperature-study.ipynb", typeof(TemperatureStudyOverrides) },
        { "03-bias-variance-checkpoints.ipynb", typeof(BiasVarianceOverrides) },
        { "05-elbo-table.ipynb", typeof(ElboTableOverrides) },
    };

    [Theory, MemberData(nameof(Notebooks))]
    public void ANotebooksParametersAreItsAnalysisOverrides(string notebook, Type overrides)
    {
        var path = Path.Combine(RepositoryRoot.Find()!, "notebooks", notebook);
        var (_, parameters) = ParametersCell.Find(NotebookFile.Read(path))!.Value;
        // Besides the overrides: the preset, where and how it runs (output folder, device, threads, MNIST folder), notebook 05's
        // switch for the row defined in the notebook, notebook 03's parameters of its η × τ₂ map of ReinMax-CV (gridEtas,
        // gridTau2s, …), which the notebook applies itself, and notebook 02's of its batch-size view and its timing (batchSizes,
        // batchSizeTaus, batchSizeSamples, timingRounds), which it passes to BatchSizeParameters and StepTimingParameters.
        string[] run = ["outputDirectory", "device", "threads", "dataDirectory"];
        Assert.All(run, name => Assert.Contains(name, parameters.Select(p => p.Name)));
        var declared = parameters.Select(p => p.Name).Where(n => n is not ("preset" or "addYours") && !run.Contains(n))
            .Where(n => notebook != "03-bias-variance-checkpoints.ipynb" || !n.StartsWith("grid", StringComparison.Ordinal))
            .Where(n => notebook != "02-temperature-study.ipynb" || !(n.StartsWith("batchSize", StringComparison.Ordinal) || n.StartsWith("timing", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
        var properties = Properties(overrides).Where(p => p.Name != nameof(BetaSweepOverrides.MaxEnsemble))
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal);
        Assert.Equal(properties, declared);
    }

    [Fact]
    public void TheCommandLineReadsTheSameRecord()
    {
        var options = new OverrideOptions(typeof(BetaSweepOverrides));
        Assert.Equal(["--configs", "--betas", "--seeds", "--epochs", "--train-size", "--max-ensemble"], options.Options.Select(o => o.Name));
        var command = new RootCommand();
        options.AddTo(command);

        var read = (BetaSweepOverrides)options.Read(command.Parse(["--configs", "8x4", "--betas", "0,0.5,1e-1", "--epochs", "3"]));

        Assert.Equal(["8x4"], read.Configs);
        Assert.Equal([0, 0.5, 0.1], read.Betas);
        Assert.Equal(3, read.Epochs);
        Assert.Null(read.Seeds);
        var bad = Assert.Throws<ArgumentException>(() => options.Read(command.Parse(["--seeds", "1,two"])));
        Assert.Equal("--seeds: 'two' is not a whole number; give a comma-separated list, e.g. 0,1.", bad.Message);

        // Estimator specs hold commas, so they are given by repeating the option.
        var specs = new OverrideOptions(typeof(BiasVarianceOverrides));
        var study = new RootCommand();
        specs.AddTo(study);
        Assert.Equal(["reinmax-cv:eta=0.7,tau2=0.1", "zgr"], ((BiasVarianceOverrides)specs.Read(study.Parse(["-e", "reinmax-cv:eta=0.7,tau2=0.1", "-e", "zgr"]))).Estimators);
    }

    private static IEnumerable<PropertyInfo> Properties(Type overrides) =>
        overrides.GetProperties().Where(p => p.GetCustomAttribute<OverrideAttribute>() is not null);
}
