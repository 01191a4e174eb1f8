using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Cli;
using NotebookExperiments.Notebooks;
using NotebookExperiments.Notebooks.Parameters;

namespace NotebookExperiments.Tests.Analyses.Running;

/// <summary>
/// One way to override a preset: the knobs of the parameters record, set by the same names from a notebook's parameters cell and
/// from the command line, with one rule for "not given".
/// </summary>
public class OverrideTests
{
    [Fact]
    public void NothingGivenIsThePreset()
    {
        var sweep = BetaSweepParameters.Quick;
        Assert.Equal(sweep, sweep.With(new { }));
        // As a notebook's parameters cell gives them: empty arrays and zeros.
        Assert.Equal(sweep, sweep.With(new { configurations = Array.Empty<string>(), betas = Array.Empty<double>(), seeds = Array.Empty<long>(), epochs = 0, trainSize = 0 }));
        var study = BiasVarianceParameters.Paper;
        Assert.Equal(study, study.With(new { checkpointEpochs = Array.Empty<int>(), estimators = Array.Empty<string>(), samples = 0 }));
        var temperature = TemperatureStudyParameters.Quick;
        Assert.Equal(temperature, temperature.With(new { temperatures = Array.Empty<double>(), checkpointEpoch = 0 }));
        var table = ElboTableParameters.Quick;
        Assert.Equal(table, table.With(new { configurations = Array.Empty<string>(), estimators = Array.Empty<string>() }));
    }

    [Fact]
    public void GivenValuesReplaceThePresetsAndBadOnesAreRefusedByName()
    {
        var sweep = BetaSweepParameters.Paper.With(new { configurations = new[] { "4x24" }, betas = new[] { 0.5 }, epochs = 2, trainSize = 100 });
        Assert.Equal(["4x24"], sweep.Configurations.Select(c => c.Configuration));
        Assert.Equal((0.5, 2, 100), (sweep.Betas.Single(), sweep.Epochs, sweep.TrainSize));
        Assert.Equal(BetaSweepParameters.Paper.Seeds, sweep.Seeds);
        Assert.Equal("paper", sweep.Preset);

        var unknown = Assert.Throws<ArgumentException>(() => BetaSweepParameters.Quick.With(new { configurations = new[] { "9x9" } }));
        Assert.StartsWith("9x9 is not a configuration of the preset; accepted: 8x4", unknown.Message);
        var misnamed = Assert.Throws<ArgumentException>(() => BetaSweepParameters.Quick.With(new { configs = new[] { "8x4" } }));
        Assert.StartsWith("BetaSweepParameters has no parameter 'configs'; accepted: configurations, betas, seeds, epochs, trainSize, maxEnsembleSize", misnamed.Message);
        // A negative count is not "the preset's": validation names it.
        var negative = BiasVarianceParameters.Quick.With(new { epochs = -3 });
        Assert.Contains("-3", Assert.ThrowsAny<ArgumentException>(negative.Validate).Message);
        // A knob that reaches into a nested record sets it there.
        var study = BiasVarianceParameters.Quick.With(new { epochs = 4, trainSize = 500 });
        Assert.Equal((4, 500), (study.Training.Epochs, study.Training.TrainSize));
        var temperature = TemperatureStudyParameters.Quick.With(new { checkpointEpoch = 3, checkpointTrainSize = 700, epochs = 1, trainSize = 800 });
        Assert.Equal((3, 700, 1, 800), (temperature.Checkpoint.Epochs, temperature.Checkpoint.TrainSize, temperature.Epochs, temperature.TrainSize));
        var table = ElboTableParameters.Quick.With(new { configurations = new[] { "8x16" }, estimators = new[] { "ReinMax", "zgr" } });
        Assert.Equal(["8x16"], table.Configurations);
        Assert.Equal(["ReinMax", "zgr"], table.Rows.Select(r => r.Estimator));
    }

    public static TheoryData<string, Type> Notebooks => new()
    {
        { "01-beta-sweep.ipynb", typeof(BetaSweepParameters) },
        { "02-temperature-study.ipynb", typeof(TemperatureStudyParameters) },
        { "03-bias-variance-checkpoints.ipynb", typeof(BiasVarianceParameters) },
        { "05-elbo-table.ipynb", typeof(ElboTableParameters) },
    };

