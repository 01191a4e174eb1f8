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
        var overrides = new OverrideOptions<ElboTableOverrides>();
        var command = new Command(ElboTable.Name, "Final train and test −ELBO of every estimator on every VAE configuration, mean ± s.e. over seeds (ReinMax Table 3; Beyond ReinMax Tables 2–3).");
        overrides.AddTo(command);
        options.AddTo(command);
        command.SetAction(result => CommonOptions.Guard(() =>
        {
            Run(ElboTableParameters.FromPreset(result.GetValue(options.Preset)!, overrides.Read(result)), options.Read(result));
            return 0;
        }, overrides.ValidatedNames));
        return command;
    }

    /// <summary>
    /// Says what will run and how long it takes here, runs the table, and writes <c>runs.csv</c>, <c>curves.csv</c>, <c>summary.csv</c>,
    /// <c>table.csv</c>, <c>table.md</c>, <c>table.html</c> and <c>figure.html</c> (the learning curves).
    /// </summary>
    public static void Run(ElboTableParameters parameters, AnalysisOptions.Values values)
    {
        if (values.Scope is not null)
            throw new ArgumentException("--shard, --merge: the elbo-table analysis is not split into shards yet; run it on one machine without them.");
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
