using NotebookExperiments.Tests.Data;

namespace NotebookExperiments.Tests.Cli.Process;

/// <summary>
/// Tests that run the command line as separate processes on the real MNIST files. Each process uses every core, so they run
/// one at a time and after the parallel tests, where they do not slow the many short tests. The README's main job, minutes
/// long, runs beside the parallel tests instead (<see cref="MainJobCollection"/>).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection : ICollectionFixture<MnistFixture>
{
    public const string Name = "Command-line processes";
}
