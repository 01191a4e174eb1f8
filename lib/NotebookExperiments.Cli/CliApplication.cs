using System.CommandLine;
using NotebookExperiments.Cli.Commands;

namespace NotebookExperiments.Cli;

/// <summary>The command line: one command per file under <c>Commands/</c>, each a thin translation of options into library calls.</summary>
public static class CliApplication
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("NotebookExperiments: gradient estimators for categorical latent variables.")
        {
            EstimatorsCommand.Create(),
            EstimatorStatsCommand.Create(),
            FetchDataCommand.Create(),
            TrainCommand.Create(),
        };
        foreach (var analysis in NotebookExperiments.Analyses.AnalysisRegistry.All) root.Subcommands.Add(AnalysisCommand.Create(analysis));
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(RunNotebookCommand.Create());
        root.Subcommands.Add(RenderNotebooksCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line; returns the exit code (0 success, 1 invalid usage, 2 a reported error).</summary>
    public static Task<int> RunAsync(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();
}
