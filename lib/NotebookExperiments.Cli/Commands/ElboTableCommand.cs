using System.CommandLine;
using NotebookExperiments.Analyses;
using NotebookExperiments.Charts;

namespace NotebookExperiments.Cli.Commands;

/// <summary><c>elbo-table</c>: the final train and test −ELBO of every estimator on every configuration (ReinMax Table 3; Beyond ReinMax Tables 2–3).</summary>
internal static class ElboTableCommand
{
    public static Command Create()
    {
        var options = new AnalysisOptions();
        var configs = ListOption.Create("--configs", "Configurations (columns), among 8x4, 4x24, 8x16, 16x12, 64x8, 10x30");
        var estimators = new Option<string[]>("--estimators", "-e")
        {
            Description = "Rows, repeatable: a row of the table (ST, ST-GS, GR-MC100, GST-1.0, ReinMax, ReinMax-Rao, ReinMax-CV) with its tuned " +
                          "hyperparameters, or any estimator spec (a new row trained with ReinMax's optimiser and learning rate per configuration). " +
                          "Default: the seven rows.",
            AllowMultipleArgumentsPerToken = true,
        };
        var seeds = ListOption.Create("--seeds", "Seeds");
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per run." };
        var trainSize = new Option<int?>("--train-size") { Description = "Use the first N training images." };
        var maxEnsemble = new Option<int?>("--max-ensemble") { Description = "Largest number of runs trained together as one batched model (default 29)." };
        var command = new Command(ElboTable.Name, "Final train and test −ELBO of every estimator on every VAE configuration, mean ± s.e. over seeds (ReinMax Table 3; Beyond ReinMax Tables 2–3).")
        {
            configs, estimators, seeds, epochs, trainSize, maxEnsemble,
        };
        options.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            var p = ElboTableParameters.FromPreset(result.GetValue(options.Preset)!);
            if (ListOption.Parse(result.GetValue(configs), "--configs", s => s) is { } chosen) p = p.WithConfigurations(chosen);
            if (result.GetValue(estimators) is { Length: > 0 } rows) p = p.WithEstimators(rows);
            p = p with
            {
                Seeds = ListOption.Longs(result.GetValue(seeds), "--seeds") ?? p.Seeds,
                Epochs = result.GetValue(epochs) ?? p.Epochs,
                TrainSize = result.GetValue(trainSize) ?? p.TrainSize,
                MaxEnsembleSize = result.GetValue(maxEnsemble) ?? p.MaxEnsembleSize,
            };
            Run(p, options.Read(result));
            return 0;
        }, new Dictionary<string, string> { ["Configurations"] = "--configs", ["Rows"] = "--estimators", ["Seeds"] = "--seeds" }));
        return command;
    }

    /// <summary>
    /// Says what will run and how long it takes here, runs the table, and writes <c>runs.csv</c>, <c>curves.csv</c>, <c>summary.csv</c>,
    /// <c>table.csv</c>, <c>table.md</c>, <c>table.html</c> and <c>figure.html</c> (the learning curves).
    /// </summary>
    public static void Run(ElboTableParameters parameters, AnalysisOptions.Values values)
    {
        parameters.Validate();
        Console.WriteLine($"elbo-table: {parameters.Describe()}");
        Console.WriteLine($"elbo-table: {ElboTable.Plan(parameters).Describe()}");
        var (result, directory) = AnalysisConsole.Run(ElboTable.Name, values, env => ElboTable.Run(parameters, env));
        var summary = ElboTable.Summarise(result.Runs);
        var table = ElboTableReport.Table(summary);
        var subtitle = parameters.Describe();
        AnalysisConsole.SaveCsv(result.Runs, directory, "runs.csv");
        AnalysisConsole.SaveCsv(result.Curves, directory, "curves.csv");
        AnalysisConsole.SaveCsv(summary, directory, "summary.csv");
        AnalysisConsole.SaveCsv(table, directory, "table.csv");
        SaveText(ElboTableReport.ToMarkdown(summary, subtitle), directory, "table.md");
        SaveText(ElboTableReport.ToHtmlPage(summary, subtitle), directory, "table.html");
        AnalysisConsole.SaveFigure(ElboTableFigure.LearningCurves(result.Curves, subtitle), directory, "figure.html");
        AnalysisConsole.Print(table, $"Final −ELBO ({subtitle})");
        Console.WriteLine(ElboTableReport.Legend);
    }

    /// <summary>Writes a text file through a temporary file and a rename, and says where.</summary>
    private static void SaveText(string text, string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        Console.WriteLine($"wrote {path}");
    }
}