    [Theory, MemberData(nameof(Notebooks))]
    public void ANotebooksParametersAreItsAnalysisKnobs(string notebook, Type parametersType)
    {
        var path = Path.Combine(RepositoryRoot.Find()!, "notebooks", notebook);
        var (_, parameters) = ParametersCell.Find(NotebookFile.Read(path))!.Value;
        // Besides the knobs: the preset, where and how it runs (output folder, device, threads, MNIST folder), notebook 05's
        // switch for the row defined in the notebook, notebook 03's parameters of its η × τ₂ map of ReinMax-CV (gridEtas,
        // gridTau2s, …), which the notebook applies itself, and notebook 02's of its batch-size view and its timing (batchSizes,
        // batchSizeTaus, batchSizeSamples, timingRounds), which it passes to BatchSizeParameters and StepTimingParameters.
        string[] run = ["outputDirectory", "device", "threads", "dataDirectory"];
        Assert.All(run, name => Assert.Contains(name, parameters.Select(p => p.Name)));
        var declared = parameters.Select(p => p.Name).Where(n => n is not ("preset" or "addYours") && !run.Contains(n))
            .Where(n => notebook != "03-bias-variance-checkpoints.ipynb" || !n.StartsWith("grid", StringComparison.Ordinal))
            .Where(n => notebook != "02-temperature-study.ipynb" || !(n.StartsWith("batchSize", StringComparison.Ordinal) || n.StartsWith("timing", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
        var knobs = Override.Knobs(parametersType).Select(k => Override.CamelCase(k.Name)).Where(n => n != "maxEnsembleSize").Order(StringComparer.Ordinal);
        Assert.Equal(knobs, declared);
    }

    [Fact]
    public void TheCommandLineReadsTheSameKnobsByTheSameNames()
    {
        var options = new OverrideOptions(typeof(BetaSweepParameters));
        Assert.Equal(["--configurations", "--betas", "--seeds", "--epochs", "--train-size", "--max-ensemble-size"], options.Options.Select(o => o.Name));
        var command = new RootCommand();
        command.AddOptions(options.Options);

        // The earlier names stay as aliases.
        var read = options.Read(command.Parse(["--configs", "8x4", "--betas", "0,0.5,1e-1", "--epochs", "3"])).ToDictionary();
        Assert.Equal(["Configurations", "Betas", "Epochs"], read.Keys);
        Assert.Equal(["8x4"], (IEnumerable<string>)read["Configurations"]!);
        Assert.Equal([0, 0.5, 0.1], (IEnumerable<double>)read["Betas"]!);
        var sweep = new BetaSweep().Prepare("quick", read).Parameters as BetaSweepParameters;
        Assert.Equal((3, 3), (sweep!.Epochs, sweep.Betas.Count));
        var bad = Assert.Throws<ArgumentException>(() => options.Read(command.Parse(["--seeds", "1,two"])));
        Assert.Equal("--seeds: 'two' is not a whole number; give a comma-separated list, e.g. 0,1.", bad.Message);
        Assert.Equal("--betas", options.ValidatedNames["beta"]);

        // Estimator specs hold commas, so they are given by repeating the option.
        var specs = new OverrideOptions(typeof(BiasVarianceParameters));
        var study = new RootCommand();
        study.AddOptions(specs.Options);
        Assert.Equal(["reinmax-cv:eta=0.7,tau2=0.1", "zgr"], (IEnumerable<string>)specs.Read(study.Parse(["-e", "reinmax-cv:eta=0.7,tau2=0.1", "-e", "zgr"])).Single().Value!);
        var temperature = new OverrideOptions(typeof(TemperatureStudyParameters));
        Assert.Equal(["--checkpoint-epoch", "--checkpoint-train-size", "--temperatures", "--samples", "--training-temperatures", "--epochs", "--train-size", "--seeds"],
            temperature.Options.Select(o => o.Name));
        Assert.Contains("--taus", temperature.Options.Single(o => o.Name == "--temperatures").Aliases);
    }
}
