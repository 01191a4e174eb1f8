return await NotebookExperiments.Cli.CliApplication.RunAsync(args);
