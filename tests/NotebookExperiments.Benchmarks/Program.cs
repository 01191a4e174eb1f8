return await NotebookExperiments.Benchmarks.BenchmarkApplication.RunAsync(args);
